package dev.tollgate.decisionlog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's ring: what a consumer reads while deciding threads write. */
class JournalTest {
  private static final byte[] KEY = new byte[16];

  @TempDir
  Path dir;

  private static byte[] payload(int n) {
    byte[] p = new byte[n];
    for (int i = 0; i < n; i++) {
      p[i] = (byte) (i * 31 + 7);
    }
    return p;
  }

  /**
   * A record is committed by writing its own position into it last. At position 0 that is what empty memory
   * holds already, so a consumer racing the first append could read a header half written (an empty payload
   * whose CRC, 0, matched); the first record of a fresh ring is therefore never at position 0.
   */
  @Test
  void aFreshRing_putsItsFirstRecordAfterPositionZero() {
    try (Journal journal = new Journal(dir.resolve("j"), Journal.MIN_CAPACITY, KEY)) {
      assertEquals(List.of(), journal.recover(e -> false));
      assertNull(journal.next());
      assertTrue(journal.append(payload(100), 100, 0, false));
      Journal.Entry first = journal.next();
      assertNotEquals(0, first.position());
      assertArrayEquals(payload(100), first.payload());
    }
  }

  @Test
  void aConsumerRacingTheFirstAppend_readsTheWholeRecordOrNothing() throws Exception {
    byte[] sent = payload(100);
    List<String> wrong = new ArrayList<>();
    for (int round = 0; round < 300 && wrong.isEmpty(); round++) {
      Path file = dir.resolve("j" + round);
      try (Journal journal = new Journal(file, Journal.MIN_CAPACITY, round % 2 == 0 ? KEY : null)) {
        journal.recover(e -> false);
        AtomicReference<Journal.Entry> read = new AtomicReference<>();
        Thread consumer = new Thread(() -> {
          Journal.Entry e;
          while ((e = journal.next()) == null) {
            Thread.onSpinWait();
          }
          read.set(e);
        });
        consumer.start();
        journal.append(sent, sent.length, 0, false);
        consumer.join(10_000);
        byte[] got = read.get().payload();
        if (got.length != sent.length) {
          wrong.add("round " + round + ": " + got.length + " bytes");
        }
      }
      Files.delete(file);
    }
    assertEquals(List.of(), wrong);
  }
  /**
   * The consumed position is written to the file before appenders are let into the space it frees: a process
   * killed between the two stores would otherwise leave a file whose tail is behind records appended into
   * that space, which recovery, scanning one lap from the file's tail, would not find.
   */
  @Test
  void theFilesTail_isNeverBehindTheTailAppendersAct_on() throws Exception {
    Path f = dir.resolve("j");
    VarHandle longs = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    try (Journal journal = new Journal(f, Journal.MIN_CAPACITY, null);
         FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
      journal.recover(e -> false);
      MappedByteBuffer file = ch.map(FileChannel.MapMode.READ_ONLY, 0, 4096);
      Field tail = Journal.class.getDeclaredField("tail");
      tail.setAccessible(true);
      AtomicBoolean stop = new AtomicBoolean();
      Thread appender = new Thread(() -> {
        byte[] p = new byte[1];
        while (!stop.get()) {
          journal.append(p, 1, 1_000_000_000L, false);
        }
      });
      Thread consumer = new Thread(() -> {
        while (!stop.get()) {
          Journal.Entry e = journal.next();
          if (e != null) {
            journal.consumed(e);
          }
        }
      });
      appender.start();
      consumer.start();
      long behind = 0;
      long samples = 0;
      for (long end = System.nanoTime() + 2_000_000_000L; System.nanoTime() < end; samples++) {
        long seen = tail.getLong(journal);
        if (seen > (long) longs.getAcquire(file, 64)) {
          behind++;
        }
      }
      stop.set(true);
      appender.join();
      consumer.join();
      assertEquals(0, behind, "samples with the file's tail behind, of " + samples);
    }
  }

  @Test
  void aCapacityThatIsNotAMultipleOf32_isRefusedBeforeAFileIsMade() {
    Path f = dir.resolve("c");
    assertThrows(IllegalArgumentException.class, () -> new Journal(f, Journal.MIN_CAPACITY + 16, null));
    assertTrue(!Files.exists(f) || f.toFile().length() == 0, "no header of a bad capacity is left for the next open");
  }

  @Test
  void aFailedAppend_leavesNoHole_andLaterRecordsArrive() {
    try (Journal journal = new Journal(dir.resolve("x"), Journal.MIN_CAPACITY, KEY)) {
      journal.recover(e -> false);
      assertThrows(IndexOutOfBoundsException.class, () -> journal.append(new byte[10], 100, 0, false));
      assertTrue(journal.append(payload(100), 100, 0, false));
      Journal.Entry next = journal.next();
      assertArrayEquals(payload(100), next == null ? null : next.payload(), "the record after the failed one");
    }
  }
}
