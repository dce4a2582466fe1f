package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TollgateTest {

  @Test
  void run_help_printsCommandsAndExitsZero() {
    Invocation run = Invocation.run("--help");
    assertEquals(0, run.status(), run.toString());
    assertTrue(run.out().contains("check") && run.out().contains("validate"), run.toString());
  }

  @Test
  void run_version_printsVersionAndExitsZero() {
    Invocation run = Invocation.run("--version");
    assertEquals(0, run.status(), run.toString());
    assertTrue(run.out().startsWith("tollgate "), run.toString());
  }

  @Test
  void run_noCommand_isUsageErrorExitingTwo() {
    Invocation run = Invocation.run();
    assertEquals(2, run.status(), run.toString());
    assertTrue(run.err().contains("Missing command"), run.toString());
  }

  @Test
  void run_unknownOption_isUsageErrorExitingTwo() {
    Invocation run = Invocation.run("check", "--ledger", "x.db", "y.json");
    assertEquals(2, run.status(), run.toString());
    assertTrue(run.err().contains("--ledger"), run.toString());
  }
}
