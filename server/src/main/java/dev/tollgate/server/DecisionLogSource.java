package dev.tollgate.server;

import dev.tollgate.PolicyEngine;
import dev.tollgate.decisionlog.LogReplay;
import dev.tollgate.decisionlog.LogVerifier;
import java.nio.file.Path;
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

  @Option(names = {"--table", "--decision-log-table"}, paramLabel = "TABLE", defaultValue = "tollgate_decision_log",
      description = "The table of a LOG given as a JDBC URL (default: ${DEFAULT-VALUE}).")
  private String table;

  /**
   * Checks the log with the public key in {@code publicKeyPem}; a log that cannot be read is a result.
   *
   * @throws IllegalArgumentException if LOG is a JDBC URL of a database other than PostgreSQL or H2
   */
  public LogVerifier.Result verify(Path publicKeyPem) {
    return isUrl() ? LogVerifier.verify(dataSource(), table, publicKeyPem) : LogVerifier.verify(Path.of(target), publicKeyPem);
  }

  /**
   * Decides every logged request again on {@code engine}.
   *
   * @throws IllegalArgumentException if LOG is a JDBC URL of a database other than PostgreSQL or H2, or a line
   *     is not an entry
   * @throws java.io.UncheckedIOException if the log cannot be read
   */
  public LogReplay.Result replay(PolicyEngine engine) {
    return isUrl() ? LogReplay.replay(dataSource(), table, engine) : LogReplay.replay(Path.of(target), engine);
  }

  private boolean isUrl() {
    return target.startsWith("jdbc:");
  }

  private DriverDataSource dataSource() {
    if (!DecisionServer.supportedJdbcUrl(target)) {
      throw new IllegalArgumentException("LOG must be a folder, a file or a jdbc:postgresql: or jdbc:h2: URL, was '"
          + DecisionServer.redacted(target) + "'");
    }
    return new DriverDataSource(target);
  }
}
