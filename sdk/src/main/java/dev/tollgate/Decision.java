package dev.tollgate;

import dev.tollgate.internal.codec.RequestCodec;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The answer to a request: ALLOW or DENY, every rule that matched, the obligations to carry out and,
 * for a call refused only for its timing, when it would next be allowed.
 *
 * <p>Immutable. A DENY is a value, never an exception. The same request, packs and {@code at} always
 * give the same decision apart from {@link #decisionId()}.
 *
 * <p>In contract JSON, {@link #requestId()} is written as {@code id} and {@link #verdict()} as {@code
 * decision}.
 *
 * @param requestId the request's id
 * @param decisionId a unique, time-ordered id of this decision
 * @param verdict ALLOW or DENY
 * @param at the request's {@code at}
 * @param packs the packs that were in force, with their digests
 * @param findings every matching rule, in pack order and then rule order
 * @param obligations what the caller must do if it goes ahead
 * @param allowedFields for data shares, the requested fields no rule objects to, in request order: a
 *     DENY finding from a rule that tests fields one by one objects to the fields it lists, any other
 *     DENY finding to every field (so a share denied as a whole allows none); null for calls
 * @param nextAllowedAt for calls denied only by time-of-day or rolling-window rules, the earliest time
 *     the same call would pass; else null
 * @param overrides the institution's parameter values that replaced a pack default in the packs in force,
 *     with the overlay file they came from; empty when none applied
 * @param bundle the revision of the bundle whose packs decided, when the engine takes its packs from a
 *     {@link PackSource}; else null
 */
public record Decision(
    String requestId,
    String decisionId,
    Verdict verdict,
    OffsetDateTime at,
    List<PackRef> packs,
    List<Finding> findings,
    List<Obligation> obligations,
    List<String> allowedFields,
    OffsetDateTime nextAllowedAt,
    List<ParameterOverride> overrides,
    String bundle) {

  public Decision {
    Objects.requireNonNull(decisionId, "decisionId");
    Objects.requireNonNull(verdict, "verdict");
    packs = List.copyOf(packs);
    findings = List.copyOf(findings);
    obligations = List.copyOf(obligations);
    allowedFields = allowedFields == null ? null : List.copyOf(allowedFields);
    overrides = overrides == null ? List.of() : List.copyOf(overrides);
  }

  /** This decision, naming the bundle revision it was made under. */
  public Decision withBundle(String revision) {
    return new Decision(requestId, decisionId, verdict, at, packs, findings, obligations, allowedFields, nextAllowedAt,
        overrides, revision);
  }

  /** ALLOW or DENY. */
  public enum Verdict { ALLOW, DENY }

  /**
   * A pack that was in force for the decision.
   *
   * @param id the pack id, or {@code tollgate} for system findings
   * @param version its version
   * @param digest {@code sha256:} and the hex digest of the pack file
   */
  public record PackRef(String id, String version, String digest) {}

  /**
   * Something the caller must do if it goes ahead.
   *
   * @param rule the rule that requires it
   * @param action the action code, e.g. {@code PLAY_AI_LABEL}
   * @param params the action's parameters
   */
  public record Obligation(String rule, String action, Map<String, Object> params) {
    public Obligation {
      params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
  }

  /**
   * An institution's value for a pack parameter that the decision used instead of the pack's default.
   *
   * @param pack the pack, {@code id@version}
   * @param parameter the parameter's name
   * @param value the value used: text, number, true or false, or a list or mapping of those
   * @param source the overlay file it came from
   */
  public record ParameterOverride(String pack, String parameter, Object value, String source) {
    public ParameterOverride {
      Objects.requireNonNull(pack, "pack");
      Objects.requireNonNull(parameter, "parameter");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(source, "source");
    }
  }

  public boolean isAllowed() {
    return verdict == Verdict.ALLOW;
  }

  public boolean isDenied() {
    return verdict == Verdict.DENY;
  }

  /** The ids of the matching rules, in finding order. */
  public List<String> ruleIds() {
    return findings.stream().map(Finding::rule).toList();
  }

  /** This decision as contract JSON on one line. */
  public String toJson() {
    return RequestCodec.writeDecision(this);
  }

  @Override
  public String toString() {
    return "Decision[" + verdict + " " + requestId + " rules=" + ruleIds()
        + (nextAllowedAt == null ? "" : " nextAllowedAt=" + nextAllowedAt)
        + (allowedFields == null ? "" : " allowedFields=" + allowedFields)
        + (overrides.isEmpty() ? "" : " overrides=" + overrides.stream().map(o -> o.parameter() + "=" + o.value()).toList())
        + (bundle == null ? "" : " bundle=" + bundle)
        + "]";
  }
}
