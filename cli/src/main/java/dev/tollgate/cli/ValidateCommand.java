package dev.tollgate.cli;

import dev.tollgate.PolicyEngine;
import dev.tollgate.rules.PackLint;
import dev.tollgate.rules.Problem;
import dev.tollgate.rules.RulePack;
import dev.tollgate.rules.RulePackException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code tollgate validate}: loads, checks and compiles packs and lists every problem found. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Checks packs and prints every problem as file:line:col: code: message.",
    footer = {"", "Exit status: 0 no problems, 2 problems."})
final class ValidateCommand implements Callable<Integer> {
  @ParentCommand
  private Tollgate tollgate;

  @Mixin
  private PackDirs dirs;

  @Override
  public Integer call() {
    PolicyEngine.Builder builder = dirs.builder();
    // Building the engine, not just loading the files, so that whatever the rule compiler rejects
    // is found here rather than on the first request.
    List<RulePack> packs;
    try (PolicyEngine engine = builder.build()) {
      packs = engine.packs();
    } catch (RulePackException e) {
      List<Problem> problems = e.problems();
      problems.forEach(tollgate.out::println);
      tollgate.err.println(count(problems.size(), "problem"));
      return Tollgate.BAD_INPUT;
    }
    // Versions side by side are checked against each other: a change that can turn an ALLOW into a DENY
    // needs a new major version (PackChanges).
    List<Problem> versions = PackLint.versionProblems(dirs.roots());
    if (!versions.isEmpty()) {
      versions.forEach(tollgate.out::println);
      tollgate.err.println(count(versions.size(), "problem"));
      return Tollgate.BAD_INPUT;
    }
    int rules = packs.stream().mapToInt(p -> p.rules().size()).sum();
    tollgate.out.println(count(packs.size(), "pack") + ", " + count(rules, "rule") + ": no problems");
    return Tollgate.OK;
  }

  static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
