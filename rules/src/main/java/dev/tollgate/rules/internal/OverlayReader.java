package dev.tollgate.rules.internal;

import dev.tollgate.rules.Condition;
import dev.tollgate.rules.Operand;
import dev.tollgate.rules.Parameter;
import dev.tollgate.rules.Rule;
import dev.tollgate.rules.RulePack;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds an overlay file ({@code {pack-id: {parameter: value}}}) and checks each value the way the pack
 * loader checks the pack's own: against every condition that uses the parameter, in every loaded version
 * of the pack.
 */
public final class OverlayReader {
  private OverlayReader() {}

  /** The overrides by pack and parameter, or null when a problem was recorded. */
  public static Map<String, Map<String, Object>> read(Node root, Collection<RulePack> packs, Problems problems) {
    MapReader m = MapReader.of(root, "$", problems);
    if (m == null) {
      return null;
    }
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    List<String> packIds = packs.stream().map(RulePack::id).distinct().toList();
    for (String packId : m.keys()) {
      Node n = m.get(packId);
      List<RulePack> versions = packs.stream().filter(p -> p.id().equals(packId)).toList();
      if (versions.isEmpty()) {
        problems.add("unknown_pack", entryMark(root, packId), m.pathOf(packId), "pack '" + packId + "' is not loaded"
            + Suggestions.hintFrom(packId, packIds) + " (loaded: " + String.join(", ", packIds) + ")");
        continue;
      }
      MapReader params = MapReader.of(n, m.pathOf(packId), problems);
      if (params == null) {
        continue;
      }
      Map<String, Object> values = new LinkedHashMap<>();
      List<String> declared = versions.stream().flatMap(p -> p.parameters().keySet().stream()).distinct().toList();
      for (String name : params.keys()) {
        Node valueNode = params.get(name);
        String at = params.pathOf(name);
        if (!declared.contains(name)) {
          problems.add("unknown_parameter", entryMark(n, name), at, "pack " + packId + " has no parameter '" + name + "'"
              + Suggestions.hintFrom(name, declared)
              + (declared.isEmpty() ? " (it declares none)" : " (parameters: " + String.join(", ", declared) + ")"));
          continue;
        }
        Object plain = MapReader.plain(valueNode);
        if (check(plain, valueNode, at, name, versions, problems)) {
          values.put(name, plain);
        }
      }
      out.put(packId, values);
    }
    return out;
  }

  private static Node.Mark entryMark(Node mapping, String key) {
    return mapping instanceof Node.Mapping mm && mm.entries().get(key) != null ? mm.entries().get(key).keyMark() : mapping.mark();
  }

  /** Whether the value suits the parameter's default and every use of it; records each problem. */
  private static boolean check(Object plain, Node node, String at, String name, List<RulePack> versions, Problems problems) {
    if (plain == null) {
      problems.add("wrong_type", node, at, "parameter '" + name + "' needs a value, found null");
      return false;
    }
    List<String> found = new ArrayList<>();
    for (RulePack pack : versions) {
      Parameter declared = pack.parameters().get(name);
      if (declared == null) {
        continue;
      }
      if (!kind(declared.value()).equals(kind(plain))) {
        found.add("expected " + kind(declared.value()) + " like the pack's default " + show(declared.value())
            + ", found " + kind(plain));
        continue;
      }
      for (Rule rule : pack.rules()) {
        uses(rule.when(), name, plain, rule.id(), found);
      }
    }
    for (String f : found.stream().distinct().toList()) {
      problems.add(f.startsWith("expected") ? "wrong_type" : "invalid_value", node, at, "parameter '" + name + "': " + f);
    }
    return found.isEmpty();
  }

  private static void uses(Condition c, String name, Object plain, String rule, List<String> found) {
    if (c instanceof Condition.AllOf a) {
      a.conditions().forEach(x -> uses(x, name, plain, rule, found));
    } else if (c instanceof Condition.AnyOf a) {
      a.conditions().forEach(x -> uses(x, name, plain, rule, found));
    } else if (c instanceof Condition.Not n) {
      uses(n.condition(), name, plain, rule, found);
    } else if (c instanceof Condition.AnyItem a) {
      uses(a.condition(), name, plain, rule, found);
    } else if (c instanceof Condition.Window w) {
      if (w.atLeast() instanceof Operand.Param p && p.name().equals(name)) {
        String bad = ConditionReader.capProblem(plain);
        if (bad != null) {
          found.add("rule " + rule + " uses it as a window cap, which " + bad);
        }
      }
    } else if (c instanceof Condition.Compare cmp) {
      if (cmp.operand() instanceof Operand.Param p && p.name().equals(name)) {
        try {
          Values.convert(cmp.field(), cmp.operator(), plain);
        } catch (IllegalArgumentException e) {
          found.add("rule " + rule + " compares " + cmp.field().path() + " with it: " + e.getMessage());
        }
      } else if (cmp.operand() instanceof Operand.ParamEntry e && e.name().equals(name)) {
        for (Object v : ((Map<?, ?>) plain).values()) {
          try {
            Values.convert(cmp.field(), cmp.operator(), v);
          } catch (IllegalArgumentException ex) {
            found.add("rule " + rule + " compares " + cmp.field().path() + " with its entries: " + ex.getMessage());
          }
        }
      }
    }
  }

  private static String kind(Object plain) {
    if (plain instanceof List<?>) {
      return "a list";
    }
    if (plain instanceof Map<?, ?>) {
      return "a mapping";
    }
    if (plain instanceof Boolean) {
      return "true or false";
    }
    return plain instanceof String ? "text" : "a number";
  }

  private static String show(Object plain) {
    return plain instanceof String s ? "'" + s + "'" : String.valueOf(plain);
  }
}
