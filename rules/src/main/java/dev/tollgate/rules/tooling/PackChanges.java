package dev.tollgate.rules.tooling;

import dev.tollgate.rules.Effect;
import dev.tollgate.rules.EffectivePeriod;
import dev.tollgate.rules.Parameter;
import dev.tollgate.rules.Rule;
import dev.tollgate.rules.RulePack;
import dev.tollgate.rules.RuleStatus;
import dev.tollgate.rules.Version;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What changed from one version of a pack to another, rule by rule, and whether the new version number
 * says so. The version rule (docs/pack-format.md, "Versions and the changelog"): a change that can turn
 * an ALLOW into a DENY or back needs a new major version, a change to findings or obligations that
 * cannot (a WARN rule, an obligation, a SHADOW rule) a new minor version, and a change of text alone
 * (titles, messages, citations, notes) a new patch version.
 *
 * <p>Immutable.
 *
 * @param from the older version
 * @param to the newer version (or the same version, edited)
 * @param changes every change, pack-level ones first (rule {@code (pack)}), then in the newer pack's rule order
 */
public record PackChanges(RulePack from, RulePack to, List<Change> changes) {
  public PackChanges {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    changes = List.copyOf(changes);
  }

  /** How far a change reaches, the farthest first. */
  public enum Impact {
    /** Can turn an ALLOW into a DENY or back: needs a new major version. */
    DECISION,
    /** Changes findings or obligations but never the verdict: needs at least a new minor version. */
    FINDINGS,
    /** Changes text only: needs at least a new patch version. */
    TEXT
  }

  /**
   * One changed rule, or a pack-level change.
   *
   * @param rule the rule id, or {@code (pack)} for the pack's own fields
   * @param impact how far the change reaches
   * @param what the change in words, e.g. {@code parameter cn.marketing.maxCallsPerDay 1 -> 2}
   */
  public record Change(String rule, Impact impact, String what) {
    public Change {
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(impact, "impact");
      Objects.requireNonNull(what, "what");
    }

    @Override
    public String toString() {
      return rule + ": " + what;
    }
  }

  /**
   * Compares two versions of one pack.
   *
   * @throws IllegalArgumentException if the packs have different ids
   */
  public static PackChanges between(RulePack from, RulePack to) {
    if (!from.id().equals(to.id())) {
      throw new IllegalArgumentException("cannot compare pack " + from.ref() + " with a different pack " + to.ref());
    }
    List<Change> out = new ArrayList<>();
    packChanges(from, to, out);
    Map<String, Rule> before = new LinkedHashMap<>();
    from.rules().forEach(r -> before.put(r.id(), r));
    for (Rule rule : to.rules()) {
      Rule old = before.remove(rule.id());
      if (old == null) {
        out.add(new Change(rule.id(), reach(null, rule), "added (" + describe(rule) + ")"));
      } else {
        ruleChange(old, from, rule, to, out);
      }
    }
    before.values().forEach(r -> out.add(new Change(r.id(), reach(r, null), "removed (" + describe(r) + ")")));
    return new PackChanges(from, to, out);
  }

  /** The farthest-reaching impact of the changes; null when nothing changed. */
  public Impact impact() {
    return changes.stream().map(Change::impact).min(Comparator.naturalOrder()).orElse(null);
  }

  /** The changes of the given impact. */
  public List<Change> changes(Impact impact) {
    return changes.stream().filter(c -> c.impact() == impact).toList();
  }

  /** The lowest version the newer pack needs for these changes; the older version when nothing changed. */
  public Version requiredVersion() {
    Version v = from.version();
    Impact impact = impact();
    if (impact == null) {
      return v;
    }
    return switch (impact) {
      case DECISION -> new Version(v.major() + 1, 0, 0);
      case FINDINGS -> new Version(v.major(), v.minor() + 1, 0);
      case TEXT -> new Version(v.major(), v.minor(), v.patch() + 1);
    };
  }

  /** Whether the newer version number is at least {@link #requiredVersion()} in the part that matters. */
  public boolean versionSufficient() {
    Impact impact = impact();
    Version f = from.version();
    Version t = to.version();
    if (impact == null) {
      return t.compareTo(f) >= 0;
    }
    return switch (impact) {
      case DECISION -> t.major() > f.major();
      case FINDINGS -> t.major() > f.major() || t.major() == f.major() && t.minor() > f.minor();
      case TEXT -> t.compareTo(f) > 0;
    };
  }

  private static void packChanges(RulePack from, RulePack to, List<Change> out) {
    List<String> decisive = new ArrayList<>();
    differ("jurisdiction", from.jurisdiction(), to.jurisdiction(), decisive);
    differ("applies to", new TreeSet<>(from.appliesTo()), new TreeSet<>(to.appliesTo()), decisive);
    differ("effective", dates(from.effective()), dates(to.effective()), decisive);
    if (!Objects.equals(from.vocabulary(), to.vocabulary())) {
      decisive.add("vocabulary changed");
    }
    if (!decisive.isEmpty()) {
      out.add(new Change("(pack)", Impact.DECISION, String.join("; ", decisive)));
    }
    List<String> text = new ArrayList<>();
    differ("title", from.title().en(), to.title().en(), text);
    differ("owner", from.owner(), to.owner(), text);
    Set<String> used = new LinkedHashSet<>();
    to.rules().forEach(r -> used.addAll(r.parameters()));
    from.rules().forEach(r -> used.addAll(r.parameters()));
    Set<String> names = new LinkedHashSet<>(from.parameters().keySet());
    names.addAll(to.parameters().keySet());
    for (String name : names) {
      if (!used.contains(name)) {
        differ("unused parameter " + name, value(from, name), value(to, name), text);
      }
    }
    if (!text.isEmpty()) {
      out.add(new Change("(pack)", Impact.TEXT, String.join("; ", text)));
    }
  }

  private static void ruleChange(Rule old, RulePack from, Rule rule, RulePack to, List<Change> out) {
    List<String> behaviour = new ArrayList<>();
    if (!old.when().equals(rule.when())) {
      behaviour.add("condition changed");
    }
    differ("effect", old.effect(), rule.effect(), behaviour);
    differ("status", old.status(), rule.status(), behaviour);
    differ("effective", dates(old.effective()), dates(rule.effective()), behaviour);
    differ("applies to", new TreeSet<>(old.appliesTo()), new TreeSet<>(rule.appliesTo()), behaviour);
    Set<String> params = new LinkedHashSet<>(old.parameters());
    params.addAll(rule.parameters());
    for (String name : params) {
      differ("parameter " + name, value(from, name), value(to, name), behaviour);
    }
    List<String> findings = new ArrayList<>();
    if (!Objects.equals(old.obligation(), rule.obligation())) {
      findings.add("obligation changed");
    }
    List<String> text = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    if (!old.title().equals(rule.title())) {
      parts.add("title");
    }
    if (!old.message().equals(rule.message())) {
      parts.add("message");
    }
    if (!old.citation().equals(rule.citation())) {
      parts.add("citation");
    }
    if (!Objects.equals(old.note(), rule.note())) {
      parts.add("note");
    }
    if (!old.justifications().equals(rule.justifications())) {
      parts.add("justification");
    }
    if (!parts.isEmpty()) {
      text.add(String.join(", ", parts) + " changed");
    }
    differ("confidence", old.confidence(), rule.confidence(), text);
    List<String> all = new ArrayList<>(behaviour);
    all.addAll(findings);
    all.addAll(text);
    if (all.isEmpty()) {
      return;
    }
    Impact impact = !behaviour.isEmpty() ? reach(old, rule) : !findings.isEmpty() && (evaluated(old) || evaluated(rule))
        ? Impact.FINDINGS : Impact.TEXT;
    out.add(new Change(rule.id(), impact, String.join("; ", all)));
  }

  /** The impact of a change to what a rule does, from its state before and after (null: absent). */
  private static Impact reach(Rule before, Rule after) {
    if (decides(before) || decides(after)) {
      return Impact.DECISION;
    }
    return evaluated(before) || evaluated(after) ? Impact.FINDINGS : Impact.TEXT;
  }

  private static boolean decides(Rule r) {
    return r != null && r.effect() == Effect.DENY && r.status() == RuleStatus.IN_FORCE;
  }

  private static boolean evaluated(Rule r) {
    return r != null && r.status().evaluated();
  }

  private static String describe(Rule r) {
    return r.effect() + (r.status() == RuleStatus.IN_FORCE ? "" : ", " + r.status());
  }

  private static void differ(String what, Object before, Object after, List<String> out) {
    if (!Objects.equals(before, after)) {
      out.add(what + " " + show(before) + " -> " + show(after));
    }
  }

  private static String show(Object value) {
    return value == null ? "(none)" : value.toString();
  }

  private static String dates(EffectivePeriod p) {
    return (p.from() == null ? "always" : p.from().toString()) + " to " + (p.to() == null ? "further notice" : p.to().toString());
  }

  private static Object value(RulePack pack, String name) {
    Parameter p = pack.parameters().get(name);
    return p == null ? null : p.value();
  }
}
