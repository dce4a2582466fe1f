package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check --jsonl} as a person runs it: the real command in a child JVM whose stderr is a
 * pseudo-terminal (util-linux {@code script}), fed one request at a time for a few seconds. It shows a
 * progress line, rewritten in place with a carriage return, and ends with the summary over it. Skipped
 * where {@code script} is missing, except on CI (TOLLGATE_CI=1), where that fails.
 */
class CheckProgressTest {
  static final int REQUESTS = 40;

  @TempDir
  Path dir;

  @Test
  void checkJsonl_onATerminal_showsProgress_thenTheSummaryOverIt() throws Exception {
    requireScript();
    Path fifo = dir.resolve("requests");
    Path decisions = dir.resolve("decisions.jsonl");
    Path terminal = dir.resolve("terminal.txt");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor());
    String request = Files.readAllLines(Path.of(Invocation.REQUESTS + "mixed.jsonl")).get(0);

    ProcessBuilder builder = new ProcessBuilder("script", "--quiet", "--return", "--command",
        "\"$JAVA\" -cp \"$CP\" dev.tollgate.cli.Tollgate check --jsonl --packs \"$PACKS\" - < \"$FIFO\" > \"$OUT\"",
        "/dev/null");
    Map<String, String> env = builder.environment();
    env.put("SHELL", "/bin/sh");
    env.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    env.put("CP", System.getProperty("java.class.path"));
    env.put("PACKS", Invocation.PACKS);
    env.put("FIFO", fifo.toString());
    env.put("OUT", decisions.toString());
    Process script = builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .redirectErrorStream(true).redirectOutput(terminal.toFile()).start();
    try (OutputStream requests = Files.newOutputStream(fifo)) {
      // One request, then its decision, then a pause: the command decides as the lines come, for over 2 s.
      for (int i = 1; i <= REQUESTS; i++) {
        requests.write((request + "\n").getBytes(StandardCharsets.UTF_8));
        requests.flush();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (lines(decisions) < i) {
          assertTrue(System.nanoTime() < deadline && script.isAlive(),
              "decision " + i + " was written: " + Files.readString(terminal));
          Thread.sleep(5);
        }
        Thread.sleep(50);
      }
    }
    assertTrue(script.waitFor(60, TimeUnit.SECONDS), "the command ended at the end of its input");
    String shown = Files.readString(terminal, StandardCharsets.UTF_8);
    assertEquals(0, script.exitValue(), shown);
    assertEquals(REQUESTS, lines(decisions));

    Matcher progress = Pattern.compile("\r(\\d+) requests: \\1 ALLOW, 0 DENY \\(0 invalid lines\\) so far, \\d+/s ").matcher(shown);
    int updates = 0;
    while (progress.find()) {
      updates++;
    }
    assertTrue(updates >= 2, "the progress line was shown and updated: " + shown);
    assertTrue(Pattern.compile("\rtollgate: 40 requests: 40 ALLOW, 0 DENY \\(0 invalid lines\\) in \\d+\\.\\d\\d s {8}\r\n$")
        .matcher(shown).find(), "the summary overwrites the progress line and ends the output: " + shown);
  }

  private static long lines(Path file) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
    return all.size();
  }

  private static void requireScript() throws InterruptedException {
    boolean found;
    try {
      found = new ProcessBuilder("script", "--version").redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException e) {
      found = false;
    }
    if (!found && "1".equals(System.getenv("TOLLGATE_CI"))) {
      throw new AssertionError("util-linux script is needed for the terminal test on CI; install it (Debian: bsdutils)");
    }
    Assumptions.assumeTrue(found, "util-linux script is not installed");
  }
}
