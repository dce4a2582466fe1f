package dev.tollgate.server;

import dev.tollgate.PolicyEngine;
import dev.tollgate.decisionlog.LogReplay;
import dev.tollgate.decisionlog.LogVerifier;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The log that {@code tollgate log verify} and {@code replay} read, where {@code --decision-log} wrote it: a
 * folder or one of its files, or the table of a database given by its JDBC URL, with {@code --table}.
 */
public final class DecisionLogSource {
  @Parameters(index = "0", paramLabel = "LOG",
      description = {"The log: its folder or one of its files, or the JDBC URL (jdbc:postgresql:, jdbc:h2:) of the",
          "database whose table holds it."})
  private String target;

  private static final String DEFAULT_TABLE = "tollgate_decision_log";

  @Option(names = {"--table", "--decision-log-table"}, paramLabel = "TABLE",
      description = "The table of a LOG given as a JDBC URL (default: " + DEFAULT_TABLE + ").")
  private String table;

  /**
   * Checks the log with the public key in {@code publicKeyPem}; a log that cannot be read is a result.
   *
   * @throws IllegalArgumentException if LOG is a JDBC URL of a database other than PostgreSQL or H2, or
   *     {@code --table} is given with a folder or file
   */
  public LogVerifier.Result verify(Path publicKeyPem) {
    return isUrl() ? LogVerifier.verify(dataSource(), table(), publicKeyPem) : LogVerifier.verify(folderOrFile(), publicKeyPem);
  }

  /**
   * Decides every logged request again on {@code engine}.
   *
   * @throws IllegalArgumentException if LOG is a JDBC URL of a database other than PostgreSQL or H2,
   *     {@code --table} is given with a folder or file, or a line is not an entry
   * @throws java.io.UncheckedIOException if the log cannot be read
   */
  public LogReplay.Result replay(PolicyEngine engine) {
    return isUrl() ? LogReplay.replay(dataSource(), table(), engine) : LogReplay.replay(folderOrFile(), engine);
  }

  private boolean isUrl() {
    return target.startsWith("jdbc:");
  }

  private String table() {
    return table == null ? DEFAULT_TABLE : table;
  }

  private Path folderOrFile() {
    if (table != null) {
      throw new IllegalArgumentException("--table names the table of a LOG given as a JDBC URL; " + target
          + " is a folder or a file");
    }
    return Path.of(target);
  }

  /** The database of the URL; H2's only if it exists, as reading a log must not make an empty database. */
  private DriverDataSource dataSource() {
    if (!DecisionServer.supportedJdbcUrl(target)) {
      throw new IllegalArgumentException("LOG must be a folder, a file or a jdbc:postgresql: or jdbc:h2: URL, was '"
          + DecisionServer.redacted(target) + "'");
    }
    boolean h2 = target.startsWith("jdbc:h2:") && !target.toUpperCase(Locale.ROOT).contains(";IFEXISTS=");
    return new DriverDataSource(h2 ? target + ";IFEXISTS=TRUE" : target);
  }
}
