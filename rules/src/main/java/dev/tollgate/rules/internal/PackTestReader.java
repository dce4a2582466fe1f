package dev.tollgate.rules.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.rules.internal.Node.Scalar;
import dev.tollgate.rules.tooling.PackTestSuite;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Binds the YAML tree of a pack test file to a {@link PackTestSuite}, recording every problem. */
public final class PackTestReader {
  private static final JsonNodeFactory JSON = JsonNodeFactory.withExactBigDecimals(true);

  private final Problems problems;
  private final Map<String, ObjectNode> fixtures = new HashMap<>();

  private PackTestReader(Problems problems) {
    this.problems = problems;
  }

  /** Reads a suite; returns null when any problem was recorded. */
  public static PackTestSuite read(Node root, String source, Problems problems) {
    return new PackTestReader(problems).suite(root, source);
  }

  private PackTestSuite suite(Node root, String source) {
    MapReader m = MapReader.of(root, "$", problems);
    if (m == null) {
      return null;
    }
    String name = m.string("name", true);
    String overrides = m.string("overrides", false);
    Node requests = m.get("requests");
    if (requests != null) {
      MapReader r = MapReader.of(requests, "$.requests", problems);
      if (r != null) {
        for (String key : r.keys()) {
          Node fixture = r.get(key);
          if (fixture instanceof Node.Mapping) {
            fixtures.put(key, (ObjectNode) json(fixture));
          } else {
            problems.add("wrong_type", fixture, r.pathOf(key), "a request fixture is a mapping of request fields");
          }
        }
        r.finish();
      }
    }
    List<PackTestSuite.Case> cases = new ArrayList<>();
    Node casesNode = m.require("cases");
    if (casesNode instanceof Node.Sequence seq && !seq.items().isEmpty()) {
      for (int i = 0; i < seq.items().size(); i++) {
        PackTestSuite.Case c = testCase(seq.items().get(i), "$.cases[" + i + "]");
        if (c != null) {
          cases.add(c);
        }
      }
    } else if (casesNode != null) {
      problems.add("wrong_type", casesNode, "$.cases", "expected a non-empty list of cases");
    }
    m.finish();
    return problems.isEmpty() ? new PackTestSuite(name, source, overrides, cases) : null;
  }

  private PackTestSuite.Case testCase(Node node, String path) {
    MapReader c = MapReader.of(node, path, problems);
    if (c == null) {
      return null;
    }
    String name = c.string("name", true);
    ObjectNode request = null;
    Node requestNode = c.require("request");
    if (requestNode instanceof Scalar s && s.kind() == Scalar.Kind.STRING) {
      ObjectNode fixture = fixtures.get(s.text());
      if (fixture == null) {
        problems.add("unknown_fixture", requestNode, c.pathOf("request"), "no request named '" + s.text()
            + "' under 'requests'; known: " + fixtures.keySet());
      } else {
        request = fixture.deepCopy();
      }
    } else if (requestNode instanceof Node.Mapping) {
      request = (ObjectNode) json(requestNode);
    } else if (requestNode != null) {
      problems.add("wrong_type", requestNode, c.pathOf("request"), "expected the name of a request fixture or a request mapping");
    }
    Node with = c.get("with");
    if (with != null && request != null) {
      if (with instanceof Node.Mapping) {
        merge(request, (ObjectNode) json(with));
      } else {
        problems.add("wrong_type", with, c.pathOf("with"), "expected a mapping of request fields to change");
      }
    }
    String at = c.string("at", false);
    if (at != null && request != null) {
      try {
        OffsetDateTime.parse(at);
        request.put("at", at);
      } catch (DateTimeParseException e) {
        problems.add("invalid_date", c.get("at"), c.pathOf("at"), "'" + at + "' is not a date-time with offset like 2025-09-01T08:00:00+08:00");
      }
    }
    PackTestSuite.Expectation expect = expectation(c);
    c.finish();
    if (name == null || request == null || expect == null) {
      return null;
    }
    return new PackTestSuite.Case(name, node.mark().line(), request.toString(), expect);
  }

  private PackTestSuite.Expectation expectation(MapReader c) {
    Node n = c.require("expect");
    if (n == null) {
      return null;
    }
    MapReader e = MapReader.of(n, c.pathOf("expect"), problems);
    if (e == null) {
      return null;
    }
    String decision = e.string("decision", true);
    if (decision != null && !decision.equals("ALLOW") && !decision.equals("DENY")) {
      problems.add("invalid_value", e.get("decision"), e.pathOf("decision"), "'" + decision + "' is not ALLOW or DENY");
    }
    List<String> rules = strings(e, "rules", true);
    List<String> obligations = strings(e, "obligations", false);
    List<String> allowedFields = strings(e, "allowedFields", false);
    List<String> overrides = strings(e, "overrides", false);
    String next = e.string("nextAllowedAt", false);
    if (next != null && !next.equals("none")) {
      try {
        next = OffsetDateTime.parse(next).toString();
      } catch (DateTimeParseException ex) {
        problems.add("invalid_date", e.get("nextAllowedAt"), e.pathOf("nextAllowedAt"), "'" + next + "' is not a date-time with offset");
      }
    }
    e.finish();
    if (decision == null || rules == null) {
      return null;
    }
    return new PackTestSuite.Expectation(decision, rules, obligations, allowedFields, next, overrides);
  }

  private List<String> strings(MapReader m, String key, boolean required) {
    Node n = required ? m.require(key) : m.get(key);
    if (n == null) {
      return null;
    }
    if (!(n instanceof Node.Sequence seq)) {
      problems.add("wrong_type", n, m.pathOf(key), "expected a list, e.g. [] or [CN-PIPL-SEPARATE-CONSENT]");
      return null;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < seq.items().size(); i++) {
      String s = m.asString(seq.items().get(i), m.pathOf(key) + "[" + i + "]");
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  /** Overlays {@code patch} onto {@code target}: mappings merge, other values replace, null removes. */
  static void merge(ObjectNode target, ObjectNode patch) {
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode current = target.get(e.getKey());
      if (e.getValue().isNull()) {
        target.remove(e.getKey());
      } else if (current instanceof ObjectNode currentObject && e.getValue() instanceof ObjectNode patchObject) {
        merge(currentObject, patchObject);
      } else {
        target.set(e.getKey(), e.getValue().deepCopy());
      }
    }
  }

  /** The JSON form of a YAML value, for the request contract. */
  static JsonNode json(Node n) {
    if (n instanceof Scalar s) {
      return switch (s.kind()) {
        case STRING -> JSON.textNode(s.text());
        case INTEGER, DECIMAL -> {
          BigDecimal d = new BigDecimal(s.text().replace("_", ""));
          yield s.kind() == Scalar.Kind.INTEGER ? JSON.numberNode(d.toBigIntegerExact()) : JSON.numberNode(d);
        }
        case BOOLEAN -> JSON.booleanNode(Boolean.parseBoolean(s.text()));
        case NULL -> JSON.nullNode();
      };
    }
    if (n instanceof Node.Sequence seq) {
      ArrayNode a = JSON.arrayNode();
      seq.items().forEach(item -> a.add(json(item)));
      return a;
    }
    ObjectNode o = JSON.objectNode();
    ((Node.Mapping) n).entries().forEach((k, e) -> o.set(k, json(e.value())));
    return o;
  }
}
