package dev.tollgate.rules.tooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.rules.Problem;
import dev.tollgate.rules.Rule;
import dev.tollgate.rules.RulePackLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lint cases are data: a pack per case and the warnings it must draw, in expected.txt. */
class PackLintTest {
  private static final Path CASES = Path.of("src/test/resources/lint-packs");

  @Test
  void warnings_lintCasesPack_drawsExactlyTheExpectedWarnings() throws IOException {
    Path root = CASES.resolve("warnings");
    Set<String> tested = RulePackLoader.load(root).get(0).rules().stream().map(Rule::id)
        .filter(id -> !id.equals("CN-LINT-UNCONFIRMED")).collect(Collectors.toSet());
    List<Problem> warnings = PackLint.warnings(List.of(root), tested);
    assertEquals(Files.readAllLines(root.resolve("expected.txt")).stream().sorted().toList(),
        warnings.stream().map(p -> p.line() + ":" + p.column() + ": " + p.code()).sorted().toList(), warnings.toString());
    assertTrue(warnings.stream().allMatch(p -> p.file().endsWith("demo-lint/1.0.0/pack.yaml")), warnings.toString());
    Problem range = warnings.stream().filter(p -> p.line() == 62).findFirst().orElseThrow();
    assertEquals("rule CN-LINT-NEVER-RANGE can never fire: it requires both aiLabel.charsPerMinute ge 300 and"
        + " aiLabel.charsPerMinute lt 120", range.message());
  }

  @Test
  void warnings_justifiedWarnings_areLeftOutAndAnUnneededJustificationIsReported() throws IOException {
    Path root = CASES.resolve("justified");
    Set<String> tested = RulePackLoader.load(root).get(0).rules().stream().map(Rule::id).collect(Collectors.toSet());
    List<Problem> warnings = PackLint.warnings(List.of(root), tested);
    assertEquals(Files.readAllLines(root.resolve("expected.txt")),
        warnings.stream().map(p -> p.line() + ":" + p.column() + ": " + p.code()).toList(), warnings.toString());
    assertEquals("rule CN-LINT-NOTHING-TO-JUSTIFY justifies 'deny_on_unconfirmed_source', but lint has no such"
        + " warning about it (any more); remove the justification", warnings.get(0).message());
    assertEquals("$.rules[5].justify.deny_on_unconfirmed_source", warnings.get(0).path());
  }

  @Test
  void warnings_olderVersionOfAPack_isNotToldWhatToChange() {
    // versions/ holds demo-lint 1.0.0 and 1.1.0; the newest is linted, the released one is not edited.
    List<Problem> warnings = PackLint.warnings(List.of(CASES.resolve("versions")), Set.of());
    assertTrue(warnings.stream().noneMatch(p -> p.file().endsWith("1.0.0/pack.yaml")), warnings.toString());
    assertTrue(warnings.stream().anyMatch(p -> p.code().equals("untested_rule") && p.file().endsWith("1.1.0/pack.yaml")),
        warnings.toString());
  }

  @Test
  void warnings_changedRuleMissingFromChangelog_isNamedAtTheRule() {
    List<Problem> warnings = PackLint.warnings(List.of(CASES.resolve("versions")), null);
    assertEquals(1, warnings.size(), warnings.toString());
    Problem p = warnings.get(0);
    assertEquals("changelog_missing", p.code());
    assertTrue(p.file().endsWith("demo-lint/1.1.0/pack.yaml") && p.line() == 11 && p.column() == 9, p.toString());
    assertTrue(p.message().startsWith("rule CN-LINT-RATE changed since 1.0.0 (parameter maxRate 300 -> 360) but the"
        + " '## 1.1.0' section of "), p.message());
  }

  @Test
  void warnings_noChangelogAtAll_isReportedAtTheVersion(@TempDir Path dir) throws IOException {
    Path pack = Files.createDirectories(dir.resolve("demo-lint"));
    for (String v : List.of("1.0.0", "1.1.0")) {
      Files.createDirectories(pack.resolve(v));
      Files.copy(CASES.resolve("versions/demo-lint/" + v + "/pack.yaml"), pack.resolve(v + "/pack.yaml"));
    }
    List<Problem> warnings = PackLint.warnings(List.of(dir), null);
    assertEquals(1, warnings.size(), warnings.toString());
    assertEquals("changelog_missing", warnings.get(0).code());
    assertEquals(3, warnings.get(0).line());
    assertTrue(warnings.get(0).message().startsWith("pack demo-lint has no CHANGELOG.md beside its version folders"),
        warnings.get(0).message());
  }

  @Test
  void versionProblems_decisionChangeInAMinorVersion_needsTheNextMajor() {
    List<Problem> problems = PackLint.versionProblems(List.of(CASES.resolve("versions")));
    assertEquals(1, problems.size(), problems.toString());
    Problem p = problems.get(0);
    assertEquals("version_bump_required", p.code());
    assertEquals(3, p.line());
    assertEquals(10, p.column());
    assertEquals("pack demo-lint 1.0.0 -> 1.1.0 changes what can turn an ALLOW into a DENY or back (CN-LINT-RATE:"
        + " parameter maxRate 300 -> 360): that needs version 2.0.0 or higher, and an entry in CHANGELOG.md", p.message());
  }

  @Test
  void versionProblems_bundledPacks_none() {
    assertEquals(List.of(), PackLint.versionProblems(List.of(Path.of("../rulepacks"))));
  }
}
