package dev.tollgate.decisionlog;

import dev.tollgate.Decision;
import dev.tollgate.PolicyEngine;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child JVM of {@link CrashTest}: decides on two threads without end, logging each decision, and prints
 * each decision id once {@code decideJson} has returned it. Arguments: log folder, masking key, signing key.
 */
final class LoggingChild {
  private LoggingChild() {}

  public static void main(String... args) throws Exception {
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    DecisionLog log = DecisionLog.toFolder(Path.of(args[0])).maskingKey(Path.of(args[1])).signingKey(Path.of(args[2]))
        .checkpointEvery(500).rotateAt(256 * 1024).build();
    PolicyEngine engine = PolicyEngine.builder().bundledPacks().decisionLog(log).build();
    Runnable decide = () -> {
      for (long i = 0; ; i++) {
        String id = Thread.currentThread().getName() + "-" + i;
        Decision d = engine.decideJson(DecisionLogTest.consented(id, "cust-" + (i % 50)));
        synchronized (out) {
          out.println(d.decisionId());
          out.flush();
        }
      }
    };
    Thread a = new Thread(decide, "a");
    Thread b = new Thread(decide, "b");
    a.start();
    b.start();
    a.join();
  }
}
