package dev.tollgate.decisionlog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.Decision;
import dev.tollgate.DecisionListener;
import dev.tollgate.PolicyEngine;
import dev.tollgate.Request;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.sql.DataSource;

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
 * <p>Thread-safe. Each entry is written to the operating system before the decision is returned, so a
 * process killed right after still leaves it in the log; the disk is forced at the configured interval,
 * which bounds what a power failure can lose. A log that cannot be written throws, which makes the
 * engine answer DENY (no call without evidence) unless {@link Builder#failOpen()} was chosen; a later
 * decision writes again once the log can.
 */
public final class DecisionLog implements DecisionListener, AutoCloseable {
  private static final String VERSION = version();

  private final Sink sink;
  private final Masking masking;
  private final Mac mac;
  private final PrivateKey signingKey;
  private final int checkpointEvery;
  private final boolean failOpen;
  private final Clock clock;
  private final ScheduledExecutorService syncer;
  private final boolean syncEach;
  private long seq;
  private String prev;
  private int sinceCheckpoint;
  private long failures;
  private boolean closed;

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

  @Override
  public void decided(Request request, Decision decision, long nanos) {
    ObjectNode entry = Entries.MAPPER.createObjectNode();
    entry.put("decisionId", decision.decisionId());
    entry.put("at", decision.at() == null ? null : decision.at().toString());
    entry.put("decidedAt", clock.instant().toString());
    entry.put("tollgate", VERSION);
    if (request == null) {
      entry.putNull("request");
    } else {
      ObjectNode masked = Entries.read(request.toJson());
      Entries.mask(masked, masking, mac);
      entry.set("request", masked);
    }
    entry.set("decision", Entries.read(decision.toJson()));
    try {
      // The body's JSON and digest, most of the work, are made before the lock; the chain's three members
      // are appended to the object inside it.
      String body = Entries.write(entry);
      append(body.substring(0, body.length() - 1), decision.decisionId(), Entries.bodyDigest(entry));
    } catch (RuntimeException e) {
      synchronized (this) {
        failures++;
      }
      if (!failOpen) {
        throw e;
      }
    }
  }

  /** Appends an entry: {@code open} is its JSON without the closing brace. */
  private synchronized void append(String open, String decisionId, String bodyDigest) {
    if (closed) {
      throw new IllegalStateException("the decision log is closed");
    }
    LocalDate today = today();
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
      sink.force();
    } catch (IOException e) {
      // The next write finds the file broken and fails the decision; a failed force alone loses nothing yet.
      synchronized (this) {
        failures++;
      }
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
    return sink.find(decisionId);
  }

  /** How many entries could not be written since the log was opened; only grows. */
  public synchronized long failures() {
    return failures;
  }

  /** Writes a last checkpoint (if signing), forces the file to disk and closes it. Idempotent. */
  @Override
  public void close() {
    if (syncer != null) {
      syncer.shutdownNow();
    }
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      try {
        if (signingKey != null && sinceCheckpoint > 0) {
          checkpoint();
        }
      } finally {
        sink.close();
      }
    }
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
    private boolean failOpen;
    private Clock clock = Clock.systemUTC();

    private Builder(Path folder, DataSource dataSource, String table) {
      this.folder = folder;
      this.dataSource = dataSource;
      this.table = table;
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
      return new DecisionLog(this);
    }
  }
}
