package dev.tollgate.rules.internal;

import dev.tollgate.rules.RequestType;
import dev.tollgate.rules.Vocabulary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the {@code vocabulary} block of a pack: the purposes and fields of its data shares. */
final class VocabularyReader {
  private static final Pattern PURPOSE_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
  private static final Pattern FIELD_NAME = Pattern.compile("[a-z][a-z0-9_]*");

  private VocabularyReader() {}

  /**
   * The optional {@code vocabulary} block: purposes, fields and categories of fields. Names must be
   * well formed and unique, and every member of a category a declared field.
   */
  static Vocabulary read(MapReader m, Set<RequestType> appliesTo, Problems problems) {
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
    List<String> purposes = names(v, "purposes", PURPOSE_NAME, "an upper-case name like REPAYMENT_REMINDER", problems);
    List<String> fields = names(v, "fields", FIELD_NAME, "a lower-case name like bank_card_number", problems);
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
        List<String> members = names(c, name, FIELD_NAME, "a field of the vocabulary", problems);
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
                + "' is not in the vocabulary's fields" + Suggestions.hintFrom((String) f, fields) + "; declare it under vocabulary.fields first");
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
  private static List<String> names(MapReader m, String key, Pattern form, String expected, Problems problems) {
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
}
