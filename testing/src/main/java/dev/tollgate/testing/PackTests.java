package dev.tollgate.testing;

import dev.tollgate.Decision;
import dev.tollgate.Finding;
import dev.tollgate.PolicyEngine;
import dev.tollgate.rules.Rule;
import dev.tollgate.rules.RulePack;
import dev.tollgate.rules.RulePackLoader;
import dev.tollgate.rules.tooling.PackTestSuite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/**
 * Runs the YAML tests of rule packs: as JUnit 5 dynamic tests, one container per test file and one test
 * per case ({@link #dynamicTests}), or all at once with rule coverage ({@link #run}, which
 * {@code tollgate test} prints). Each pack version is tested alone, on an engine that loads only that
 * version.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> packs() {
 *   return PackTests.dynamicTests(Path.of("src/main/packs"));
 * }
 * }</pre>
 *
 * <p>Stateless; the engines it builds live as long as the tests that use them.
 */
public final class PackTests {
  private PackTests() {}

  /**
   * The tests of every pack under {@code root}: each {@code <id>/<version>/tests/*.yaml}.
   *
   * @throws dev.tollgate.rules.RulePackException if a pack or test file has problems
   * @throws IllegalArgumentException if there is no test file at all: a pack set without tests is an error;
   *     a single pack version without tests gives a failing test
   */
  public static Stream<DynamicNode> dynamicTests(Path root) {
    List<DynamicNode> nodes = new ArrayList<>();
    for (Path versionDir : packVersionDirs(root)) {
      List<Path> files = testFiles(versionDir);
      if (files.isEmpty()) {
        nodes.add(DynamicTest.dynamicTest(label(root, versionDir) + " has tests", versionDir.toUri(), () -> {
          throw new AssertionFailedError(untested(versionDir));
        }));
        continue;
      }
      PolicyEngine plain = PolicyEngine.builder().packs(versionDir).build();
      for (Path file : files) {
        PackTestSuite suite = read(file);
        PolicyEngine engine = engineFor(versionDir, file, suite, plain);
        List<DynamicTest> tests = suite.cases().stream().map(c -> DynamicTest.dynamicTest(c.name(),
            java.net.URI.create(file.toUri() + "?line=" + c.line()), () -> {
              String failure = failure(file, c, engine.decideJson(c.request()));
              if (failure != null) {
                throw new AssertionFailedError(failure);
              }
            })).toList();
        nodes.add(DynamicContainer.dynamicContainer(label(root, file) + ": " + suite.name(), file.toUri(), tests.stream()));
      }
    }
    if (nodes.isEmpty()) {
      throw noTests(List.of(root));
    }
    return nodes.stream();
  }

  /**
   * Runs the tests of every pack under the given folders at once, as {@code tollgate test} does, and
   * counts for every rule how often it fired and how often its pack ran without it firing. A pack
   * version without tests counts as one failed case.
   *
   * <pre>{@code
   * PackTestReport report = PackTests.run(Path.of("src/main/packs"));
   * assertEquals(List.of(), report.uncovered(), "rules no test exercises");
   * }</pre>
   *
   * @throws dev.tollgate.rules.RulePackException if a pack or test file has problems
   * @throws IllegalArgumentException if there is no test file at all
   */
  public static PackTestReport run(Path... roots) {
    List<Path> versionDirs = new ArrayList<>();
    for (Path root : roots) {
      versionDirs.addAll(packVersionDirs(root));
    }
    if (versionDirs.stream().allMatch(d -> testFiles(d).isEmpty())) {
      throw noTests(List.of(roots));
    }
    List<PackTestReport.CaseResult> results = new ArrayList<>();
    Map<String, Tally> tallies = new LinkedHashMap<>();
    for (Path versionDir : versionDirs) {
      List<Path> files = testFiles(versionDir);
      try (PolicyEngine plain = PolicyEngine.builder().packs(versionDir).build()) {
        for (RulePack pack : plain.packs()) {
          pack.rules().stream().filter(r -> r.status().evaluated())
              .forEach(r -> tallies.put(pack.ref() + " " + r.id(), new Tally(pack.ref(), r)));
        }
        if (files.isEmpty()) {
          results.add(new PackTestReport.CaseResult(versionDir.toString(), 0, "has tests", untested(versionDir)));
        }
        for (Path file : files) {
          PackTestSuite suite = read(file);
          PolicyEngine engine = engineFor(versionDir, file, suite, plain);
          try {
            for (PackTestSuite.Case c : suite.cases()) {
              Decision decision = engine.decideJson(c.request());
              results.add(new PackTestReport.CaseResult(file.toString(), c.line(), c.name(), failure(file, c, decision)));
              count(decision, tallies);
            }
          } finally {
            if (engine != plain) {
              engine.close();
            }
          }
        }
      }
    }
    return new PackTestReport(results, tallies.values().stream().map(Tally::coverage).toList());
  }

  /** How often one rule fired and did not fire, while the cases run. */
  private static final class Tally {
    private final String pack;
    private final Rule rule;
    private int fired;
    private int notFired;

    Tally(String pack, Rule rule) {
      this.pack = pack;
      this.rule = rule;
    }

    PackTestReport.RuleCoverage coverage() {
      return new PackTestReport.RuleCoverage(pack, rule.id(), rule.effect(), fired, notFired);
    }
  }

  private static void count(Decision decision, Map<String, Tally> tallies) {
    Set<String> cited = Set.copyOf(decision.ruleIds());
    for (Decision.PackRef ref : decision.packs()) {
      String prefix = ref.id() + "@" + ref.version() + " ";
      for (Map.Entry<String, Tally> e : tallies.entrySet()) {
        if (e.getKey().startsWith(prefix)) {
          if (cited.contains(e.getValue().rule.id())) {
            e.getValue().fired++;
          } else {
            e.getValue().notFired++;
          }
        }
      }
    }
  }

  /** A file with an overlay gets an engine of its own, so the other files keep the pack's defaults. */
  private static PolicyEngine engineFor(Path versionDir, Path file, PackTestSuite suite, PolicyEngine plain) {
    return suite.overrides() == null ? plain
        : PolicyEngine.builder().packs(versionDir).overrides(file.resolveSibling(suite.overrides()).normalize()).build();
  }

  private static String label(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  // A pack nobody tested must not pass the build quietly.
  private static String untested(Path versionDir) {
    return versionDir + " has no tests: add tests/*.yaml beside its pack.yaml";
  }

  private static IllegalArgumentException noTests(List<Path> roots) {
    return new IllegalArgumentException("no pack tests found under " + roots.stream().map(Path::toString)
        .collect(java.util.stream.Collectors.joining(", ")) + " (expected <id>/<version>/tests/*.yaml)");
  }

  /**
   * How a decision differs from what a case expects; empty when it matches. Rule ids, obligations and
   * allowed fields are compared as sets of exact values.
   */
  public static List<String> mismatches(PackTestSuite.Expectation expect, Decision decision) {
    List<String> out = new ArrayList<>();
    if (!expect.decision().equals(decision.verdict().name())) {
      out.add("decision: expected " + expect.decision() + " but was " + decision.verdict());
    }
    compare("rules", expect.rules(), decision.ruleIds(), out);
    if (expect.obligations() != null) {
      compare("obligations", expect.obligations(), decision.obligations().stream().map(Decision.Obligation::action).toList(), out);
    }
    if (expect.allowedFields() != null) {
      compare("allowedFields", expect.allowedFields(), decision.allowedFields() == null ? List.of() : decision.allowedFields(), out);
    }
    if (expect.overrides() != null) {
      compare("overrides", expect.overrides(), decision.overrides().stream().map(Decision.ParameterOverride::parameter).toList(), out);
    }
    if (expect.nextAllowedAt() != null) {
      String actual = decision.nextAllowedAt() == null ? "none" : decision.nextAllowedAt().toString();
      if (!expect.nextAllowedAt().equals(actual)) {
        out.add("nextAllowedAt: expected " + expect.nextAllowedAt() + " but was " + actual);
      }
    }
    return out;
  }

  private static void compare(String what, List<String> expected, List<String> actual, List<String> out) {
    List<String> missing = new ArrayList<>(expected);
    actual.forEach(missing::remove);
    List<String> extra = new ArrayList<>(actual);
    expected.forEach(extra::remove);
    if (!missing.isEmpty() || !extra.isEmpty()) {
      out.add(what + ": expected " + expected + " but was " + actual
          + (missing.isEmpty() ? "" : "; missing " + missing) + (extra.isEmpty() ? "" : "; unexpected " + extra));
    }
  }

  /** The report of a failed case, or null when the decision is as expected. */
  private static String failure(Path file, PackTestSuite.Case c, Decision decision) {
    List<String> mismatches = mismatches(c.expect(), decision);
    if (mismatches.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    sb.append(file).append(':').append(c.line()).append(": case '").append(c.name()).append("' failed");
    sb.append("\n  expected: ").append(c.expect().decision()).append(' ').append(c.expect().rules());
    sb.append("\n  actual:   ").append(decision.verdict()).append(' ').append(decision.ruleIds());
    mismatches.forEach(m -> sb.append("\n  ").append(m));
    sb.append(decision.findings().isEmpty() ? "\n  findings: none" : "\n  findings:");
    for (Finding f : decision.findings()) {
      sb.append("\n    ").append(f.rule()).append(' ').append(f.effect()).append(f.shadow() ? " (shadow)" : "")
          .append(": ").append(f.message().en());
    }
    sb.append("\n  request: ").append(c.request());
    return sb.toString();
  }

  private static PackTestSuite read(Path file) {
    try {
      return PackTestSuite.parse(file.toString(), Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static List<Path> packVersionDirs(Path root) {
    try (Stream<Path> walk = Files.walk(root, 3)) {
      return walk.filter(p -> p.getFileName().toString().equals(RulePackLoader.PACK_FILE))
          .map(Path::getParent).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
  }

  private static List<Path> testFiles(Path versionDir) {
    Path tests = versionDir.resolve("tests");
    if (!Files.isDirectory(tests)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(tests)) {
      return list.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + tests, e);
    }
  }
}
