package dev.tollgate.server;

import dev.tollgate.decisionlog.DecisionLog;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The options that turn on the decision log, shared by {@code tollgate serve} and {@code tollgate check}:
 * {@code --decision-log DIR}, {@code --mask-key FILE}, {@code --signing-key FILE} and {@code --fsync-ms}.
 */
public final class DecisionLogOptions {
  @Option(names = "--decision-log", paramLabel = "DIR",
      description = "Write every decision to a masked, hash-chained log in DIR; a decision that cannot be logged is a DENY.")
  private Path folder;

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
   * @throws IllegalArgumentException if a key is given without {@code --decision-log}
   * @throws IllegalStateException if {@code --mask-key} is missing
   */
  public DecisionLog open() {
    if (folder == null) {
      if (maskKey != null || signingKey != null) {
        throw new IllegalArgumentException("--mask-key and --signing-key need --decision-log DIR");
      }
      return null;
    }
    if (maskKey == null) {
      throw new IllegalStateException("--decision-log needs --mask-key FILE (make one with: head -c 32 /dev/urandom > mask.key)");
    }
    DecisionLog.Builder builder = DecisionLog.toFolder(folder).maskingKey(maskKey).fsyncEvery(Duration.ofMillis(fsyncMillis));
    if (signingKey != null) {
      builder.signingKey(signingKey);
    }
    return builder.build();
  }
}
