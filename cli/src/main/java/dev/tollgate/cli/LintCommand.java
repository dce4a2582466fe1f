package dev.tollgate.cli;

import dev.tollgate.rules.Problem;
import dev.tollgate.rules.RulePackException;
import dev.tollgate.rules.tooling.PackLint;
import dev.tollgate.testing.PackTestReport;
import dev.tollgate.testing.PackTests;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code tollgate lint}: what is allowed in a pack but probably wrong, as located warnings. */
@Command(name = "lint", mixinStandardHelpOptions = true,
    description = "Prints warnings about the packs as file:line:col: warning: code: message: rules no test sees firing,"
        + " DENY rules on unconfirmed sources, rules with the same condition, rules that can never fire,"
        + " obligations without parameters, changed rules without a changelog entry.",
    footer = {"", "Exit status: 0 (1 with --strict when there are warnings), 2 packs with problems."})
final class LintCommand implements Callable<Integer> {
  @ParentCommand
  private Tollgate tollgate;

  @Mixin
  private PackDirs dirs;

  @Option(names = "--strict", description = "Exit 1 when there is any warning.")
  private boolean strict;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text (file:line:col lines), json or sarif (SARIF 2.1.0, for code-scanning dashboards); default ${DEFAULT-VALUE}.")
  private ProblemOutput.Format format;

  @Override
  public Integer call() {
    List<Path> roots = dirs.roots();
    Set<String> tested;
    List<Problem> warnings;
    try {
      try {
        tested = PackTests.run(roots.toArray(Path[]::new)).coverage().stream().filter(c -> c.fired() > 0)
            .map(PackTestReport.RuleCoverage::rule).collect(Collectors.toSet());
      } catch (IllegalArgumentException noTests) {
        tested = Set.of();
      }
      warnings = PackLint.warnings(roots, tested);
    } catch (RulePackException e) {
      if (format == ProblemOutput.Format.text) {
        throw e;
      }
      ProblemOutput.print(tollgate.out, format, ProblemOutput.Level.error, e.problems());
      tollgate.err.println(ValidateCommand.count(e.problems().size(), "problem"));
      return Tollgate.BAD_INPUT;
    }
    if (format != ProblemOutput.Format.text) {
      ProblemOutput.print(tollgate.out, format, ProblemOutput.Level.warning, warnings);
      tollgate.err.println(warnings.size() + (warnings.size() == 1 ? " warning" : " warnings"));
      return strict && !warnings.isEmpty() ? Tollgate.DENIED : Tollgate.OK;
    }
    for (Problem p : warnings) {
      tollgate.out.println(p.file() + ":" + p.line() + ":" + p.column() + ": warning: " + p.code() + ": " + p.message()
          + " (at " + p.path() + ")");
    }
    tollgate.out.println(warnings.size() + (warnings.size() == 1 ? " warning" : " warnings"));
    return strict && !warnings.isEmpty() ? Tollgate.DENIED : Tollgate.OK;
  }
}
