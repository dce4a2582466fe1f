package dev.tollgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/python/dialer.py, the README's non-Java client, run with python3 against a real server with a
 * token. Skipped where python3 is missing, except on CI (TOLLGATE_CI=1), where that fails.
 */
class PythonDialerTest {
  private static final Path DIALER = Path.of("../examples/python/dialer.py");

  @TempDir
  Path dir;

  @Test
  void dialer_reservesCalls_recordsOutcomes_printsEachDecisionsRules() throws Exception {
    requirePython();
    Path tokens = Files.writeString(dir.resolve("tokens"), "python-dialer-token-0001\n");
    try (DecisionServer server = DecisionServer.builder().port(0).dataDir(dir.resolve("data")).tokenFile(tokens).start()) {
      Process p = new ProcessBuilder("python3", DIALER.toString(), "--url", server.uri().toString(),
          "--token-file", tokens.toString(), "--at", "2025-09-02T10:30:00+08:00", "--run", "ci")
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue(), out);
      List<String> lines = out.lines().toList();
      assertEquals("ci-cust-py-001-1: ALLOW (no rule objects)", lines.get(0), out);
      assertEquals("    placed; outcome NO_ANSWER recorded", lines.get(1), out);
      assertTrue(lines.contains("ci-cust-py-003-1: DENY CN-CONSUMER-COMMERCIAL-CONSENT CN-CONSUMER-REG-CALL-REFUSED"), out);
      assertTrue(lines.contains("ci-cust-py-001-2: DENY CN-INST-MKT-FREQ-DAY"), out);
      assertEquals("2 calls placed, 0 failures", lines.get(lines.size() - 1), out);
    }
  }

  private static void requirePython() throws InterruptedException {
    boolean found;
    try {
      found = new ProcessBuilder("python3", "--version").start().waitFor() == 0;
    } catch (IOException e) {
      found = false;
    }
    if (!found && "1".equals(System.getenv("TOLLGATE_CI"))) {
      throw new AssertionError("python3 is needed for the Python example on CI; install it (Debian: python3)");
    }
    Assumptions.assumeTrue(found, "python3 is not installed");
  }
}
