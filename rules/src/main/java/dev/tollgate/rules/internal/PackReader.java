package dev.tollgate.rules.internal;

import dev.tollgate.rules.Citation;
import dev.tollgate.rules.Condition;
import dev.tollgate.rules.Confidence;
import dev.tollgate.rules.Effect;
import dev.tollgate.rules.EffectivePeriod;
import dev.tollgate.rules.Field;
import dev.tollgate.rules.ObligationTemplate;
import dev.tollgate.rules.Operand;
import dev.tollgate.rules.Operator;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Binds the YAML tree of one {@code pack.yaml} to a {@link RulePack}, checking every field. All
 * problems are recorded; a pack is returned only when there are none.
 */
public final class PackReader {
  public static final Pattern PACK_ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
  public static final Pattern RULE_ID = Pattern.compile("[A-Z]{2}(-[A-Z0-9]+){2,}");
  static final Pattern ACTION = Pattern.compile("[A-Z][A-Z0-9_]*");
  static final Pattern PARAM_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_.]*");
  static final Pattern PURPOSE_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
  static final Pattern FIELD_NAME = Pattern.compile("[a-z][a-z0-9_]*");

  private final Problems problems;
  private final Map<String, Parameter> parameters = new LinkedHashMap<>();
  /** The YAML node of each parameter's value, to locate problems inside a table. */
  private final Map<String, Node> parameterValues = new HashMap<>();
  /** The tables already checked as {@code {param, for}} operands, so that each problem is reported once. */
  private final Set<String> checkedTables = new HashSet<>();
  private Vocabulary vocabulary;
  private Set<RequestType> appliesTo = EnumSet.noneOf(RequestType.class);
  /** The request types of the rule being read; its conditions may name only their fields. */
  private Set<RequestType> ruleTypes = EnumSet.noneOf(RequestType.class);

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
    vocabulary = vocabulary(m);
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

  /**
   * The optional {@code vocabulary} block: purposes, fields and categories of fields. Names must be
   * well formed and unique, and every member of a category a declared field.
   */
  private Vocabulary vocabulary(MapReader m) {
    Node n = m.get("vocabulary");
    if (n == null) {
      return null;
    }
    if (!appliesTo.isEmpty() && !appliesTo.contains(RequestType.DATA_SHARE)) {
      problems.add("vocabulary_not_for_data_share", n, "$.vocabulary", "a vocabulary names the purposes and fields of"
          + " data-share requests, but this pack applies only to " + appliesTo.stream().map(RequestType::wireName).toList());
    }
    MapReader v = MapReader.of(n, "$.vocabulary", problems);
    if (v == null) {
      return null;
    }
    List<String> purposes = names(v, "purposes", PURPOSE_NAME, "an upper-case name like REPAYMENT_REMINDER");
    List<String> fields = names(v, "fields", FIELD_NAME, "a lower-case name like bank_card_number");
    Map<String, List<String>> categories = new LinkedHashMap<>();
    Node cn = v.get("categories");
    MapReader c = cn == null ? null : MapReader.of(cn, v.pathOf("categories"), problems);
    if (c != null) {
      for (String name : c.keys()) {
        if (!FIELD_NAME.matcher(name).matches()) {
          problems.add("invalid_vocabulary_name", c.get(name), c.pathOf(name),
              "category '" + name + "' must be a lower-case name like financial_account");
        }
        Node list = c.get(name);
        List<String> members = names(c, name, FIELD_NAME, "a field of the vocabulary");
        if (members == null) {
          continue;
        }
        Node.Sequence seq = (Node.Sequence) list;
        List<String> known = new ArrayList<>();
        for (int i = 0; i < seq.items().size(); i++) {
          Object f = MapReader.plain(seq.items().get(i));
          if (!members.contains(f) || known.contains(f)) {
            continue; // malformed or repeated: already reported
          }
          if (fields != null && !fields.contains(f)) {
            problems.add("unknown_vocabulary_field", seq.items().get(i), c.pathOf(name) + "[" + i + "]", "'" + f
                + "' is not in the vocabulary's fields" + hintFrom((String) f, fields) + "; declare it under vocabulary.fields first");
          } else {
            known.add((String) f);
          }
        }
        categories.put(name, known);
      }
      c.finish();
    }
    v.finish();
    return purposes == null || fields == null ? null : new Vocabulary(purposes, fields, categories);
  }

  /**
   * A required non-empty list of unique names of the given form: the well-formed names, so that later
   * checks still run against them, or null when there is no list; every problem is recorded.
   */
  private List<String> names(MapReader m, String key, Pattern form, String expected) {
    Node n = m.require(key);
    if (n == null) {
      return null;
    }
    if (!(n instanceof Node.Sequence seq) || seq.items().isEmpty()) {
      problems.add("wrong_type", n, m.pathOf(key), "expected a non-empty list of names, each " + expected);
      return null;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < seq.items().size(); i++) {
      String at = m.pathOf(key) + "[" + i + "]";
      String s = m.asString(seq.items().get(i), at);
      if (s == null) {
        continue;
      }
      if (!form.matcher(s).matches()) {
        problems.add("invalid_vocabulary_name", seq.items().get(i), at, "'" + s + "' is not " + expected);
      } else if (out.contains(s)) {
        problems.add("duplicate_vocabulary_entry", seq.items().get(i), at, "'" + s + "' is listed twice under " + key);
      } else {
        out.add(s);
      }
    }
    return out;
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
    ruleTypes = types == null ? EnumSet.noneOf(RequestType.class) : types;
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
    Condition when = whenNode == null ? null : condition(whenNode, r.pathOf("when"), null);
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
      Field field = name instanceof String s ? resolveField(s, node, path) : null;
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

  /** The field named {@code name} in every request type of the rule, or null with a problem recorded. */
  private Field resolveField(String name, Node node, String path) {
    Field field = null;
    for (RequestType type : ruleTypes) {
      Field f = Field.lookup(type, name);
      if (f == null) {
        problems.add("unknown_field_reference", node, path, "'" + name + "' is not a field of " + type.wireName()
            + " requests or a derived fact" + fieldHint(type, name)
            + (ruleTypes.stream().anyMatch(t -> Field.lookup(t, name) != null)
                ? "; a rule on the fields of one request type names it in its own appliesTo" : ""));
        return null;
      }
      field = f;
    }
    return field;
  }

  private Condition condition(Node node, String path, Field scope) {
    MapReader m = MapReader.of(node, path, problems);
    if (m == null) {
      return null;
    }
    Set<String> keys = m.keys();
    if (keys.size() == 1 && keys.contains("all") || keys.size() == 1 && keys.contains("any")) {
      String key = keys.iterator().next();
      Node list = m.get(key);
      m.finish();
      if (!(list instanceof Node.Sequence seq)) {
        problems.add("wrong_type", list, m.pathOf(key), "'" + key + "' takes a list of conditions, found " + list.kindName());
        return null;
      }
      List<Condition> parts = new ArrayList<>();
      boolean ok = true;
      for (int i = 0; i < seq.items().size(); i++) {
        Condition c = condition(seq.items().get(i), m.pathOf(key) + "[" + i + "]", scope);
        ok &= c != null;
        parts.add(c);
      }
      if (!ok) {
        return null;
      }
      return key.equals("all") ? new Condition.AllOf(parts) : new Condition.AnyOf(parts);
    }
    if (keys.size() == 1 && keys.contains("not")) {
      Condition inner = condition(m.get("not"), m.pathOf("not"), scope);
      m.finish();
      return inner == null ? null : new Condition.Not(inner);
    }
    Field list = keys.size() == 1 ? quantified(keys.iterator().next()) : null;
    if (list != null) {
      String key = keys.iterator().next();
      m.get(key);
      m.finish();
      if (!list.requestTypes().containsAll(ruleTypes)) {
        problems.add("unknown_field_reference", m.get(key), m.pathOf(key), "'" + key + "' tests " + list.path()
            + ", which only " + list.requestTypes().stream().map(RequestType::wireName).toList()
            + " requests carry; say so in the rule's appliesTo");
        return null;
      }
      if (scope != null) {
        problems.add("invalid_condition", m.get(key), m.pathOf(key), "'" + key + "' cannot be nested inside '"
            + Condition.AnyItem.yamlName(scope) + "'");
        return null;
      }
      Condition inner = condition(m.get(key), m.pathOf(key), list);
      return inner == null ? null : new Condition.AnyItem(list, inner);
    }
    if (keys.size() == 1 && keys.contains("window")) {
      Node w = m.get("window");
      m.finish();
      return window(w, m.pathOf("window"), scope);
    }
    if (keys.contains("field")) {
      return compare(m, scope);
    }
    problems.add("invalid_condition", node, path, "a condition is one of {all: [...]}, {any: [...]}, {not: {...}}, "
        + "{anyContent: {...}}, {anyField: {...}}, {window: {...}} or {field: <name>, <operator>: <value>}; found keys " + keys);
    return null;
  }

  // Windows count the contacts of call requests only (checked below), so their words are the call's.
  private static final List<String> CHANNELS = RequestType.CALL.contactChannels();
  private static final List<String> OUTCOMES = RequestType.CALL.contactOutcomes();

  /**
   * {@code window: {count: {...}, within: {...}, atLeast: N}}: a count of the callee's earlier contacts
   * in a rolling window, compared with a cap.
   */
  private Condition window(Node node, String path, Field scope) {
    MapReader w = MapReader.of(node, path, problems);
    if (w == null) {
      return null;
    }
    int before = problems.list().size();
    if (scope != null) {
      problems.add("invalid_condition", node, path, "'window' counts the callee's contacts and cannot be used inside '"
          + Condition.AnyItem.yamlName(scope) + "'");
    }
    if (!ruleTypes.isEmpty() && (ruleTypes.size() != 1 || ruleTypes.iterator().next().contactChannels().isEmpty())) {
      problems.add("unknown_field_reference", node, path, "'window' counts earlier contacts, which call and message"
          + " requests carry; name one of them alone in the rule's appliesTo");
    }
    RequestType historyType = ruleTypes.size() == 1 ? ruleTypes.iterator().next() : RequestType.CALL;
    Condition.Window.Count count = null;
    Node cn = w.require("count");
    MapReader c = cn == null ? null : MapReader.of(cn, w.pathOf("count"), problems);
    if (c != null) {
      List<String> purposes = choices(c, "purpose", Field.CALL_PURPOSE.allowedValues());
      List<String> channels = choices(c, "channel", CHANNELS);
      List<String> outcomes = choices(c, "outcomes", OUTCOMES);
      List<String> excluded = choices(c, "excludeOutcomes", OUTCOMES);
      if (c.has("outcomes") && c.has("excludeOutcomes")) {
        problems.add("invalid_condition", c.get("excludeOutcomes"), c.pathOf("excludeOutcomes"),
            "give either 'outcomes' (those that count) or 'excludeOutcomes' (those that do not), not both");
      }
      if (!excluded.isEmpty()) {
        outcomes = new ArrayList<>(OUTCOMES);
        outcomes.removeAll(excluded);
        if (outcomes.isEmpty()) {
          problems.add("invalid_condition", c.get("excludeOutcomes"), c.pathOf("excludeOutcomes"),
              "every outcome is excluded, so nothing would ever count");
        }
      }
      Boolean sameProduct = c.bool("sameProduct", false);
      Boolean sameDebt = c.bool("sameDebt", false);
      Field since = null;
      String sincePath = c.string("since", false);
      if (sincePath != null) {
        since = Field.lookup(historyType, sincePath);
        if (since == null || since.type() != ValueType.DATE_TIME || since.itemOf() != null) {
          problems.add("unknown_field_reference", c.get("since"), c.pathOf("since"), "'since' names a date-time field"
              + " of a " + historyType.wireName() + " request, such as callee.consent.recordedAt; '" + sincePath
              + "' is not one");
          since = null;
        }
      }
      c.finish();
      count = new Condition.Window.Count(purposes, channels, outcomes, Boolean.TRUE.equals(sameProduct),
          Boolean.TRUE.equals(sameDebt), since);
    }
    Condition.Window.Span span = span(w);
    Node capNode = w.require("atLeast");
    Operand atLeast = null;
    if (capNode instanceof Node.Mapping pm && pm.entries().containsKey("param")) {
      MapReader p = MapReader.of(pm, w.pathOf("atLeast"), problems);
      String name = p.string("param", true);
      p.finish();
      Parameter param = name == null ? null : parameters.get(name);
      if (param == null && name != null) {
        problems.add("unknown_parameter", capNode, w.pathOf("atLeast"), "parameter '" + name
            + "' is not declared under 'parameters'" + hintFrom(name, parameters.keySet()));
      } else if (param != null) {
        String bad = capProblem(param.value());
        if (bad != null) {
          problems.add("invalid_value", parameterValues.get(name), "$.parameters." + name + ".value",
              "parameter '" + name + "' is a window cap (atLeast) and " + bad);
        }
        atLeast = new Operand.Param(name);
      }
    } else if (capNode != null) {
      Object plain = MapReader.plain(capNode);
      String bad = capProblem(plain);
      if (bad != null) {
        problems.add("invalid_value", capNode, w.pathOf("atLeast"), "'atLeast' " + bad);
      } else {
        atLeast = new Operand.Literal(plain);
      }
    }
    w.finish();
    if (problems.list().size() > before || count == null || atLeast == null) {
      return null;
    }
    return new Condition.Window(count, span, atLeast);
  }

  /**
   * Why a value cannot be a window cap, or null when it can: a whole number of at least 1.
   * Shared with the overlay reader, which checks institution values the same way.
   */
  public static String capProblem(Object plain) {
    if (plain instanceof java.math.BigDecimal d && d.signum() > 0 && d.stripTrailingZeros().scale() <= 0
        && d.compareTo(java.math.BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
      return null;
    }
    return "takes a whole number of contacts, at least 1, found " + (plain instanceof String s ? "'" + s + "'"
        : plain instanceof List<?> ? "a list" : plain instanceof Map<?, ?> ? "a mapping" : String.valueOf(plain));
  }

  /** The optional {@code within} of a window: {@code {days: N, calendar: local}}, {@code {days: N}} or {@code {hours: N}}. */
  private Condition.Window.Span span(MapReader w) {
    Node n = w.get("within");
    if (n == null) {
      return null;
    }
    MapReader s = MapReader.of(n, w.pathOf("within"), problems);
    if (s == null) {
      return null;
    }
    Integer days = positive(s, "days");
    Integer hours = positive(s, "hours");
    String calendar = s.string("calendar", false);
    s.finish();
    if ((days == null) == (hours == null)) {
      if (!s.has("days") && !s.has("hours") || s.has("days") && s.has("hours")) {
        problems.add("invalid_condition", n, w.pathOf("within"),
            "a window is {days: N, calendar: local} (local calendar days), {days: N} or {hours: N}; give exactly one of days, hours");
      }
      return null;
    }
    if (calendar != null && !calendar.equals("local")) {
      problems.add("invalid_value", s.get("calendar"), s.pathOf("calendar"), "'calendar' takes 'local' (the callee's calendar days)");
      return null;
    }
    if (calendar != null && hours != null) {
      problems.add("invalid_condition", s.get("calendar"), s.pathOf("calendar"), "calendar days need 'days', not 'hours'");
      return null;
    }
    if (calendar != null) {
      return new Condition.Window.Span(days, null);
    }
    return new Condition.Window.Span(0, days != null ? java.time.Duration.ofDays(days) : java.time.Duration.ofHours(hours));
  }

  private Integer positive(MapReader m, String key) {
    Node n = m.get(key);
    if (n == null) {
      return null;
    }
    String bad = capProblem(MapReader.plain(n));
    if (bad != null) {
      problems.add("invalid_value", n, m.pathOf(key), "'" + key + "' takes a whole number, at least 1");
      return null;
    }
    return ((java.math.BigDecimal) MapReader.plain(n)).intValueExact();
  }

  /** An optional value or list of values from a closed set; empty when absent. */
  private List<String> choices(MapReader m, String key, List<String> allowed) {
    Node n = m.get(key);
    List<String> out = new ArrayList<>();
    if (n == null) {
      return out;
    }
    List<Node> items = n instanceof Node.Sequence seq ? seq.items() : List.of(n);
    if (items.isEmpty()) {
      problems.add("wrong_type", n, m.pathOf(key), "expected one of " + String.join(", ", allowed) + " or a non-empty list of them");
    }
    for (int i = 0; i < items.size(); i++) {
      String at = n instanceof Node.Sequence ? m.pathOf(key) + "[" + i + "]" : m.pathOf(key);
      String s = m.asString(items.get(i), at);
      if (s == null) {
        continue;
      }
      if (!allowed.contains(s)) {
        problems.add("invalid_value", items.get(i), at, "'" + s + "' is not one of " + String.join(", ", allowed)
            + hintFrom(s, allowed));
      } else if (!out.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }

  /** The list field that a quantifier key ({@code anyContent}, {@code anyField}) ranges over, or null for another key. */
  private static Field quantified(String key) {
    for (Field f : Field.values()) {
      if (f.quantifiable() && Condition.AnyItem.yamlName(f).equals(key)) {
        return f;
      }
    }
    return null;
  }

  private Condition compare(MapReader m, Field scope) {
    String name = m.string("field", true);
    List<String> ops = new ArrayList<>();
    for (String k : m.keys()) {
      if (!k.equals("field")) {
        ops.add(k);
      }
    }
    if (ops.size() != 1) {
      problems.add("invalid_condition", m.node(), m.path(),
          "a comparison needs exactly one operator (eq, in, notIn, lt, le, gt, ge, between, exists, matchesPrefix, contains, containsAny); found "
              + (ops.isEmpty() ? "none" : String.join(", ", ops)));
      return null;
    }
    String opName = ops.get(0);
    Operator op = Operator.fromYamlName(opName);
    Node valueNode = m.get(opName);
    if (op == null) {
      String hint = Suggestions.closest(opName, java.util.Arrays.stream(Operator.values()).map(Operator::yamlName).toList());
      problems.add("unknown_operator", valueNode, m.pathOf(opName), "unknown operator '" + opName + "'"
          + (hint == null ? "" : "; did you mean '" + hint + "'?"));
      return null;
    }
    if (name == null) {
      return null;
    }
    Field field = resolveField(name, m.get("field"), m.pathOf("field"));
    if (field == null) {
      return null; // unknown, or appliesTo itself is broken and already reported
    }
    if (field.itemOf() != null && field.itemOf() != scope) {
      Field list = field.itemOf();
      problems.add("item_field_outside_list", m.get("field"), m.pathOf("field"), "'" + name + "' has a value per item of "
          + list.path() + "; test it inside " + Condition.AnyItem.yamlName(list) + ": {...}");
      return null;
    }
    if (valueNode instanceof Node.Mapping pm && pm.entries().containsKey("category")) {
      return category(m, field, op, opName, pm);
    }
    if (valueNode instanceof Node.Mapping pm && pm.entries().containsKey("param") && pm.entries().containsKey("for")) {
      return tableEntry(m, field, op, opName, pm);
    }
    Operand operand;
    Object plain;
    if (valueNode instanceof Node.Mapping pm && pm.entries().size() == 1 && pm.entries().containsKey("param")) {
      MapReader p = MapReader.of(pm, m.pathOf(opName), problems);
      String paramName = p.string("param", true);
      p.finish();
      Parameter param = paramName == null ? null : parameters.get(paramName);
      if (param == null) {
        if (paramName != null) {
          problems.add("unknown_parameter", valueNode, m.pathOf(opName), "parameter '" + paramName
              + "' is not declared under 'parameters'" + hintFrom(paramName, parameters.keySet()));
        }
        return null;
      }
      operand = new Operand.Param(paramName);
      plain = param.value();
    } else {
      plain = MapReader.plain(valueNode);
      operand = null;
    }
    Object typed;
    try {
      typed = Values.convert(field, op, plain);
    } catch (IllegalArgumentException e) {
      problems.add("invalid_value", valueNode, m.pathOf(opName), e.getMessage());
      return null;
    }
    String where = operand == null ? "" : "parameter '" + ((Operand.Param) operand).name() + "' holds ";
    if (!inVocabulary(field, typed, valueNode, m.pathOf(opName), where)) {
      return null;
    }
    return new Condition.Compare(field, op, operand != null ? operand : new Operand.Literal(typed));
  }

  /**
   * Whether a typed operand uses only words of the pack's vocabulary where it is compared with a
   * request's purpose or field names; records {@code not_in_vocabulary} for each word outside it.
   */
  private boolean inVocabulary(Field field, Object typed, Node node, String path, String where) {
    List<String> words = vocabularyOf(field);
    if (words == null) {
      return true;
    }
    boolean ok = true;
    for (Object value : typed instanceof List<?> l ? l : List.of(typed)) {
      if (value instanceof String s && !words.contains(s)) {
        problems.add("not_in_vocabulary", node, path, where + "'" + s + "', which is not " + vocabularyName(field)
            + hintFrom(s, words));
        ok = false;
      }
    }
    return ok;
  }

  /** The vocabulary words a field's values come from, or null when the pack has no vocabulary for it. */
  private List<String> vocabularyOf(Field field) {
    if (vocabulary == null) {
      return null;
    }
    if (field == Field.SHARE_PURPOSE) {
      return vocabulary.purposes();
    }
    return field == Field.FIELDS || field == Field.FIELDS_NAME ? vocabulary.fields() : null;
  }

  private static String vocabularyName(Field field) {
    return field == Field.SHARE_PURPOSE ? "a purpose of the pack's vocabulary" : "a field of the pack's vocabulary";
  }

  /** {@code {category: name}}: the names of the fields in one category of the vocabulary. */
  private Condition category(MapReader m, Field field, Operator op, String opName, Node.Mapping node) {
    MapReader c = MapReader.of(node, m.pathOf(opName), problems);
    String name = c.string("category", true);
    c.finish();
    if (name == null) {
      return null;
    }
    if (field != Field.FIELDS_NAME || (op != Operator.IN && op != Operator.NOT_IN)) {
      problems.add("invalid_value", node, m.pathOf(opName), "a {category: ...} stands for field names: use it with"
          + " 'in' or 'notIn' on fields[].name inside anyField, e.g. {field: fields[].name, in: {category: sensitive}}");
      return null;
    }
    if (vocabulary == null) {
      problems.add("unknown_category", c.get("category"), c.pathOf("category"),
          "category '" + name + "' needs a vocabulary with categories, and the pack declares none");
      return null;
    }
    List<String> members = vocabulary.categories().get(name);
    if (members == null) {
      problems.add("unknown_category", c.get("category"), c.pathOf("category"), "'" + name
          + "' is not a category of the vocabulary" + hintFrom(name, vocabulary.categories().keySet())
          + " (categories: " + String.join(", ", vocabulary.categories().keySet()) + ")");
      return null;
    }
    return new Condition.Compare(field, op, new Operand.Category(name, members));
  }

  /**
   * {@code {param: table, for: key}}: the entry of a mapping parameter at the request's value of a
   * field. Every entry must suit the comparison, and with a vocabulary the table must name only its
   * words and, when keyed by purpose, have an entry for every purpose.
   */
  private Condition tableEntry(MapReader m, Field field, Operator op, String opName, Node.Mapping node) {
    MapReader p = MapReader.of(node, m.pathOf(opName), problems);
    String paramName = p.string("param", true);
    String keyName = p.string("for", true);
    p.finish();
    if (paramName == null || keyName == null) {
      return null;
    }
    Parameter param = parameters.get(paramName);
    if (param == null) {
      problems.add("unknown_parameter", p.get("param"), p.pathOf("param"), "parameter '" + paramName
          + "' is not declared under 'parameters'" + hintFrom(paramName, parameters.keySet()));
      return null;
    }
    Field key = resolveField(keyName, p.get("for"), p.pathOf("for"));
    if (key == null) {
      return null;
    }
    if (key.itemOf() != null || (key.type() != ValueType.STRING && key.type() != ValueType.ENUM)) {
      problems.add("invalid_value", p.get("for"), p.pathOf("for"), "'for' names a text or enum field of the request"
          + " whose value picks the table's entry, such as purpose; " + key.path() + " is not one");
      return null;
    }
    Node tableNode = parameterValues.get(paramName);
    String tablePath = "$.parameters." + paramName + ".value";
    if (!(tableNode instanceof Node.Mapping table)) {
      problems.add("wrong_type", p.get("param"), p.pathOf("param"), "parameter '" + paramName + "' must be a mapping"
          + " from each value of " + key.path() + " to what " + field.path() + " is compared with, for '" + opName + "'");
      return null;
    }
    if (checkedTables.add(paramName + "|" + field + "|" + op + "|" + key)) {
      boolean ok = true;
      for (Node.Entry e : table.entries().values()) {
        String at = tablePath + "." + e.key();
        if (key.type() == ValueType.ENUM && !key.allowedValues().contains(e.key())) {
          problems.add("invalid_value", e.keyMark(), at, "'" + e.key() + "' is not a value of " + key.path()
              + " (one of " + String.join(", ", key.allowedValues()) + ")");
          ok = false;
        }
        if (key == Field.SHARE_PURPOSE && vocabulary != null && !vocabulary.purposes().contains(e.key())) {
          problems.add("not_in_vocabulary", e.keyMark(), at, "'" + e.key() + "' is not a purpose of the pack's vocabulary"
              + hintFrom(e.key(), vocabulary.purposes()));
          ok = false;
        }
        try {
          Object typed = Values.convert(field, op, MapReader.plain(e.value()));
          ok &= inVocabulary(field, typed, e.value(), at, "");
        } catch (IllegalArgumentException ex) {
          problems.add("invalid_value", e.value(), at, ex.getMessage());
          ok = false;
        }
      }
      if (key == Field.SHARE_PURPOSE && vocabulary != null) {
        for (String purpose : vocabulary.purposes()) {
          if (!table.entries().containsKey(purpose)) {
            problems.add("missing_vocabulary_entry", tableNode, tablePath, "parameter '" + paramName
                + "' has no entry for purpose " + purpose + " of the vocabulary; give it one (an empty list if nothing applies)");
            ok = false;
          }
        }
      }
      if (!ok) {
        return null;
      }
    }
    return new Condition.Compare(field, op, new Operand.ParamEntry(paramName, key));
  }

  private static String fieldHint(RequestType type, String name) {
    List<String> names = new ArrayList<>();
    for (Field f : Field.values()) {
      if (f.requestTypes().contains(type)) {
        names.add(f.path());
      }
    }
    return hintFrom(name, names);
  }

  private static String hintFrom(String name, java.util.Collection<String> names) {
    String hint = Suggestions.closest(name, names);
    return hint == null ? "" : "; did you mean '" + hint + "'?";
  }
}
