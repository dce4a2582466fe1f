package dev.tollgate.cli;

import dev.tollgate.testing.PackTestReport;
import dev.tollgate.testing.PackTestReport.RuleCoverage;
import dev.tollgate.testing.PackTests;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code tollgate test}: runs the YAML tests beside each pack and prints failures and rule coverage. */
@Command(name = "test", mixinStandardHelpOptions = true,
    description = "Runs the YAML tests of the packs (<pack-id>/<version>/tests/*.yaml), prints each failure"
        + " and a table of rule coverage, and ends with 'N passed, N failed'.",
    footer = {"", "Exit status: 0 all passed, 1 a failure or coverage below --coverage-min,"
        + " 2 no tests found or a pack or test file with problems."})
final class TestCommand implements Callable<Integer> {
  @ParentCommand
  private Tollgate tollgate;

  @Mixin
  private PackDirs dirs;

  @Option(names = "--coverage-min", paramLabel = "PERCENT",
      description = "Fail when fewer than PERCENT of the rules are covered (seen both firing and not firing);"
          + " 100 fails on any rule a test never exercises.")
  private Integer coverageMin;

  @Option(names = "--junit", paramLabel = "FILE",
      description = "Also write the results as JUnit XML to FILE, for a CI server's test report.")
  private Path junit;

  @Override
  public Integer call() {
    if (coverageMin != null && (coverageMin < 0 || coverageMin > 100)) {
      tollgate.err.println("tollgate: --coverage-min must be between 0 and 100, not " + coverageMin);
      return Tollgate.BAD_INPUT;
    }
    long start = System.nanoTime();
    PackTestReport report = PackTests.run(dirs.roots().toArray(Path[]::new));
    if (junit != null) {
      JunitReport.write(report, (System.nanoTime() - start) / 1e9, junit);
    }
    report.cases().stream().filter(c -> !c.passed()).forEach(c -> {
      tollgate.out.println("FAILED " + c.failure());
      tollgate.out.println();
    });
    printCoverage(report);
    tollgate.out.println(report.passed() + " passed, " + report.failed() + " failed");
    if (coverageMin != null && report.coveragePercent() < coverageMin) {
      tollgate.err.println("tollgate: rule coverage " + report.coveragePercent() + "% is below --coverage-min "
          + coverageMin + "%; rules not covered: " + report.uncovered().stream().map(RuleCoverage::rule).toList());
      return Tollgate.DENIED;
    }
    return report.failed() == 0 ? Tollgate.OK : Tollgate.DENIED;
  }

  private void printCoverage(PackTestReport report) {
    List<RuleCoverage> rows = report.coverage();
    int packWidth = Math.max(4, rows.stream().mapToInt(r -> r.pack().length()).max().orElse(0));
    int ruleWidth = Math.max(4, rows.stream().mapToInt(r -> r.rule().length()).max().orElse(0));
    String format = "%-" + packWidth + "s  %-" + ruleWidth + "s  %-11s  %5s  %9s  %s";
    tollgate.out.println("Rule coverage: 'fired' counts the cases whose decision cites the rule, 'not fired' the cases"
        + " that ran its pack without it.");
    tollgate.out.println(String.format(format, "pack", "rule", "effect", "fired", "not fired", "").stripTrailing());
    for (RuleCoverage r : rows) {
      String gap = r.fired() == 0 && r.notFired() == 0 ? "<- never exercised"
          : r.fired() == 0 ? "<- never seen firing" : r.notFired() == 0 ? "<- never seen not firing" : "";
      tollgate.out.println(String.format(format, r.pack(), r.rule(), r.effect(), r.fired(), r.notFired(), gap).stripTrailing());
    }
    tollgate.out.println(rows.size() - report.uncovered().size() + " of " + rows.size() + " rules covered ("
        + report.coveragePercent() + "%)" + list("; never seen firing: ", rows, r -> r.fired() == 0)
        + list("; never seen not firing: ", rows, r -> r.notFired() == 0 && r.fired() > 0));
  }

  private static String list(String label, List<RuleCoverage> rows, Predicate<RuleCoverage> which) {
    List<String> ids = rows.stream().filter(which).map(RuleCoverage::rule).toList();
    return ids.isEmpty() ? "" : label + String.join(", ", ids);
  }
}
