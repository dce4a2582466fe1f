package dev.tollgate.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A versioned set of rules for one subject, read from {@code <pack-id>/<version>/pack.yaml}.
 *
 * <p>Immutable. Two packs with the same id and different versions may be loaded side by side.
 *
 * @param id the pack id, lower-case words joined by hyphens
 * @param version the semantic version
 * @param title what the pack covers
 * @param jurisdiction the jurisdiction it applies to; {@code US} also covers {@code US-FL}, and {@code EU}
 *     covers the member states of the European Union
 * @param appliesTo the request types it decides
 * @param effective the dates the pack is in force
 * @param owner who maintains it
 * @param parameters named values its rules refer to, in file order
 * @param vocabulary the purposes and field names that data-share requests may use, with field
 *     categories; null when the pack declares none and accepts any
 * @param rules its rules, in file order
 * @param source the file it was read from, as given to the loader
 * @param digest {@code sha256:} and the hex SHA-256 of the file's bytes
 */
public record RulePack(
    String id,
    Version version,
    Text title,
    String jurisdiction,
    Set<RequestType> appliesTo,
    EffectivePeriod effective,
    String owner,
    Map<String, Parameter> parameters,
    Vocabulary vocabulary,
    List<Rule> rules,
    String source,
    String digest) {
  /** ISO 3166-1 codes of the member states (Greece is GR here, where EU texts write EL). */
  private static final Set<String> EU_MEMBER_STATES = Set.of("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES",
      "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK");

  public RulePack {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(jurisdiction, "jurisdiction");
    appliesTo = Set.copyOf(appliesTo);
    Objects.requireNonNull(effective, "effective");
    Objects.requireNonNull(owner, "owner");
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    rules = List.copyOf(rules);
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(digest, "digest");
  }

  /** {@code id@version}, as decisions cite the pack. */
  public String ref() {
    return id + "@" + version;
  }

  /**
   * Whether the pack applies to requests in the given jurisdiction: {@code US} covers {@code US-FL}, and
   * {@code EU}, which is no country, covers its member states and their subdivisions, since EU regulations
   * apply in each of them directly.
   */
  public boolean coversJurisdiction(String requested) {
    if (requested.equals(jurisdiction) || requested.startsWith(jurisdiction + "-")) {
      return true;
    }
    return jurisdiction.equals("EU") && EU_MEMBER_STATES.contains(requested.substring(0, Math.min(2, requested.length())));
  }
}
