package dev.tollgate.rules.internal;

import dev.tollgate.rules.Condition;
import dev.tollgate.rules.Field;
import dev.tollgate.rules.Operand;
import dev.tollgate.rules.Operator;
import dev.tollgate.rules.Parameter;
import dev.tollgate.rules.RequestType;
import dev.tollgate.rules.ValueType;
import dev.tollgate.rules.Vocabulary;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code when} of a rule, and the request fields an obligation copies, against the pack's
 * parameters and vocabulary, recording every problem.
 */
final class ConditionReader {
  private final Problems problems;
  private final Map<String, Parameter> parameters;
  /** The YAML node of each parameter's value, to locate problems inside a table. */
  private final Map<String, Node> parameterValues;
  /** The tables already checked as {@code {param, for}} operands, so that each problem is reported once. */
  private final Set<String> checkedTables = new HashSet<>();
  private final Vocabulary vocabulary;
  /** The request types of the rule being read; its conditions may name only their fields. */
  private Set<RequestType> ruleTypes = EnumSet.noneOf(RequestType.class);

  /** @param vocabulary the pack's vocabulary; null when it has none */
  ConditionReader(Problems problems, Map<String, Parameter> parameters, Map<String, Node> parameterValues,
      Vocabulary vocabulary) {
    this.problems = problems;
    this.parameters = parameters;
    this.parameterValues = parameterValues;
    this.vocabulary = vocabulary;
  }

  /** Starts a rule that decides requests of {@code types}: its conditions and field references are read against them. */
  void rule(Set<RequestType> types) {
    ruleTypes = types;
  }

  // Windows count the contacts of call requests only (checked below), so their words are the call's.
  private static final List<String> CHANNELS = RequestType.CALL.contactChannels();
  private static final List<String> OUTCOMES = RequestType.CALL.contactOutcomes();

  /** The field named {@code name} in every request type of the rule, or null with a problem recorded. */
  Field resolveField(String name, Node node, String path) {
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

  Condition condition(Node node, String path, Field scope) {
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
        unknownParameter(capNode, w.pathOf("atLeast"), name);
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
  static String capProblem(Object plain) {
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
            + Suggestions.hintFrom(s, allowed));
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
      problems.add("unknown_operator", valueNode, m.pathOf(opName), "unknown operator '" + opName + "'"
          + Suggestions.hintFrom(opName, java.util.Arrays.stream(Operator.values()).map(Operator::yamlName).toList()));
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
          unknownParameter(valueNode, m.pathOf(opName), paramName);
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
            + Suggestions.hintFrom(s, words));
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
          + "' is not a category of the vocabulary" + Suggestions.hintFrom(name, vocabulary.categories().keySet())
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
      unknownParameter(p.get("param"), p.pathOf("param"), paramName);
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
              + Suggestions.hintFrom(e.key(), vocabulary.purposes()));
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

  private void unknownParameter(Node at, String path, String name) {
    problems.add("unknown_parameter", at, path, "parameter '" + name + "' is not declared under 'parameters'"
        + Suggestions.hintFrom(name, parameters.keySet()));
  }

  private static String fieldHint(RequestType type, String name) {
    List<String> names = new ArrayList<>();
    for (Field f : Field.values()) {
      if (f.requestTypes().contains(type)) {
        names.add(f.path());
      }
    }
    return Suggestions.hintFrom(name, names);
  }
}
