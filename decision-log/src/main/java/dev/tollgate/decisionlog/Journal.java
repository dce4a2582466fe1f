package dev.tollgate.decisionlog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.zip.CRC32C;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A ring of records in a memory-mapped file, written by deciding threads and read by one consumer. A record
 * written into the mapping is in the operating system's page cache, so it survives the death of the process;
 * {@link #recover} finds the records a dead process left unconsumed.
 *
 * <p>Layout: a 4 KiB header (magic, capacity, generation, and at offset 64 the consumed position), then
 * the ring. Positions only grow; a record starts at a multiple of 32 and is never split at the ring's end
 * (a pad record fills the rest of the lap); a fresh ring starts at position 32, as position 0 is the one a
 * commit cannot be told from empty memory at. A record is a 32-byte header (its position, size, payload
 * length, CRC-32C of the payload, generation, flags) and its payload, AES-128-CTR encrypted when a key is
 * given (the IV is the generation and the position, so no keystream is used twice). The position is written
 * last, with release semantics: a reader that finds a record's own position at its start has the whole
 * record. Space is reserved with a compare-and-set on the head, so deciding threads never take a lock.
 */
final class Journal implements AutoCloseable {
  private static final long MAGIC = 0x31304c4e524a4754L;
  private static final int FILE_HEADER = 4096;
  private static final int TAIL_AT = 64;
  private static final int HEADER = 32;
  private static final int FLAG_PAD = 1;
  /** Below a megabyte a ring holds too few decisions to ride out a pause of the consumer. */
  static final long MIN_CAPACITY = 1L << 20;
  private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final Path file;
  private final FileChannel channel;
  private final MappedByteBuffer map;
  private final long capacity;
  private final int generation;
  private final SecretKeySpec key;
  private final ThreadLocal<Cipher> ciphers;
  private final AtomicLong head = new AtomicLong();
  private volatile long tail;

  /** A record read back: where it starts, how many bytes of the ring it takes, and its payload in clear. */
  record Entry(long position, int size, byte[] payload) {}

  /**
   * Opens the journal at {@code file}, making it with {@code capacity} bytes of ring if it does not exist (an
   * existing journal keeps its own capacity), and starts a new generation.
   *
   * @param key the AES key of the payloads (16 bytes), or null to write them in clear
   * @throws UncheckedIOException if the file cannot be made, read or mapped
   * @throws IllegalStateException if the file is not a journal
   */
  Journal(Path file, long capacity, byte[] key) {
    this.file = file;
    this.key = key == null ? null : new SecretKeySpec(key, "AES");
    this.ciphers = ThreadLocal.withInitial(Journal::newCipher);
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      if (!fits(capacity)) {
        throw new IllegalArgumentException("a journal's capacity must be a multiple of 32 from 1 MiB, was " + capacity);
      }
      boolean fresh = !Files.exists(file) || Files.size(file) == 0;
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      if (fresh) {
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putLong(MAGIC).putLong(capacity).putInt(0).flip();
        channel.write(header, 0);
        channel.write(ByteBuffer.wrap(new byte[1]), FILE_HEADER + capacity - 1);
        channel.force(true);
      }
      ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
      channel.read(header, 0);
      header.flip();
      if (header.remaining() < 24 || header.getLong() != MAGIC) {
        throw new IllegalStateException(file + " is not a decision log journal");
      }
      this.capacity = header.getLong();
      if (!fits(this.capacity) || channel.size() < FILE_HEADER + this.capacity) {
        throw new IllegalStateException(file + " is a damaged decision log journal (capacity " + this.capacity + ")");
      }
      this.generation = header.getInt() + 1;
      map = channel.map(FileChannel.MapMode.READ_WRITE, 0, FILE_HEADER + this.capacity);
      map.order(ByteOrder.LITTLE_ENDIAN);
      map.putInt(16, generation);
      map.force(0, FILE_HEADER);
      tail = (long) LONGS.getAcquire(map, TAIL_AT);
      if (tail == 0 && map.getInt(FILE_HEADER + 8) == 0) {
        // A record commits by writing its position into itself, but at position 0 empty memory holds that
        // already: a consumer could take a header half written for a record. A fresh ring starts after it.
        consumed(HEADER);
      }
      head.set(tail);
    } catch (IOException e) {
      throw new UncheckedIOException("the decision log's journal " + file + " cannot be opened: " + e.getMessage(), e);
    }
  }

  /**
   * The records a previous process left unconsumed, in order, for the consumer to read again with
   * {@link #next}. Those {@code done} accepts, and every one before them, are already in the log (the
   * process died between writing one and marking it consumed) and are skipped. Call once, before any append.
   */
  List<Entry> recover(Predicate<Entry> done) {
    List<Entry> found = new ArrayList<>();
    long end = tail;
    for (long q = tail; q < tail + capacity; ) {
      Entry e = read(q);
      if (e == null) {
        q += HEADER;
      } else {
        if (e.payload != null) {
          found.add(e);
        }
        q += e.size;
        end = q;
      }
    }
    int skip = 0;
    for (int i = 0; i < found.size(); i++) {
      if (done.test(found.get(i))) {
        skip = i + 1;
      }
    }
    List<Entry> left = found.subList(skip, found.size());
    // Gaps (space a dead thread reserved but never committed) become pads, so the consumer walks the ring.
    long q = skip == 0 ? tail : found.get(skip - 1).position + found.get(skip - 1).size;
    consumed(q);
    for (Entry e : left) {
      pad(q, e.position);
      q = e.position + e.size;
    }
    pad(q, end);
    head.set(end);
    return List.copyOf(left);
  }

  /**
   * Appends a record, waiting while the ring is full; with {@code force}, the record is on disk when this returns.
   *
   * @return false if the ring stayed full for {@code waitNanos}
   * @throws IllegalArgumentException if the record can never fit
   */
  boolean append(byte[] payload, int length, long waitNanos, boolean force) {
    if (length < 0 || length > payload.length) {
      throw new IndexOutOfBoundsException("length " + length + " of a payload of " + payload.length);
    }
    int size = align(HEADER + length);
    if (size > capacity / 2) {
      throw new IllegalArgumentException("a decision of " + length + " bytes does not fit a journal of " + capacity);
    }
    long deadline = 0;
    long p;
    long start;
    while (true) {
      p = head.get();
      long off = p % capacity;
      start = off + size > capacity ? p + (capacity - off) : p;
      if (start + size - tail > capacity) {
        long now = System.nanoTime();
        if (deadline == 0) {
          deadline = now + waitNanos;
        } else if (now - deadline > 0) {
          return false;
        }
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(50));
        continue;
      }
      if (head.compareAndSet(p, start + size)) {
        break;
      }
    }
    pad(p, start);
    try {
      write(start, size, payload, length);
    } catch (Throwable x) {
      pad(start, start + size); // the space is reserved: leave a pad, not a hole the consumer waits at for ever
      throw x;
    }
    if (force) {
      map.force(index(start), size);
    }
    return true;
  }

  private void write(long start, int size, byte[] payload, int length) {
    int at = index(start);
    CRC32C crc = new CRC32C();
    crc.update(payload, 0, length);
    if (key == null) {
      map.put(at + HEADER, payload, 0, length);
    } else {
      try {
        Cipher cipher = ciphers.get();
        cipher.init(Cipher.ENCRYPT_MODE, key, iv(generation, start));
        int n = cipher.doFinal(ByteBuffer.wrap(payload, 0, length), map.slice(at + HEADER, length));
        if (n != length) {
          throw new IllegalStateException("AES-CTR wrote " + n + " bytes of " + length);
        }
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the journal's cipher failed: " + e.getMessage(), e);
      }
    }
    commit(start, size, length, (int) crc.getValue(), 0);
  }

  /** Forces the ring to disk. */
  void force() {
    map.force();
  }

  /** The next record to consume, or null if it is not (yet) there; pad records are consumed on the way. */
  Entry next() {
    while (true) {
      long t = tail;
      if (head.get() == t) {
        return null;
      }
      Entry e = read(t);
      if (e == null) {
        return null;
      }
      if (e.payload != null) {
        return e;
      }
      consumed(t + e.size);
    }
  }

  /** Whether every record appended so far was consumed. */
  boolean drained() {
    return head.get() == tail;
  }

  /** Marks {@code e} consumed: zeroes it, so what is in the log is not kept here too, and moves the tail past it. */
  void consumed(Entry e) {
    map.put(index(e.position), new byte[e.size]);
    consumed(e.position + e.size);
  }

  private void consumed(long position) {
    LONGS.setRelease(map, TAIL_AT, position); // the file first: appenders may reuse the space once they see the field
    tail = position;
  }

  /** The record at {@code q}, with a null payload for a pad; null if none was committed there. */
  private Entry read(long q) {
    int at = index(q);
    if ((long) LONGS.getAcquire(map, at) != q) {
      return null;
    }
    int size = map.getInt(at + 8);
    int length = map.getInt(at + 12);
    int crc = map.getInt(at + 16);
    int gen = map.getInt(at + 20);
    int flags = map.getInt(at + 24);
    if (size < HEADER || size % HEADER != 0 || q % capacity + size > capacity || length < 0 || length > size - HEADER) {
      return null;
    }
    if ((flags & FLAG_PAD) != 0) {
      return new Entry(q, size, null);
    }
    byte[] payload = new byte[length];
    map.get(at + HEADER, payload);
    if (key != null) {
      try {
        Cipher cipher = ciphers.get();
        cipher.init(Cipher.DECRYPT_MODE, key, iv(gen, q));
        payload = cipher.doFinal(payload);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the journal's cipher failed: " + e.getMessage(), e);
      }
    }
    CRC32C check = new CRC32C();
    check.update(payload);
    return (int) check.getValue() == crc ? new Entry(q, size, payload) : null;
  }

  /** Fills {@code [from, to)} with pad records, one per lap it touches. */
  private void pad(long from, long to) {
    for (long q = from; q < to; ) {
      long lapEnd = q - q % capacity + capacity;
      long end = Math.min(to, lapEnd);
      commit(q, (int) (end - q), 0, 0, FLAG_PAD);
      q = end;
    }
  }

  private void commit(long q, int size, int length, int crc, int flags) {
    int at = index(q);
    map.putInt(at + 8, size);
    map.putInt(at + 12, length);
    map.putInt(at + 16, crc);
    map.putInt(at + 20, generation);
    map.putInt(at + 24, flags);
    LONGS.setRelease(map, at, q);
  }

  /** Whether a ring of {@code capacity} bytes is one this class can map and walk. */
  private static boolean fits(long capacity) {
    return capacity % HEADER == 0 && capacity >= MIN_CAPACITY && FILE_HEADER + capacity <= Integer.MAX_VALUE;
  }

  private int index(long q) {
    return (int) (FILE_HEADER + q % capacity);
  }

  private static int align(int n) {
    return (n + HEADER - 1) / HEADER * HEADER;
  }

  private static IvParameterSpec iv(int generation, long position) {
    byte[] iv = new byte[16];
    ByteBuffer.wrap(iv).putInt(generation).putLong(position);
    return new IvParameterSpec(iv);
  }

  private static Cipher newCipher() {
    try {
      return Cipher.getInstance("AES/CTR/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no AES-CTR", e);
    }
  }

  @Override
  public void close() {
    try {
      map.force();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("the decision log's journal " + file + " cannot be closed: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "Journal[" + file + ", " + capacity + " bytes]";
  }
}
