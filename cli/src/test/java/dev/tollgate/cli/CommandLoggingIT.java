package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the built command logs, with the logging configuration it ships: nothing on a run that goes well, and
 * a warning on standard error, never on stdout, when a decision log cannot be written. Runs the jar after
 * {@code package} (failsafe), as a user runs it.
 */
class CommandLoggingIT {
  private static final Path CLI_JAR = Path.of(System.getProperty("tollgate.cli.jar", "target/tollgate.jar"));
  private static final String REQUEST = Path.of("../examples/requests/marketing-call-no-consent.json").toAbsolutePath().toString();

  @TempDir
  Path dir;

  private record Run(int status, String out, String err) {}

  private Run tollgate(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", CLI_JAR.toString()));
    command.addAll(List.of(args));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the command ends");
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void aRunThatGoesWell_logsNothing() throws Exception {
    Run run = tollgate("check", REQUEST);
    assertEquals(1, run.status(), run.toString());
    assertEquals("", run.err(), "the rule engine's informational lines stay off");
  }

  @Test
  void aDecisionLogThatCannotWrite_isAWarningOnStandardError() throws Exception {
    Path log = Files.createDirectories(dir.resolve("decisions"));
    Files.createSymbolicLink(log.resolve("decisions.jsonl"), Path.of("/dev/full"));
    Path maskKey = dir.resolve("mask.key");
    Files.write(maskKey, new byte[32]);
    Run run = tollgate("check", "--decision-log", log.toString(), "--mask-key", maskKey.toString(), REQUEST);
    assertEquals(1, run.status(), run.toString());
    String decisionId = new ObjectMapper().readTree(run.out()).get("decisionId").asText();
    String first = run.err().lines().findFirst().orElse("");
    assertTrue(first.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(Z|[+-][0-9:]+) WARN dev\\.tollgate\\.decisionlog\\.DecisionLog"
        + " - the decision log cannot write the entry of decision " + decisionId + ": it stays in the journal and is"
        + " retried every 50 ms; until it is written, every decision is a DENY citing TOLLGATE-EVALUATION-ERROR"), run.err());
    assertTrue(run.err().contains("No space left on device"), "the cause follows: " + run.err());
  }
  @Test
  void checkJsonl_duringAnOutage_printsEachRefusedLineOnce_andTheOutageOnce_withoutTheEnginesStackTraces() throws Exception {
    Path log = Files.createDirectories(dir.resolve("decisions"));
    Files.createSymbolicLink(log.resolve("decisions.jsonl"), Path.of("/dev/full"));
    Path maskKey = Files.write(dir.resolve("mask.key"), new byte[32]);
    String line = new ObjectMapper().readTree(Path.of(REQUEST).toFile()).toString();
    Path requests = Files.writeString(dir.resolve("requests.jsonl"), (line + "\n").repeat(3000));
    Run run = tollgate("check", "--jsonl", requests.toString(), "--decision-log", log.toString(), "--mask-key", maskKey.toString());
    assertEquals(2, run.status(), "a line that failed closed is a problem: " + run.err().lines().limit(5).toList());
    List<String> err = run.err().lines().toList();
    assertTrue(err.stream().anyMatch(l -> l.matches("line [0-9]+: The decision could not be evaluated; Tollgate fails closed: .*")),
        "the refused lines are reported: " + err.subList(0, Math.min(5, err.size())));
    assertEquals(1, err.stream().filter(l -> l.contains(" WARN dev.tollgate.decisionlog.DecisionLog - the decision log cannot write")).count());
    assertTrue(err.stream().noneMatch(l -> l.contains("dev.tollgate.PolicyEngine")), "the engine's own warnings stay off");
  }
}
