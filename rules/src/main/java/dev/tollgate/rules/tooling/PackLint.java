package dev.tollgate.rules.tooling;

import dev.tollgate.rules.Confidence;
import dev.tollgate.rules.Effect;
import dev.tollgate.rules.Problem;
import dev.tollgate.rules.Rule;
import dev.tollgate.rules.RulePack;
import dev.tollgate.rules.RulePackException;
import dev.tollgate.rules.RulePackLoader;
import dev.tollgate.rules.RuleStatus;
import dev.tollgate.rules.Version;
import dev.tollgate.rules.internal.Conditions;
import dev.tollgate.rules.internal.Locator;
import dev.tollgate.rules.internal.Node;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks packs for what is allowed but probably wrong (lint, reported as warnings) and for versions
 * whose number does not match their changes (errors). Problems are located like the loader's, at the
 * file, line and column of the rule or key concerned. The codes are listed in docs/pack-format.md.
 *
 * <p>Stateless and thread-safe.
 */
public final class PackLint {
  /** The changelog of a pack, beside its version folders: {@code <pack-id>/CHANGELOG.md}. */
  public static final String CHANGELOG = "CHANGELOG.md";
  private static final Pattern HEADING = Pattern.compile("^##\\s+\\[?(\\d+\\.\\d+\\.\\d+)\\]?.*$");
  private PackLint() {}

  /**
   * The warnings for the packs under the given paths (folders of packs, pack folders or version folders).
   *
   * @param testedRules the ids of the rules that some pack test saw firing; null to skip that check
   * @throws RulePackException if the packs do not load
   */
  public static List<Problem> warnings(List<Path> roots, Set<String> testedRules) {
    List<Problem> out = new ArrayList<>();
    Loaded loaded = load(roots);
    Map<String, Version> latest = new HashMap<>();
    loaded.packs().forEach(p -> latest.merge(p.id(), p.version(), (a, b) -> a.compareTo(b) >= 0 ? a : b));
    for (RulePack pack : loaded.packs()) {
      // A released version is never edited, so only the newest version of a pack is told what to change.
      if (!pack.version().equals(latest.get(pack.id()))) {
        continue;
      }
      Locator at = loaded.locator(pack);
      Set<String> justifiedTwins = new HashSet<>();
      Map<String, Problem> unneeded = new LinkedHashMap<>();
      Map<String, Rule> conditions = new LinkedHashMap<>();
      for (int i = 0; i < pack.rules().size(); i++) {
        Rule rule = pack.rules().get(i);
        String path = "$.rules[" + i + "]";
        if (!rule.status().evaluated()) {
          continue;
        }
        Set<String> needed = new HashSet<>();
        if (testedRules != null && !testedRules.contains(rule.id())) {
          out.add(problem("untested_rule", pack, at.rule(rule.id(), null), path + ".id",
              "no pack test sees rule " + rule.id() + " fire; add a case whose decision cites it"));
        }
        if (rule.effect() == Effect.DENY && rule.status() == RuleStatus.IN_FORCE && rule.confidence() != Confidence.HIGH
            && stands(rule, "deny_on_unconfirmed_source", needed)) {
          out.add(problem("deny_on_unconfirmed_source", pack, at.rule(rule.id(), "confidence"), path + ".confidence",
              "rule " + rule.id() + " denies on a source of " + rule.confidence().name().toLowerCase(Locale.ROOT)
                  + " confidence (see its note); confirm it against the official text, or make it a WARN"));
        }
        String contradiction = Conditions.contradiction(rule.when());
        if (contradiction != null) {
          out.add(problem("rule_never_fires", pack, at.rule(rule.id(), "when"), path + ".when",
              "rule " + rule.id() + " can never fire: " + contradiction));
        }
        if (rule.obligation() != null && rule.obligation().params().isEmpty()) {
          out.add(problem("obligation_without_params", pack, at.rule(rule.id(), "obligation"), path + ".obligation",
              "obligation " + rule.obligation().action() + " of rule " + rule.id()
                  + " has no params: say what exactly the caller must do (positions, text, fields...)"));
        }
        Rule twin = conditions.putIfAbsent(Conditions.canonical(rule.when()) + " " + rule.appliesTo(), rule);
        if (twin != null && stands(rule, "same_condition", needed) & stands(twin, "same_condition", needed)) {
          out.add(problem("same_condition", pack, at.rule(rule.id(), "when"), path + ".when",
              "rule " + rule.id() + " has the same condition as rule " + twin.id() + " (line "
                  + at.rule(twin.id(), "when").line() + "), so they always fire together; keep both only if two"
                  + " instruments require the same, else merge them or narrow one, or say why under 'justify'"));
        }
        justifiedTwins.addAll(needed);
        for (String code : rule.justifications().keySet()) {
          if (!needed.contains(rule.id() + " " + code)) {
            unneeded.put(rule.id() + " " + code, problem("unneeded_justification", pack,
                at.rule(rule.id(), "justify"), path + ".justify." + code, "rule " + rule.id() + " justifies '" + code
                    + "', but lint has no such warning about it (any more); remove the justification"));
          }
        }
      }
      // A twin justifies a same_condition reported on the rule after it, so it is known to be needed only now.
      unneeded.keySet().removeAll(justifiedTwins);
      out.addAll(unneeded.values());
    }
    for (PackChanges changes : loaded.consecutive()) {
      changelog(changes, loaded, out);
    }
    return out.stream().sorted().toList();
  }

  /**
   * The errors of version numbers: each version of a pack, compared with the version before it under the
   * same paths, must be bumped as far as its changes reach ({@link PackChanges#versionSufficient()}).
   *
   * @throws RulePackException if the packs do not load
   */
  public static List<Problem> versionProblems(List<Path> roots) {
    Loaded loaded = load(roots);
    List<Problem> out = new ArrayList<>();
    for (PackChanges changes : loaded.consecutive()) {
      if (!changes.versionSufficient()) {
        out.add(problem("version_bump_required", changes.to(), loaded.locator(changes.to()).top("version"), "$.version",
            bumpMessage(changes)));
      }
    }
    return out;
  }

  /**
   * Why a version number is too low for its changes: the bump needed and the changes that need it, e.g.
   * {@code 1.0.0 -> 1.1.0 changes rules that can turn an ALLOW into a DENY or back (...): needs 2.0.0}.
   */
  public static String bumpMessage(PackChanges changes) {
    PackChanges.Impact impact = changes.impact();
    if (impact == null) {
      return "pack " + changes.to().id() + " goes back from version " + changes.from().version() + " to "
          + changes.to().version();
    }
    String reach = switch (impact) {
      case DECISION -> "changes what can turn an ALLOW into a DENY or back";
      case FINDINGS -> "changes findings or obligations";
      case TEXT -> "changes text";
    };
    return "pack " + changes.to().id() + " " + changes.from().version() + " -> " + changes.to().version() + " " + reach
        + " (" + String.join("; ", changes.changes(impact).stream().map(PackChanges.Change::toString).toList())
        + "): that needs version " + changes.requiredVersion() + " or higher, and an entry in " + CHANGELOG;
  }

  private static void changelog(PackChanges changes, Loaded loaded, List<Problem> out) {
    List<PackChanges.Change> named = changes.changes().stream().filter(c -> c.impact() != PackChanges.Impact.TEXT).toList();
    if (named.isEmpty()) {
      return;
    }
    RulePack pack = changes.to();
    Locator at = loaded.locator(pack);
    Path file = loaded.file(pack).getParent().getParent().resolve(CHANGELOG);
    String section = section(file, pack.version());
    if (section == null) {
      out.add(problem("changelog_missing", pack, at.top("version"), "$.version", (Files.exists(file)
          ? file + " has no '## " + pack.version() + "' section"
          : "pack " + pack.id() + " has no " + CHANGELOG + " beside its version folders (" + file + ")")
          + " for the changes since " + changes.from().version() + ": "
          + String.join("; ", named.stream().map(PackChanges.Change::toString).toList())));
      return;
    }
    for (PackChanges.Change c : named) {
      if (!Pattern.compile("(?<![A-Z0-9-])" + Pattern.quote(c.rule()) + "(?![A-Z0-9-])").matcher(section).find()
          && !c.rule().equals("(pack)")) {
        out.add(problem("changelog_missing", pack, at.rule(c.rule(), null), "$.rules",
            "rule " + c.rule() + " changed since " + changes.from().version() + " (" + c.what() + ") but the '## "
                + pack.version() + "' section of " + file + " does not name it"));
      }
    }
  }

  /** The text under {@code ## <version>} in a changelog; null without the file or the section. */
  private static String section(Path file, Version version) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    StringBuilder text = null;
    for (String line : lines) {
      Matcher m = HEADING.matcher(line);
      if (m.matches() || line.startsWith("## ")) {
        if (text != null) {
          break;
        }
        if (m.matches() && m.group(1).equals(version.toString())) {
          text = new StringBuilder();
        }
      } else if (text != null) {
        text.append(line).append('\n');
      }
    }
    return text == null ? null : text.toString();
  }

  /**
   * Whether a warning about a rule stands: false when the rule justifies it. A justification that suppresses a
   * warning is recorded in {@code used} as {@code "<rule id> <code>"}, so that unused ones can be reported.
   */
  private static boolean stands(Rule rule, String code, Set<String> used) {
    if (rule.justifications().containsKey(code)) {
      used.add(rule.id() + " " + code);
      return false;
    }
    return true;
  }

  private static Problem problem(String code, RulePack pack, Node.Mark mark, String path, String message) {
    return new Problem(code, pack.source(), mark.line(), mark.column(), path, message);
  }

  /** The packs under some paths, with the file each came from. */
  private record Loaded(List<RulePack> packs, Map<String, Path> files) {
    Path file(RulePack pack) {
      return files.get(pack.source());
    }

    Locator locator(RulePack pack) {
      try {
        return Locator.of(Files.readAllBytes(file(pack)), pack.source());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file(pack), e);
      }
    }

    /** Each version of a pack with the version before it. */
    List<PackChanges> consecutive() {
      List<PackChanges> out = new ArrayList<>();
      for (int i = 1; i < packs.size(); i++) {
        if (packs.get(i - 1).id().equals(packs.get(i).id())) {
          out.add(PackChanges.between(packs.get(i - 1), packs.get(i)));
        }
      }
      return out;
    }
  }

  private static Loaded load(List<Path> roots) {
    List<RulePack> packs = RulePackLoader.load(roots.toArray(Path[]::new));
    Map<String, Path> files = new LinkedHashMap<>();
    for (Path root : roots) {
      if (Files.isRegularFile(root)) {
        files.put(root.toString(), root);
        continue;
      }
      // The same walk as the loader's, so that each pack's source names one of these files.
      try (Stream<Path> walk = Files.walk(root, 3)) {
        walk.filter(p -> p.getFileName() != null && p.getFileName().toString().equals(RulePackLoader.PACK_FILE))
            .forEach(p -> files.put(p.toString(), p));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + root, e);
      }
    }
    return new Loaded(packs, files);
  }
}
