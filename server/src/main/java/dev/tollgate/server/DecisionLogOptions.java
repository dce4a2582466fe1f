package dev.tollgate.server;

import dev.tollgate.decisionlog.DecisionLog;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The options that turn on the decision log, shared by {@code tollgate serve} and {@code tollgate check}:
 * {@code --decision-log DIR|JDBC_URL}, {@code --decision-log-table}, {@code --decision-log-journal},
 * {@code --mask-key FILE}, {@code --signing-key FILE} and {@code --fsync-ms}.
 */
public final class DecisionLogOptions {
  @Option(names = "--decision-log", paramLabel = "DIR|JDBC_URL",
      description = {"Write every decision to a masked, hash-chained log: files in the folder DIR, or a table of the",
          "database at a jdbc:postgresql: or jdbc:h2: URL (the ledger's, say); a decision that cannot be logged is a DENY."})
  private String target;

  @Option(names = "--decision-log-table", paramLabel = "TABLE", defaultValue = "tollgate_decision_log",
      description = "The table of a --decision-log JDBC_URL, created if missing; one log writes one table (default: ${DEFAULT-VALUE}).")
  private String table;

  @Option(names = "--decision-log-journal", paramLabel = "FILE",
      description = {"Where decisions wait for the log's writer, on a local disk: needed with a --decision-log JDBC_URL",
          "(a log in DIR keeps its journal there). One journal per log."})
  private Path journal;

  @Option(names = "--mask-key", paramLabel = "FILE",
      description = "At least 32 random bytes keying the hash of masked fields (callee.subject, debt ids); needed with --decision-log.")
  private Path maskKey;

  @Option(names = "--signing-key", paramLabel = "FILE",
      description = "Ed25519 private key (PEM) that signs the log's checkpoints; without it the log has none.")
  private Path signingKey;

  @Option(names = "--fsync-ms", paramLabel = "MILLIS", defaultValue = "1000",
      description = "Force the log to disk this often; 0 after every entry (default: ${DEFAULT-VALUE}).")
  private long fsyncMillis;

  /**
   * The log asked for, or null if none.
   *
   * @throws IllegalArgumentException if a key or journal is given without {@code --decision-log}, a JDBC URL
   *     is not PostgreSQL's or H2's, or a table's name is not a name
   * @throws IllegalStateException if {@code --mask-key} is missing, or the journal of a table log, or the
   *     table cannot be opened
   */
  public DecisionLog open() {
    if (target == null) {
      if (maskKey != null || signingKey != null || journal != null) {
        throw new IllegalArgumentException("--mask-key, --signing-key and --decision-log-journal need --decision-log DIR|JDBC_URL");
      }
      return null;
    }
    if (maskKey == null) {
      throw new IllegalStateException("--decision-log needs --mask-key FILE (make one with: head -c 32 /dev/urandom > mask.key)");
    }
    DecisionLog.Builder builder = builder().maskingKey(maskKey).fsyncEvery(Duration.ofMillis(fsyncMillis));
    if (signingKey != null) {
      builder.signingKey(signingKey);
    }
    return builder.build();
  }

  /** A log to a table if {@code --decision-log} is a JDBC URL, to a folder otherwise. */
  private DecisionLog.Builder builder() {
    if (!target.startsWith("jdbc:")) {
      DecisionLog.Builder builder = DecisionLog.toFolder(Path.of(target));
      return journal == null ? builder : builder.journal(journal);
    }
    if (!DecisionServer.supportedJdbcUrl(target)) {
      throw new IllegalArgumentException("--decision-log must be a folder or a jdbc:postgresql: or jdbc:h2: URL, was '"
          + DecisionServer.redacted(target) + "'");
    }
    if (journal == null) {
      throw new IllegalStateException("--decision-log " + DecisionServer.redacted(target)
          + " needs --decision-log-journal FILE: where decisions wait for the writer, on a local disk");
    }
    return DecisionLog.toDatabase(new DriverDataSource(target), table).journal(journal);
  }
}
