package dev.tollgate.decisionlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM decides and logs under load and is killed with SIGKILL: once a log is opened on its folder
 * again, every decision it returned before the kill is in the log, and the chain verifies to its end.
 */
class CrashTest {
  @TempDir
  Path dir;

  @Test
  void sigkill_underLoad_everyReturnedDecisionIsLogged_andTheChainVerifies() throws Exception {
    LogKeys keys = LogKeys.in(dir);
    Path log = dir.resolve("decisions");
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // Its warnings go to its stderr: a second writer of the tests' log file would empty it under this JVM.
        "-Dorg.slf4j.simpleLogger.logFile=System.err",
        "-cp", System.getProperty("java.class.path"), LoggingChild.class.getName(),
        log.toString(), keys.masking().toString(), keys.signing().toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    List<String> returned = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        returned.add(line);
        if (returned.size() == 5000) {
          // SIGKILL: no shutdown hook, no close, no last checkpoint. Sent with kill(1), not destroyForcibly(),
          // which would also close this end of the pipe and lose the ids printed but not yet read.
          assertEquals(0, new ProcessBuilder("kill", "-KILL", Long.toString(child.pid())).start().waitFor());
        }
      }
    } finally {
      child.destroyForcibly();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    }
    assertEquals(137, child.exitValue(), "killed by SIGKILL");
    assertTrue(returned.size() >= 5000, "the child printed " + returned.size() + " decisions before it was killed");

    // What the killed process left on disk holds no raw subject, the journal included.
    try (Stream<Path> files = Files.list(log)) {
      for (Path f : files.toList()) {
        assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains("cust-"), "a raw subject in " + f);
      }
    }
    // The next log opened on the folder writes what the journal held, before anything new.
    DecisionLog.toFolder(log).maskingKey(keys.masking()).signingKey(keys.signing()).build().close();

    LogVerifier.Result result = LogVerifier.verify(log, keys.publicKey());
    assertEquals(LogVerifier.Status.INTACT, result.status(), result.message());
    Set<String> logged = new HashSet<>();
    for (Path f : LogFiles.list(log)) {
      for (String line : DecisionLogTest.text(f).split("\n")) {
        ObjectNode node = Entries.read(line);
        if (node.has("decisionId")) {
          logged.add(node.get("decisionId").asText());
        }
      }
    }
    assertTrue(LogFiles.list(log).size() > 1, "rotated while deciding");
    for (String id : returned) {
      assertTrue(logged.contains(id), "decision " + id + " was returned but is not in the log");
    }
    assertTrue(result.entries() >= returned.size());
  }
}
