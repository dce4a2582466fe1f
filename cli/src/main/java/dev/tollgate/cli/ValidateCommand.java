package dev.tollgate.cli;

import dev.tollgate.PolicyEngine;
import dev.tollgate.rules.Problem;
import dev.tollgate.rules.RulePack;
import dev.tollgate.rules.RulePackException;
import dev.tollgate.rules.tooling.PackLint;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
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

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text (file:line:col lines), json or sarif (SARIF 2.1.0, for code-scanning dashboards); default ${DEFAULT-VALUE}.")
  private ProblemOutput.Format format;

  @Override
  public Integer call() {
    PolicyEngine.Builder builder = dirs.builder();
    // Building the engine, not just loading the files, so that whatever the rule compiler rejects
    // is found here rather than on the first request.
    List<RulePack> packs;
    try (PolicyEngine engine = builder.build()) {
      packs = engine.packs();
    } catch (RulePackException e) {
      return report(e.problems());
    }
    // Versions side by side are checked against each other: a change that can turn an ALLOW into a DENY
    // needs a new major version (PackChanges).
    List<Problem> versions = PackLint.versionProblems(dirs.roots());
    if (!versions.isEmpty()) {
      return report(versions);
    }
    int rules = packs.stream().mapToInt(p -> p.rules().size()).sum();
    String summary = count(packs.size(), "pack") + ", " + count(rules, "rule") + ": no problems";
    if (format == ProblemOutput.Format.text) {
      tollgate.out.println(summary);
    } else {
      ProblemOutput.print(tollgate.out, format, ProblemOutput.Level.error, List.of());
      tollgate.err.println(summary);
    }
    return Tollgate.OK;
  }

  private int report(List<Problem> problems) {
    if (format == ProblemOutput.Format.text) {
      problems.forEach(tollgate.out::println);
    } else {
      ProblemOutput.print(tollgate.out, format, ProblemOutput.Level.error, problems);
    }
    tollgate.err.println(count(problems.size(), "problem"));
    return Tollgate.BAD_INPUT;
  }

  static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
