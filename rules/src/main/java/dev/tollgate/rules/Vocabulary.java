package dev.tollgate.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The words a pack gives data-share requests: the purposes a share may name, the data elements its
 * {@code fields} may list, and categories of those elements ({@code sensitive}, {@code biometric}) that
 * rules test with {@code {category: name}}. A legal team extends it in the pack; a request that uses a
 * word outside it is rejected, naming the word and the pack.
 *
 * <p>Immutable.
 *
 * @param purposes the purposes, upper-case names such as {@code REPAYMENT_REMINDER}, in file order
 * @param fields the data elements, lower-case names such as {@code bank_card_number}, in file order
 * @param categories each category's fields, in file order
 */
public record Vocabulary(List<String> purposes, List<String> fields, Map<String, List<String>> categories) {
  public Vocabulary {
    purposes = List.copyOf(purposes);
    fields = List.copyOf(fields);
    Map<String, List<String>> copy = new LinkedHashMap<>();
    categories.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    categories = Collections.unmodifiableMap(copy);
    for (Map.Entry<String, List<String>> e : categories.entrySet()) {
      for (String f : e.getValue()) {
        if (!fields.contains(f)) {
          throw new IllegalArgumentException("category " + e.getKey() + " holds '" + f + "', which is not a field of the vocabulary");
        }
      }
    }
  }

  /** The categories that hold the field, in file order; empty for a field in none or not in the vocabulary. */
  public List<String> categoriesOf(String field) {
    Objects.requireNonNull(field, "field");
    List<String> out = new ArrayList<>();
    categories.forEach((name, members) -> {
      if (members.contains(field)) {
        out.add(name);
      }
    });
    return out;
  }
}
