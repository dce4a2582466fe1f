package dev.tollgate.rules.internal;

import dev.tollgate.rules.Citation;
import dev.tollgate.rules.Condition;
import dev.tollgate.rules.Confidence;
import dev.tollgate.rules.Effect;
import dev.tollgate.rules.EffectivePeriod;
import dev.tollgate.rules.Field;
import dev.tollgate.rules.ObligationTemplate;
import dev.tollgate.rules.Parameter;
import dev.tollgate.rules.RequestType;
import dev.tollgate.rules.Rule;
import dev.tollgate.rules.RulePack;
import dev.tollgate.rules.RuleStatus;
import dev.tollgate.rules.Text;
import dev.tollgate.rules.ValueType;
import dev.tollgate.rules.Version;
import dev.tollgate.rules.Vocabulary;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Binds the YAML tree of one {@code pack.yaml} to a {@link RulePack}, checking every field. All
 * problems are recorded; a pack is returned only when there are none. The vocabulary and the rules'
 * conditions have readers of their own ({@link VocabularyReader}, {@link ConditionReader}).
 */
public final class PackReader {
  public static final Pattern PACK_ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
  public static final Pattern RULE_ID = Pattern.compile("[A-Z]{2}(-[A-Z0-9]+){2,}");
  static final Pattern ACTION = Pattern.compile("[A-Z][A-Z0-9_]*");
  static final Pattern PARAM_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_.]*");

  private final Problems problems;
  private final Map<String, Parameter> parameters = new LinkedHashMap<>();
  /** The YAML node of each parameter's value, to locate problems inside a table. */
  private final Map<String, Node> parameterValues = new HashMap<>();
  private ConditionReader conditions;
  private Set<RequestType> appliesTo = EnumSet.noneOf(RequestType.class);

  private PackReader(Problems problems) {
    this.problems = problems;
  }

  /**
   * Reads a pack from its YAML tree.
   *
   * @param digest the digest of the file's bytes
   * @return the pack, or null when any problem was recorded
   */
  public static RulePack read(Node root, String digest, Problems problems) {
    return new PackReader(problems).pack(root, digest);
  }

  private RulePack pack(Node root, String digest) {
    MapReader m = MapReader.of(root, "$", problems);
    if (m == null) {
      return null;
    }
    String id = m.string("id", true);
    if (id != null && !PACK_ID.matcher(id).matches()) {
      problems.add("invalid_pack_id", m.get("id"), "$.id",
          "pack id '" + id + "' must be lower-case words joined by hyphens, e.g. cn-aigc-labeling");
    }
    Version version = version(m);
    Text title = text(m, "title", true);
    String jurisdiction = m.string("jurisdiction", true);
    if (jurisdiction != null && !Field.JURISDICTION.pattern().matcher(jurisdiction).matches()) {
      problems.add("invalid_jurisdiction", m.get("jurisdiction"), "$.jurisdiction",
          "'" + jurisdiction + "' is not an ISO 3166 code like CN, US or US-FL");
    }
    appliesTo = requestTypes(m, m.require("appliesTo"), "$.appliesTo");
    EffectivePeriod effective = effective(m);
    String owner = m.string("owner", true);
    readParameters(m);
    Vocabulary vocabulary = VocabularyReader.read(m, appliesTo, problems);
    conditions = new ConditionReader(problems, parameters, parameterValues, vocabulary);
    List<Rule> rules = rules(m, effective);
    m.finish();
    if (!problems.isEmpty()) {
      return null;
    }
    return new RulePack(id, version, title, jurisdiction, appliesTo, effective, owner, parameters, vocabulary,
        rules, problems.file(), digest);
  }

  private Version version(MapReader m) {
    String v = m.string("version", false);
    Node n = m.get("version");
    if (n == null) {
      m.require("version");
      return null;
    }
    if (v == null) {
      return null;
    }
    try {
      return Version.parse(v);
    } catch (IllegalArgumentException e) {
      problems.add("invalid_version", n, "$.version", e.getMessage());
      return null;
    }
  }

  private Set<RequestType> requestTypes(MapReader m, Node n, String path) {
    Set<RequestType> out = EnumSet.noneOf(RequestType.class);
    if (n == null) {
      return out;
    }
    if (!(n instanceof Node.Sequence seq) || seq.items().isEmpty()) {
      problems.add("wrong_type", n, path, "expected a list of request types: call, data-share");
      return out;
    }
    for (int i = 0; i < seq.items().size(); i++) {
      Node item = seq.items().get(i);
      String s = m.asString(item, path + "[" + i + "]");
      if (s == null) {
        continue;
      }
      try {
        out.add(RequestType.fromWireName(s));
      } catch (IllegalArgumentException e) {
        problems.add("invalid_value", item, path + "[" + i + "]", e.getMessage());
      }
    }
    return out;
  }

  /**
   * The request types a rule decides: the pack's, or the subset written in the rule's own
   * {@code appliesTo}, so that a pack for calls and data shares can hold rules on fields of only one.
   */
  private Set<RequestType> ruleTypes(MapReader r) {
    Node n = r.get("appliesTo");
    if (n == null) {
      return appliesTo;
    }
    Set<RequestType> types = requestTypes(r, n, r.pathOf("appliesTo"));
    Set<RequestType> outside = EnumSet.noneOf(RequestType.class);
    for (RequestType t : types) {
      if (!appliesTo.contains(t)) {
        outside.add(t);
      }
    }
    if (!outside.isEmpty()) {
      problems.add("applies_to_outside_pack", n, r.pathOf("appliesTo"), "the rule names request types "
          + outside.stream().map(RequestType::wireName).toList() + " that its pack does not apply to "
          + appliesTo.stream().map(RequestType::wireName).toList());
    }
    types.retainAll(appliesTo);
    return types.isEmpty() ? null : types;
  }

  private Text text(MapReader parent, String key, boolean required) {
    Node n = required ? parent.require(key) : parent.get(key);
    if (n == null) {
      return null;
    }
    MapReader t = MapReader.of(n, parent.pathOf(key), problems);
    if (t == null) {
      return null;
    }
    String zh = t.string("zh", true);
    String en = t.string("en", true);
    t.finish();
    return zh == null || en == null ? null : new Text(zh, en);
  }

  private EffectivePeriod effective(MapReader parent) {
    Node n = parent.get("effective");
    if (n == null) {
      return EffectivePeriod.ALWAYS;
    }
    MapReader e = MapReader.of(n, parent.pathOf("effective"), problems);
    if (e == null) {
      return EffectivePeriod.ALWAYS;
    }
    LocalDate from = date(e, "from");
    LocalDate to = date(e, "to");
    e.finish();
    if (from != null && to != null && !to.isAfter(from)) {
      problems.add("effective_range_reversed", e.get("to"), e.pathOf("to"),
          "the period ends (" + to + ") on or before it starts (" + from + "); 'to' is the first day no longer in force");
      return EffectivePeriod.ALWAYS;
    }
    return new EffectivePeriod(from, to);
  }

  private LocalDate date(MapReader m, String key) {
    String s = m.string(key, false);
    if (s == null) {
      return null;
    }
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException ex) {
      problems.add("invalid_date", m.get(key), m.pathOf(key), "'" + s + "' is not a date like 2025-09-01");
      return null;
    }
  }

  private void readParameters(MapReader m) {
    Node n = m.get("parameters");
    if (n == null) {
      return;
    }
    MapReader params = MapReader.of(n, "$.parameters", problems);
    if (params == null) {
      return;
    }
    for (String name : params.keys()) {
      String at = params.pathOf(name);
      MapReader p = MapReader.of(params.get(name), at, problems);
      if (!PARAM_NAME.matcher(name).matches()) {
        problems.add("invalid_parameter_name", params.get(name), at,
            "parameter name '" + name + "' must start with a letter and hold only letters, digits, '_' and '.'");
      }
      if (p == null) {
        continue;
      }
      Node value = p.require("value");
      Text description = text(p, "description", true);
      p.finish();
      if (value != null && description != null) {
        Object plain = MapReader.plain(value);
        if (plain == null) {
          problems.add("wrong_type", value, p.pathOf("value"), "a parameter needs a value, found null");
        } else {
          parameters.put(name, new Parameter(name, plain, description));
          parameterValues.put(name, value);
        }
      }
    }
    params.finish();
  }

  private List<Rule> rules(MapReader m, EffectivePeriod packEffective) {
    Node n = m.require("rules");
    List<Rule> out = new ArrayList<>();
    if (n == null) {
      return out;
    }
    if (!(n instanceof Node.Sequence seq) || seq.items().isEmpty()) {
      problems.add("wrong_type", n, "$.rules", "expected a non-empty list of rules");
      return out;
    }
    Map<String, Node> seen = new HashMap<>();
    for (int i = 0; i < seq.items().size(); i++) {
      Rule r = rule(seq.items().get(i), "$.rules[" + i + "]", seen);
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }

  private Rule rule(Node node, String path, Map<String, Node> seen) {
    MapReader r = MapReader.of(node, path, problems);
    if (r == null) {
      return null;
    }
    int before = problems.list().size();
    String id = r.string("id", true);
    if (id != null) {
      if (!RULE_ID.matcher(id).matches()) {
        problems.add("invalid_rule_id", r.get("id"), r.pathOf("id"), "rule id '" + id
            + "' must read <JURISDICTION>-<INSTRUMENT>-<TOPIC> in upper-case letters, digits and hyphens, e.g. CN-PIPL-SEPARATE-CONSENT");
      } else if (seen.containsKey(id)) {
        Node first = seen.get(id);
        problems.add("duplicate_rule_id", r.get("id"), r.pathOf("id"), "rule id '" + id
            + "' is already used at line " + first.mark().line() + "; rule ids are never reused");
      } else {
        seen.put(id, r.get("id"));
      }
    }
    Text title = text(r, "title", true);
    Citation citation = citation(r);
    Effect effect = r.enumValue("effect", Effect.class, true);
    RuleStatus status = r.get("status") == null ? RuleStatus.IN_FORCE : r.enumValue("status", RuleStatus.class, false);
    EffectivePeriod effective = effective(r);
    Set<RequestType> types = ruleTypes(r);
    conditions.rule(types == null ? EnumSet.noneOf(RequestType.class) : types);
    Confidence confidence = confidence(r);
    String note = r.string("note", false);
    if (confidence != null && confidence != Confidence.HIGH && note == null) {
      problems.add("missing_note", r.node(), path, "a rule of " + confidence.name().toLowerCase(java.util.Locale.ROOT)
          + " confidence needs a 'note' saying what is unverified and why the rule reads as it does");
    }
    if (confidence == Confidence.LOW && effect == Effect.DENY) {
      problems.add("unconfirmed_deny", r.get("effect"), r.pathOf("effect"),
          "a rule of low confidence must not DENY: make it a WARN, or an institution parameter (CN-INST-...)");
    }
    Node whenNode = r.require("when");
    Condition when = whenNode == null ? null : conditions.condition(whenNode, r.pathOf("when"), null);
    Text message = text(r, "message", true);
    ObligationTemplate obligation = obligation(r, effect);
    Map<String, String> justifications = justifications(r);
    r.finish();
    if (problems.list().size() > before || when == null || types == null) {
      return null;
    }
    return new Rule(id, title, citation, effect, status, effective, types, confidence, note, when, message, obligation,
        justifications);
  }

  /**
   * {@code justify: {<lint code>: <why>}}: the reasons a reviewer accepted a lint warning about the rule. Only
   * the codes of {@link Rule#JUSTIFIABLE} may be justified, each with a text.
   */
  private Map<String, String> justifications(MapReader parent) {
    Node n = parent.get("justify");
    MapReader j = n == null ? null : MapReader.of(n, parent.pathOf("justify"), problems);
    if (j == null) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String code : j.keys()) {
      String why = j.string(code, true);
      if (!Rule.JUSTIFIABLE.contains(code)) {
        problems.add("invalid_justification", j.get(code), j.pathOf(code), "'" + code + "' is not a lint warning"
            + " that can be justified; these can: " + String.join(", ", new TreeSet<>(Rule.JUSTIFIABLE)));
      } else if (why != null) {
        out.put(code, why);
      }
    }
    j.finish();
    return out;
  }

  private Confidence confidence(MapReader r) {
    String s = r.string("confidence", true);
    if (s == null) {
      return null;
    }
    for (Confidence c : Confidence.values()) {
      if (c.name().toLowerCase(java.util.Locale.ROOT).equals(s)) {
        return c;
      }
    }
    problems.add("invalid_value", r.get("confidence"), r.pathOf("confidence"),
        "'" + s + "' is not one of high, medium, low");
    return null;
  }

  private Citation citation(MapReader r) {
    Node n = r.require("citation");
    if (n == null) {
      return null;
    }
    MapReader c = MapReader.of(n, r.pathOf("citation"), problems);
    if (c == null) {
      return null;
    }
    String instrument = c.string("instrument", true);
    String article = c.string("article", true);
    String url = c.string("url", false);
    if (url != null && !url.startsWith("https://") && !url.startsWith("http://")) {
      problems.add("invalid_url", c.get("url"), c.pathOf("url"), "'" + url + "' is not an http(s) address");
    }
    c.finish();
    return instrument == null || article == null ? null : new Citation(instrument, article, url);
  }

  private ObligationTemplate obligation(MapReader r, Effect effect) {
    Node n = r.get("obligation");
    if (n == null) {
      if (effect == Effect.OBLIGATION) {
        problems.add("missing_field", r.node(), r.path(), "an OBLIGATION rule needs an 'obligation' with its action");
      }
      return null;
    }
    if (effect != null && effect != Effect.OBLIGATION) {
      problems.add("unexpected_obligation", n, r.pathOf("obligation"),
          "only rules with effect OBLIGATION carry an obligation; this rule's effect is " + effect);
      return null;
    }
    MapReader o = MapReader.of(n, r.pathOf("obligation"), problems);
    if (o == null) {
      return null;
    }
    String action = o.string("action", true);
    if (action != null && !ACTION.matcher(action).matches()) {
      problems.add("invalid_value", o.get("action"), o.pathOf("action"),
          "action '" + action + "' must be an upper-case code like PLAY_AI_LABEL");
    }
    Node params = o.get("params");
    Map<String, Object> plainParams = new LinkedHashMap<>();
    if (params != null) {
      if (params instanceof Node.Mapping pm) {
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) MapReader.plain(params);
        for (Map.Entry<String, Object> e : p.entrySet()) {
          Node valueNode = pm.entries().get(e.getKey()).value();
          plainParams.put(e.getKey(), paramValue(e.getValue(), valueNode, o.pathOf("params") + "." + e.getKey(), true));
        }
      } else {
        problems.add("wrong_type", params, o.pathOf("params"), "expected a mapping of parameters");
      }
    }
    o.finish();
    return action == null ? null : new ObligationTemplate(action, plainParams);
  }

  /**
   * An obligation parameter: a plain value, or {@code {field: <path>}} as the whole value, which the
   * engine fills from the request. A field reference nested deeper is reported, not kept as text.
   */
  private Object paramValue(Object plain, Node node, String path, boolean top) {
    if (plain instanceof Map<?, ?> map && map.size() == 1 && map.containsKey("field")) {
      if (!top) {
        problems.add("invalid_value", node, path, "a {field: ...} reference must be the whole value of a parameter");
        return plain;
      }
      Object name = map.get("field");
      Field field = name instanceof String s ? conditions.resolveField(s, node, path) : null;
      if (!(name instanceof String)) {
        problems.add("wrong_type", node, path, "'field' takes the path of a request field, e.g. aiLabel.positions");
      }
      if (field != null && field.itemOf() != null || field != null && field.type() == ValueType.ITEM_LIST) {
        problems.add("invalid_value", node, path, "'" + field.path() + "' has a value per file, not one for the request;"
            + " an obligation parameter can only copy a field of the request");
        return plain;
      }
      return field == null ? plain : new ObligationTemplate.FieldValue(field);
    }
    if (plain instanceof Map<?, ?> map && node instanceof Node.Mapping m) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        paramValue(e.getValue(), m.entries().get(e.getKey()).value(), path + "." + e.getKey(), false);
      }
    } else if (plain instanceof List<?> list && node instanceof Node.Sequence seq) {
      for (int i = 0; i < list.size(); i++) {
        paramValue(list.get(i), seq.items().get(i), path + "[" + i + "]", false);
      }
    }
    return plain;
  }
}
