package dev.tollgate.decisionlog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * Appends lines to {@code decisions.jsonl} in a folder, rotating it by size and by day into
 * {@code decisions-<first seq>.jsonl.gz}. Each line is one {@code write} to the file, so it is with the
 * operating system when {@link #append} returns.
 */
final class FileSink implements Sink {
  private final Path dir;
  private final Path active;
  private final long maxBytes;
  private final ExecutorService compressor = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "tollgate-decision-log-gzip");
    t.setDaemon(true);
    return t;
  });
  private volatile FileChannel channel;
  private long size;
  /** The seq of the active file's first entry, 0 while it has none. */
  private long firstSeq;
  /** The date (of the log's clock) the active file was started on. */
  private LocalDate day;
  /** The last entry in the log when it was opened, null if none. */
  private final ObjectNode last;

  /**
   * Opens the folder, creating it, and reads where the chain stands; a line cut short at the end of the
   * active file (power lost in the middle of a write) is cut off.
   *
   * @throws UncheckedIOException if the folder or the active file cannot be read or made
   */
  FileSink(Path dir, long maxBytes, LocalDate today) {
    this.dir = dir;
    this.active = dir.resolve(LogFiles.ACTIVE);
    this.maxBytes = maxBytes;
    try {
      Files.createDirectories(dir);
      for (Path f : LogFiles.list(dir)) {
        if (!f.equals(active) && !f.toString().endsWith(".gz")) {
          Path plain = f;
          compressor.execute(() -> compress(plain));
        }
      }
      ObjectNode lastEntry = null;
      ObjectNode firstEntry = null;
      if (Files.isRegularFile(active)) {
        cutPartialLine();
        try (BufferedReader in = LogFiles.open(active)) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            ObjectNode node = Entries.read(line);
            if (node.has("seq")) {
              lastEntry = node;
              if (firstEntry == null) {
                firstEntry = node;
              }
            }
          }
        }
      }
      if (lastEntry == null) {
        List<Path> files = LogFiles.list(dir);
        for (int i = files.size() - 1; i >= 0 && lastEntry == null; i--) {
          if (!files.get(i).equals(active)) {
            lastEntry = lastEntryOf(files.get(i));
          }
        }
      }
      this.last = lastEntry;
      this.firstSeq = firstEntry == null ? 0 : firstEntry.get("seq").asLong();
      this.day = firstEntry == null ? today : LocalDate.parse(firstEntry.get("decidedAt").asText().substring(0, 10));
      open();
    } catch (IOException e) {
      throw new UncheckedIOException("decision log " + dir + " cannot be opened: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("decision log " + active + " has a line that is not an entry: " + e.getMessage(), e);
    }
  }

  private static ObjectNode lastEntryOf(Path file) throws IOException {
    ObjectNode last = null;
    try (BufferedReader in = LogFiles.open(file)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        ObjectNode node = Entries.read(line);
        if (node.has("seq")) {
          last = node;
        }
      }
    }
    return last;
  }

  private void cutPartialLine() throws IOException {
    try (FileChannel ch = FileChannel.open(active, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long end = ch.size();
      long keep = end;
      ByteBuffer one = ByteBuffer.allocate(1);
      while (keep > 0) {
        one.clear();
        ch.read(one, keep - 1);
        if (one.get(0) == '\n') {
          break;
        }
        keep--;
      }
      if (keep < end) {
        ch.truncate(keep);
      }
    }
  }

  private void open() throws IOException {
    channel = FileChannel.open(active, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    size = channel.size();
  }

  @Override
  public ObjectNode last() {
    return last;
  }

  @Override
  public boolean due(LocalDate today) {
    return size > 0 && (size >= maxBytes || !today.equals(day));
  }

  /**
   * {@inheritDoc} A failure (disk full, file gone) is an {@link UncheckedIOException}; the next append
   * opens the file afresh.
   */
  @Override
  public void append(String line, long seq, String decisionId, LocalDate today) {
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      if (channel == null) {
        if (Files.isRegularFile(active)) {
          cutPartialLine();
        }
        open();
      }
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    } catch (IOException e) {
      FileChannel broken = channel;
      channel = null;
      try {
        if (broken != null) {
          broken.close();
        }
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new UncheckedIOException("decision log " + active + " cannot be written: " + e.getMessage(), e);
    }
    if (size == 0) {
      day = today;
    }
    size += bytes.length;
    if (firstSeq == 0 && seq > 0) {
      firstSeq = seq;
    }
  }

  /** Forces the active file to disk and closes it; the next append opens it again. */
  private void forceAndClose() throws IOException {
    FileChannel ch = channel;
    channel = null;
    if (ch != null) {
      ch.force(false);
      ch.close();
    }
  }

  /** Closes the active file, renames it for its first entry and compresses it in the background. */
  @Override
  public void rotate() {
    try {
      forceAndClose();
      Path rotated = dir.resolve(LogFiles.rotatedName(firstSeq));
      Files.move(active, rotated, StandardCopyOption.ATOMIC_MOVE);
      compressor.execute(() -> compress(rotated));
      firstSeq = 0;
      open();
    } catch (IOException e) {
      throw new UncheckedIOException("decision log " + active + " cannot be rotated: " + e.getMessage(), e);
    }
  }

  /** Writes {@code plain}.gz, forces it to disk, then deletes {@code plain}; a failure leaves {@code plain}. */
  private static void compress(Path plain) {
    Path gz = Path.of(plain + ".gz");
    try {
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz), 1 << 16)) {
        Files.copy(plain, out);
      }
      try (FileChannel ch = FileChannel.open(gz, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.delete(plain);
    } catch (IOException e) {
      // The plain file stays and is read as it is; the next start compresses it again.
      try {
        Files.deleteIfExists(gz);
      } catch (IOException ignored) {
        e.addSuppressed(ignored);
      }
    }
  }

  /**
   * {@inheritDoc} Runs on the log's timer, beside the writer: a file that rotation closes meanwhile was forced
   * by the rotation, so its closing is no failure.
   */
  @Override
  public void force() throws IOException {
    FileChannel ch = channel;
    if (ch == null) {
      return;
    }
    try {
      ch.force(false);
    } catch (ClosedChannelException e) {
      if (ch == channel) {
        throw e;
      }
    }
  }

  @Override
  public String find(String decisionId) {
    // The id is matched as text in the line before the line is parsed; Jackson writes it without spaces.
    String needle = "\"decisionId\":" + Entries.write(Entries.MAPPER.getNodeFactory().textNode(decisionId)) + ",";
    try {
      List<Path> files = LogFiles.list(dir);
      for (int i = files.size() - 1; i >= 0; i--) {
        try (BufferedReader in = LogFiles.open(files.get(i))) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.contains(needle) && decisionId.equals(idOf(line))) {
              return line;
            }
          }
        } catch (NoSuchFileException e) {
          // Rotated and compressed while being looked at: the compressed file comes up in a new listing.
          return find(decisionId);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("decision log " + dir + " cannot be read: " + e.getMessage(), e);
    }
    return null;
  }

  /** The decision id of a line, or null if it is not (yet) a whole entry: the last line may be half written. */
  private static String idOf(String line) {
    try {
      return Entries.read(line).path("decisionId").asText(null);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return dir.toString();
  }

  @Override
  public void close() {
    compressor.shutdown();
    try {
      forceAndClose();
      compressor.awaitTermination(1, TimeUnit.MINUTES);
    } catch (IOException e) {
      throw new UncheckedIOException("decision log " + active + " cannot be closed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
