package dev.tollgate.testing;

import dev.tollgate.Decision;
import dev.tollgate.Finding;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.opentest4j.AssertionFailedError;

/**
 * Fluent assertions on a {@link Decision}, for the tests of code that asks Tollgate:
 *
 * <pre>{@code
 * import static dev.tollgate.testing.DecisionAssert.assertThat;
 *
 * assertThat(engine.decide(call)).isDenied().cites("CN-CONSUMER-COMMERCIAL-CONSENT");
 * }</pre>
 *
 * <p>A failed assertion throws {@link AssertionFailedError} with the whole decision in its message: the
 * verdict, every finding with its message, the obligations. Not thread-safe; one instance per decision.
 */
public final class DecisionAssert {
  private final Decision decision;

  private DecisionAssert(Decision decision) {
    this.decision = decision;
  }

  /** Starts assertions on a decision. */
  public static DecisionAssert assertThat(Decision decision) {
    Objects.requireNonNull(decision, "decision");
    return new DecisionAssert(decision);
  }

  public DecisionAssert isAllowed() {
    return check(decision.isAllowed(), "expected ALLOW but was " + decision.verdict());
  }

  public DecisionAssert isDenied() {
    return check(decision.isDenied(), "expected DENY but was " + decision.verdict());
  }

  /** Each of these rules is among the findings (others may be too). */
  public DecisionAssert cites(String... ruleIds) {
    List<String> missing = new ArrayList<>(Arrays.asList(ruleIds));
    missing.removeAll(decision.ruleIds());
    return check(missing.isEmpty(), "expected findings citing " + List.of(ruleIds) + " but " + missing + " missing");
  }

  /** The findings cite exactly these rules, in any order. */
  public DecisionAssert citesExactly(String... ruleIds) {
    List<String> expected = List.of(ruleIds);
    boolean same = decision.ruleIds().size() == expected.size() && decision.ruleIds().containsAll(expected)
        && expected.containsAll(decision.ruleIds());
    return check(same, "expected findings citing exactly " + expected + " but they cite " + decision.ruleIds());
  }

  /** None of these rules is among the findings. */
  public DecisionAssert doesNotCite(String... ruleIds) {
    List<String> present = new ArrayList<>(Arrays.asList(ruleIds));
    present.retainAll(decision.ruleIds());
    return check(present.isEmpty(), "expected no finding citing " + present);
  }

  /** Some obligation has this action, e.g. {@code PLAY_AI_LABEL}. */
  public DecisionAssert hasObligation(String action) {
    boolean found = decision.obligations().stream().anyMatch(o -> o.action().equals(action));
    return check(found, "expected an obligation " + action);
  }

  /** The allowed fields of a data share are exactly these, in any order. */
  public DecisionAssert allowsFields(String... fields) {
    List<String> actual = decision.allowedFields() == null ? List.of() : decision.allowedFields();
    List<String> expected = List.of(fields);
    boolean same = actual.size() == expected.size() && actual.containsAll(expected);
    return check(same, "expected allowedFields " + expected + " but was " + decision.allowedFields());
  }

  /** The call would next be allowed at this instant (compared as an instant, whatever the offset). */
  public DecisionAssert isNextAllowedAt(String isoDateTime) {
    OffsetDateTime expected = OffsetDateTime.parse(isoDateTime);
    boolean same = decision.nextAllowedAt() != null && decision.nextAllowedAt().isEqual(expected);
    return check(same, "expected nextAllowedAt " + isoDateTime + " but was " + decision.nextAllowedAt());
  }

  private DecisionAssert check(boolean holds, String what) {
    if (!holds) {
      throw new AssertionFailedError(what + "\n" + describe(decision));
    }
    return this;
  }

  private static String describe(Decision d) {
    StringBuilder sb = new StringBuilder();
    sb.append("decision ").append(d.verdict()).append(" for request ").append(d.requestId());
    if (d.findings().isEmpty()) {
      sb.append("\n  no findings");
    }
    for (Finding f : d.findings()) {
      sb.append("\n  ").append(f.rule()).append(' ').append(f.effect()).append(f.shadow() ? " (shadow)" : "")
          .append(" [").append(f.pack()).append("]: ").append(f.message().en());
    }
    d.obligations().forEach(o -> sb.append("\n  obligation ").append(o.action()).append(' ').append(o.params()));
    return sb.toString();
  }
}
