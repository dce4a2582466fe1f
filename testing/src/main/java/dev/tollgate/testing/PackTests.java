package dev.tollgate.testing;

import dev.tollgate.Decision;
import dev.tollgate.Finding;
import dev.tollgate.PolicyEngine;
import dev.tollgate.rules.PackTestSuite;
import dev.tollgate.rules.RulePackLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/**
 * Turns the YAML tests of rule packs into JUnit 5 dynamic tests: one container per test file, one test
 * per case. Each pack version is tested alone, on an engine that loads only that version.
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
        // A pack nobody tested must not pass the build quietly.
        String label = root.relativize(versionDir).toString().replace('\\', '/');
        nodes.add(DynamicTest.dynamicTest(label + " has tests", versionDir.toUri(), () -> {
          throw new AssertionFailedError(versionDir + " has no tests: add tests/*.yaml beside its pack.yaml");
        }));
        continue;
      }
      PolicyEngine plain = PolicyEngine.builder().packs(versionDir).build();
      for (Path file : files) {
        PackTestSuite suite = read(file);
        // A file with an overlay gets an engine of its own, so the other files keep the pack's defaults.
        PolicyEngine engine = suite.overrides() == null ? plain
            : PolicyEngine.builder().packs(versionDir).overrides(file.resolveSibling(suite.overrides()).normalize()).build();
        List<DynamicTest> tests = suite.cases().stream().map(c -> DynamicTest.dynamicTest(c.name(),
            java.net.URI.create(file.toUri() + "?line=" + c.line()), () -> {
              Decision decision = engine.decideJson(c.request().toString());
              List<String> mismatches = mismatches(c.expect(), decision);
              if (!mismatches.isEmpty()) {
                throw new AssertionFailedError(report(file, c, decision, mismatches));
              }
            })).toList();
        String label = root.relativize(file).toString().replace('\\', '/') + ": " + suite.name();
        nodes.add(DynamicContainer.dynamicContainer(label, file.toUri(), tests.stream()));
      }
    }
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("no pack tests found under " + root + " (expected <id>/<version>/tests/*.yaml)");
    }
    return nodes.stream();
  }

  /**
   * How a decision differs from what a case expects; empty when it matches. Rule ids, obligations and
   * allowed fields are compared as sets of exact values.
   */
  public static List<String> mismatches(PackTestSuite.Expectation expect, Decision decision) {
    List<String> out = new ArrayList<>();
    if (!expect.decision().equals(decision.decision().name())) {
      out.add("decision: expected " + expect.decision() + " but was " + decision.decision());
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

  private static String report(Path file, PackTestSuite.Case c, Decision decision, List<String> mismatches) {
    StringBuilder sb = new StringBuilder();
    sb.append(file).append(':').append(c.line()).append(": case '").append(c.name()).append("' failed");
    mismatches.forEach(m -> sb.append("\n  ").append(m));
    sb.append("\n  findings:");
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
