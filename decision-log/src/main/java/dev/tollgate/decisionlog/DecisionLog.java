package dev.tollgate.decisionlog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.Decision;
import dev.tollgate.DecisionListener;
import dev.tollgate.PolicyEngine;
import dev.tollgate.Request;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.crypto.Mac;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one entry per decision to a folder of JSON lines: the request as decided (masked), the decision,
 * the packs and their digests, the overrides that applied, the contacts the windows counted and Tollgate's
 * version; each entry carries the hash of the one before (RFC 8785), and signed checkpoints follow at
 * intervals. Give it to {@link PolicyEngine.Builder#decisionLog}:
 *
 * <pre>{@code
 * DecisionLog log = DecisionLog.toFolder(Path.of("decisions"))
 *     .maskingKey(Path.of("mask.key")).signingKey(Path.of("log-signing.pem")).build();
 * PolicyEngine engine = PolicyEngine.builder().bundledPacks().decisionLog(log).build();
 * }</pre>
 *
 * <p>Thread-safe. The deciding thread only copies the request and decision, encrypted, into a memory-mapped
 * journal: once there they are with the operating system, so a process killed right after the decision is
 * returned still leaves them, and the next log opened on the same journal writes them first. A writer thread
 * builds, masks, chains and writes the entries, and forces the log and the journal to disk at the configured
 * interval, which bounds what a power failure can lose. While the writer cannot write (disk full, table gone)
 * every decision throws, which makes the engine answer DENY (no call without evidence) unless
 * {@link Builder#failOpen()} was chosen; decisions journaled before the failure was seen stay in the journal
 * and are written once the log can be written again. A journal that stays full for a second (the writer is
 * behind or stuck) makes the decision throw as well.
 */
public final class DecisionLog implements DecisionListener, AutoCloseable {
  private static final String VERSION = version();
  private static final long FULL_WAIT = TimeUnit.SECONDS.toNanos(1);
  private static final Logger LOG = LoggerFactory.getLogger(DecisionLog.class);
  private static final long RETRY = TimeUnit.MILLISECONDS.toNanos(50);
  private static final byte[] JOURNAL_KEY_LABEL = "tollgate decision log journal".getBytes(StandardCharsets.US_ASCII);

  private final Sink sink;
  private final Masking masking;
  private final Mac mac;
  private final PrivateKey signingKey;
  private final int checkpointEvery;
  private final boolean failOpen;
  private final Clock clock;
  private final ScheduledExecutorService syncer;
  private final boolean syncEach;
  private final Journal journal;
  private final Thread writer;
  private final ThreadLocal<Record> records = ThreadLocal.withInitial(Record::new);
  private long seq;
  private String prev;
  private int sinceCheckpoint;
  private final AtomicLong failures = new AtomicLong();
  private boolean sinkClosed;
  private volatile boolean closed;
  /** Why the writer's last attempt failed, null once it writes again. */
  private volatile RuntimeException failure;
  /** The writer's failed attempts since it last wrote; the writer's own. */
  private long failedInARow;

  private DecisionLog(Builder b) {
    this.masking = b.masking;
    this.mac = b.maskingKey == null ? null : Entries.mac(Keys.maskingKey(b.maskingKey));
    this.signingKey = b.signingKey == null ? null : Keys.signingKey(b.signingKey);
    this.checkpointEvery = b.checkpointEvery;
    this.failOpen = b.failOpen;
    this.clock = b.clock;
    this.sink = b.dataSource != null ? JdbcSink.open(b.dataSource, b.table) : new FileSink(b.folder, b.rotateBytes, today());
    ObjectNode last = sink.last();
    this.seq = last == null ? 0 : last.get("seq").asLong();
    this.prev = last == null ? Entries.GENESIS : last.get("hash").asText();
    this.syncEach = b.fsync.isZero();
    byte[] maskingKey = b.maskingKey == null ? null : Keys.maskingKey(b.maskingKey);
    this.journal = new Journal(b.journal, b.journalBytes, maskingKey == null ? null : journalKey(maskingKey));
    String lastId = last == null ? null : last.path("decisionId").asText(null);
    journal.recover(e -> lastId != null && lastId.equals(Record.decisionId(e.payload())));
    writer = new Thread(this::writeJournal, "tollgate-decision-log-writer");
    writer.setDaemon(true);
    writer.start();
    if (syncEach) {
      syncer = null;
    } else {
      syncer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tollgate-decision-log-fsync");
        t.setDaemon(true);
        return t;
      });
      long millis = b.fsync.toMillis();
      syncer.scheduleWithFixedDelay(this::force, millis, millis, TimeUnit.MILLISECONDS);
    }
  }

  /** A log written to {@code folder} (created if missing). */
  public static Builder toFolder(Path folder) {
    return new Builder(Objects.requireNonNull(folder, "folder"), null, null);
  }

  /**
   * A log written to a table of a database, H2 or PostgreSQL, such as the ledger's; the table and its schema
   * table ({@code <table>_schema}) are created or migrated when the log is built. One log writes a table:
   * give each engine that logs its own table.
   *
   * @param table the table's name: a letter, then letters, digits and underscores; e.g. {@code tollgate_decision_log}
   * @throws IllegalArgumentException if the table's name is not of that form
   */
  public static Builder toDatabase(DataSource dataSource, String table) {
    Objects.requireNonNull(dataSource, "dataSource");
    return new Builder(null, dataSource, JdbcSink.checkTable(table));
  }

  /**
   * Journals a decision: its entry is with the operating system when this returns.
   *
   * @throws IllegalStateException if the log is closed, its writer is failing, or the journal stayed full
   *     (unless the log fails open)
   */
  @Override
  public void decided(Request request, Decision decision, long nanos) {
    if (closed) {
      throw new IllegalStateException("the decision log is closed");
    }
    RuntimeException failed = failure;
    if (failed != null && !failOpen) {
      throw new IllegalStateException("the decision log cannot be written: " + failed.getMessage(), failed);
    }
    Record r = records.get();
    r.write(clock.instant(), decision.decisionId(), decision.at() == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(decision.at()),
        request == null ? null : request.toJson().getBytes(StandardCharsets.UTF_8), decision.toJson().getBytes(StandardCharsets.UTF_8));
    if (!journal.append(r.bytes, r.length, FULL_WAIT, syncEach)) {
      failures.incrementAndGet();
      if (!failOpen) {
        throw new IllegalStateException("the decision log's journal stayed full for a second: its writer is behind or stuck");
      }
    }
  }

  /**
   * The writer thread: entries from the journal, oldest first (those a dead process left come first), into
   * the sink; a failed write is retried until it succeeds or the log is closed.
   */
  private void writeJournal() {
    while (true) {
      Journal.Entry e = journal.next();
      if (e == null) {
        if (closed && journal.drained()) {
          return;
        }
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
      } else if (write(e)) {
        journal.consumed(e);
      } else if (closed) {
        return;
      } else {
        LockSupport.parkNanos(RETRY);
      }
    }
  }

  /** Builds, masks, chains and writes the entry of a journal record; false if it could not be written. */
  private boolean write(Journal.Entry e) {
    String decisionId = null;
    try {
      ByteBuffer in = ByteBuffer.wrap(e.payload());
      long seconds = in.getLong();
      int nano = in.getInt();
      decisionId = Record.text(in);
      String at = Record.text(in);
      byte[] request = Record.bytes(in);
      byte[] decision = Record.bytes(in);
      ObjectNode entry = Entries.MAPPER.createObjectNode();
      entry.put("decisionId", decisionId);
      entry.put("at", at);
      entry.put("decidedAt", Instant.ofEpochSecond(seconds, nano).toString());
      entry.put("tollgate", VERSION);
      if (request == null) {
        entry.putNull("request");
      } else {
        ObjectNode masked = Entries.read(new String(request, StandardCharsets.UTF_8));
        Entries.mask(masked, masking, mac);
        entry.set("request", masked);
      }
      entry.set("decision", Entries.read(new String(decision, StandardCharsets.UTF_8)));
      // The body's JSON and digest, most of the work, are made before the lock; the chain's three members
      // are appended to the object inside it.
      String body = Entries.write(entry);
      Instant decidedAt = Instant.ofEpochSecond(seconds, nano);
      append(body.substring(0, body.length() - 1), decisionId, Entries.bodyDigest(entry),
          LocalDate.ofInstant(decidedAt, ZoneOffset.UTC));
      if (failure != null) {
        LOG.warn("the decision log writes again, after {} failed attempt{}", failedInARow, failedInARow == 1 ? "" : "s");
        failure = null;
        failedInARow = 0;
      }
      return true;
    } catch (RuntimeException x) {
      if (failure == null) {
        // Once per outage, not once per retry.
        LOG.warn("the decision log cannot write the entry of decision {}: it stays in the journal and is retried"
            + " every {} ms; until it is written, {}", decisionId, TimeUnit.NANOSECONDS.toMillis(RETRY),
            failOpen ? "decisions stand without entries (fail open)" : "every decision is a DENY citing TOLLGATE-EVALUATION-ERROR", x);
      }
      failure = x;
      failedInARow++;
      failures.incrementAndGet();
      return false;
    }
  }

  /** Appends an entry decided on {@code today}: {@code open} is its JSON without the closing brace. */
  private synchronized void append(String open, String decisionId, String bodyDigest, LocalDate today) {
    if (sinkClosed) {
      throw new IllegalStateException("the decision log is closed");
    }
    if (sink.due(today)) {
      if (signingKey != null && sinceCheckpoint > 0) {
        checkpoint();
      }
      sink.rotate();
    }
    long next = seq + 1;
    String hash = Entries.link(prev, next, bodyDigest);
    sink.append(open + ",\"seq\":" + next + ",\"prev\":\"" + prev + "\",\"hash\":\"" + hash + "\"}", next, decisionId, today);
    seq = next;
    prev = hash;
    sinceCheckpoint++;
    if (syncEach) {
      force();
    }
    if (signingKey != null && sinceCheckpoint >= checkpointEvery) {
      checkpoint();
    }
  }

  /** Writes a signed checkpoint of the chain as it stands. */
  private void checkpoint() {
    ObjectNode line = Entries.MAPPER.createObjectNode();
    ObjectNode point = line.putObject("checkpoint");
    point.put("seq", seq);
    point.put("hash", prev);
    point.put("at", clock.instant().toString());
    line.put("signature", sign(Entries.canonical(point)));
    sink.append(Entries.write(line), 0, null, today());
    sinceCheckpoint = 0;
  }

  private String sign(byte[] bytes) {
    try {
      Signature signature = Signature.getInstance("Ed25519");
      signature.initSign(signingKey);
      signature.update(bytes);
      return Base64.getEncoder().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a checkpoint could not be signed: " + e.getMessage(), e);
    }
  }

  private void force() {
    try {
      journal.force();
      sink.force();
    } catch (IOException e) {
      // The next write finds the file broken and fails the decision; a failed force alone loses nothing yet.
      failures.incrementAndGet();
    }
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  /**
   * The entry of a decision, as the JSON line the log holds (its request masked), or null if the log has
   * none with that id. A file log is read newest file first, so this costs a pass over the log up to the
   * entry: meant for a person looking one up, not for every decision; a table log reads it by index.
   *
   * @throws RuntimeException if the log cannot be read
   */
  public String find(String decisionId) {
    Objects.requireNonNull(decisionId, "decisionId");
    awaitWritten(TimeUnit.SECONDS.toNanos(2));
    return sink.find(decisionId);
  }

  /**
   * Waits, at most {@code nanos}, until the writer has written every decision journaled so far. A failed
   * write does not end the wait: the writer retries it, and a failure that passes must not hide an entry.
   */
  private void awaitWritten(long nanos) {
    long deadline = System.nanoTime() + nanos;
    while (!journal.drained() && System.nanoTime() - deadline < 0) {
      LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
    }
  }

  /**
   * How many times an entry could not be written since the log was opened (each failed attempt of the
   * writer, and each decision the full journal refused); only grows.
   */
  public long failures() {
    return failures.get();
  }

  /**
   * Stops taking decisions, lets the writer write what the journal holds (for up to ten seconds; what it
   * could not write stays in the journal for the next log opened on it), writes a last checkpoint (if
   * signing), forces the file to disk and closes it. Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      writer.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (syncer != null) {
      // Not shutdownNow: an interrupt in the middle of a force closes the file under the last checkpoint.
      syncer.shutdown();
      try {
        syncer.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      sinkClosed = true;
      try {
        if (signingKey != null && sinceCheckpoint > 0) {
          checkpoint();
        }
      } finally {
        try {
          sink.close();
        } finally {
          journal.close();
        }
      }
    }
  }

  /** The AES key of the journal: derived from the masking key, so no other key has to be kept. */
  private static byte[] journalKey(byte[] maskingKey) {
    return Arrays.copyOf(Entries.mac(maskingKey).doFinal(JOURNAL_KEY_LABEL), 16);
  }

  private static String version() {
    String v = PolicyEngine.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }

  @Override
  public String toString() {
    return "DecisionLog[" + sink + "]";
  }

  /** Configures a {@link DecisionLog}. Not thread-safe; each setting is checked when it is made. */
  public static final class Builder {
    private final Path folder;
    private final DataSource dataSource;
    private final String table;
    private Masking masking = Masking.defaults();
    private Path maskingKey;
    private Path signingKey;
    private int checkpointEvery = 1000;
    private long rotateBytes = 64L << 20;
    private Duration fsync = Duration.ofSeconds(1);
    private Path journal;
    private long journalBytes = 64L << 20;
    private boolean failOpen;
    private Clock clock = Clock.systemUTC();

    private Builder(Path folder, DataSource dataSource, String table) {
      this.folder = folder;
      this.dataSource = dataSource;
      this.table = table;
      this.journal = folder == null ? null : folder.resolve(LogFiles.JOURNAL);
    }

    /**
     * The file of the journal, where decisions wait for the writer; default {@code decisions.journal} in
     * the log's folder. Required for a log to a table. Keep it on a local disk, one journal per log.
     */
    public Builder journal(Path file) {
      this.journal = Objects.requireNonNull(file, "file");
      return this;
    }

    /**
     * The journal's size when it is made (default 64 MiB, at least 1 MiB); an existing journal keeps its
     * size. When it is full, deciding threads wait for the writer, up to a second.
     *
     * @throws IllegalArgumentException if below 1 MiB, above 1 GiB or not a multiple of 32
     */
    public Builder journalSize(long bytes) {
      if (bytes < Journal.MIN_CAPACITY || bytes > (1L << 30) || bytes % 32 != 0) {
        throw new IllegalArgumentException("journalSize must be a multiple of 32 from 1 MiB to 1 GiB, was " + bytes);
      }
      this.journalBytes = bytes;
      return this;
    }

    /** Which paths are dropped and hashed; default {@link Masking#defaults()}. */
    public Builder masking(Masking masking) {
      this.masking = Objects.requireNonNull(masking, "masking");
      return this;
    }

    /**
     * The file whose bytes (at least 32, random) key the HMAC of hashed paths. Required when the masking
     * hashes anything, as the defaults do.
     */
    public Builder maskingKey(Path file) {
      this.maskingKey = Objects.requireNonNull(file, "file");
      return this;
    }

    /**
     * The Ed25519 private key (PKCS#8 PEM) that signs checkpoints; without one, no checkpoints are written
     * and a log rewritten from some entry on, or cut short, cannot be told from an intact one.
     */
    public Builder signingKey(Path file) {
      this.signingKey = Objects.requireNonNull(file, "file");
      return this;
    }

    /**
     * Writes a checkpoint after this many entries (default 1000), before each rotation and on close.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder checkpointEvery(int entries) {
      if (entries <= 0) {
        throw new IllegalArgumentException("checkpointEvery must be positive, was " + entries);
      }
      this.checkpointEvery = entries;
      return this;
    }

    /**
     * Starts a new file once the active one reaches this size (default 64 MiB); files also rotate when the
     * UTC day changes. Rotated files are compressed with gzip.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder rotateAt(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("rotateAt must be positive, was " + bytes);
      }
      this.rotateBytes = bytes;
      return this;
    }

    /**
     * How often the log is forced to disk (default one second); {@link Duration#ZERO} forces after every
     * entry. Entries written since the last force are lost if the machine loses power, not if the process dies.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder fsyncEvery(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative()) {
        throw new IllegalArgumentException("fsyncEvery must not be negative, was " + interval);
      }
      this.fsync = interval;
      return this;
    }

    /**
     * Lets decisions stand when their entry cannot be written, counting the failure in
     * {@link DecisionLog#failures()}; by default such a decision becomes a DENY.
     */
    public Builder failOpen() {
      this.failOpen = true;
      return this;
    }

    /** The clock of {@code decidedAt} and of the daily rotation; default the system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Opens the log, continuing the chain where it ends.
     *
     * @throws IllegalStateException if the masking hashes paths but no masking key was given
     * @throws IllegalArgumentException if a key file is not a key of its kind
     * @throws java.io.UncheckedIOException if the folder or a key cannot be read
     */
    public DecisionLog build() {
      if (!masking.hash().isEmpty() && maskingKey == null) {
        throw new IllegalStateException("the masking hashes " + masking.hash()
            + " but no maskingKey(file) was given; make one with: head -c 32 /dev/urandom > mask.key");
      }
      if (!masking.drop().isEmpty() && maskingKey == null) {
        throw new IllegalStateException("the masking drops " + masking.drop()
            + " but no maskingKey(file) was given, which also encrypts the journal; make one with: head -c 32 /dev/urandom > mask.key");
      }
      if (journal == null) {
        throw new IllegalStateException("a log to a table needs journal(file): where decisions wait for the writer");
      }
      return new DecisionLog(this);
    }
  }

  /**
   * A decision as the deciding thread journals it: when it was decided, its id and {@code at}, the request's
   * JSON (null if it had none) and the decision's, each with its length. One per thread, reused.
   */
  private static final class Record {
    byte[] bytes = new byte[4096];
    int length;

    void write(Instant decidedAt, String decisionId, String at, byte[] request, byte[] decision) {
      byte[] id = decisionId.getBytes(StandardCharsets.UTF_8);
      byte[] when = at == null ? null : at.getBytes(StandardCharsets.UTF_8);
      int need = 12 + 16 + id.length + (when == null ? 0 : when.length) + (request == null ? 0 : request.length)
          + decision.length;
      if (bytes.length < need) {
        bytes = new byte[Math.max(need, bytes.length * 2)];
      }
      ByteBuffer out = ByteBuffer.wrap(bytes);
      out.putLong(decidedAt.getEpochSecond()).putInt(decidedAt.getNano());
      put(out, id);
      put(out, when);
      put(out, request);
      put(out, decision);
      length = out.position();
    }

    private static void put(ByteBuffer out, byte[] value) {
      if (value == null) {
        out.putInt(-1);
      } else {
        out.putInt(value.length).put(value);
      }
    }

    static byte[] bytes(ByteBuffer in) {
      int n = in.getInt();
      if (n < 0) {
        return null;
      }
      byte[] value = new byte[n];
      in.get(value);
      return value;
    }

    static String text(ByteBuffer in) {
      byte[] value = bytes(in);
      return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /** The decision id of a journaled record. */
    static String decisionId(byte[] payload) {
      ByteBuffer in = ByteBuffer.wrap(payload);
      in.position(12);
      return text(in);
    }
  }
}
