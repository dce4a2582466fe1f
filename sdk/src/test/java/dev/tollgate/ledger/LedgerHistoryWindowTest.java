package dev.tollgate.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.CallRequest;
import dev.tollgate.CallRequest.Channel;
import dev.tollgate.CallRequest.Contact;
import dev.tollgate.CallRequest.Outcome;
import dev.tollgate.CallRequest.Purpose;
import dev.tollgate.ContactLedger;
import dev.tollgate.ContactLedger.Entry;
import dev.tollgate.Decision;
import dev.tollgate.Finding;
import dev.tollgate.PolicyEngine;
import dev.tollgate.Request;
import dev.tollgate.internal.ledger.WindowedLedger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A decision reads the contacts in its rules' longest window and, however old, the refusals a rule without
 * a span counts, not a person's whole history: an old refusal still denies, on the bundled packs. A ledger
 * implemented outside Tollgate is read through its public methods, and decides the same.
 */
class LedgerHistoryWindowTest {
  /** The bundled packs, from the source tree: the tollgate-rulepacks jar is built after this module. */
  static final Path BUNDLED = Path.of("../rulepacks");
  static final OffsetDateTime AT = OffsetDateTime.parse("2026-03-03T10:00:00+08:00");
  static final String REFUSED_RULE = "CN-CONSUMER-COMMERCIAL-REFUSED";

  static PolicyEngine engine(ContactLedger ledger) {
    return PolicyEngine.builder().packs(BUNDLED).ledger(ledger).build();
  }

  /** A marketing call the bundled packs allow on an empty history. */
  static CallRequest marketing(String id, String subject, OffsetDateTime at) {
    return (CallRequest) Request.fromJson("""
        {"type": "call", "id": "%s", "at": "%s", "jurisdiction": "CN", "purpose": "MARKETING", "product": "credit-card",
         "voice": "HUMAN",
         "caller": {"organization": "Example Bank", "licensed": true, "numberType": "FIXED", "realNameRegistered": true},
         "callee": {"subject": "%s", "timeZone": "Asia/Shanghai", "relationship": "CUSTOMER",
                    "dataSource": "FIRST_PARTY", "consent": {"marketingCalls": "GRANTED"}}}
        """.formatted(id, at, subject));
  }

  /** Unanswered marketing calls from 32 days before {@link #AT} back, 4 hours apart: outside every spanned window. */
  static void oldCalls(ContactLedger ledger, String subject, int n) {
    for (int i = 0; i < n; i++) {
      ledger.record(subject, subject + "-old-" + i, new Contact(AT.minusDays(32).minusHours(4L * i), Purpose.MARKETING,
          "credit-card", null, i % 2 == 0 ? Outcome.NO_ANSWER : Outcome.NOT_CONNECTED, Channel.CALL));
    }
  }

  static void refusal(ContactLedger ledger, String subject) {
    ledger.record(subject, subject + "-refused", new Contact(AT.minusDays(400), Purpose.MARKETING, null, null,
        Outcome.REFUSED, Channel.CALL));
  }

  static void assertDeniedByTheRefusal(Decision d) {
    assertEquals(Decision.Verdict.DENY, d.verdict(), d.ruleIds().toString());
    assertEquals(List.of(REFUSED_RULE), d.findings().stream().map(Finding::rule).toList());
  }

  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void anOldRefusal_amongThousandsOfOldContacts_stillDeniesMarketing(Stores.Kind kind) throws Exception {
    try (Stores.Store store = Stores.open(kind); PolicyEngine engine = engine(store.ledger())) {
      ContactLedger ledger = engine.ledger();
      oldCalls(ledger, "p-1", 2_000);
      Decision allowed = engine.decide(marketing("m-1", "p-1", AT));
      assertEquals(Decision.Verdict.ALLOW, allowed.verdict(), allowed.ruleIds().toString());
      assertTrue(engine.decideAndRecord(marketing("m-1", "p-1", AT)).isAllowed());

      refusal(ledger, "p-1");
      OffsetDateTime nextDay = AT.plusDays(1);
      assertDeniedByTheRefusal(engine.decide(marketing("m-2", "p-1", nextDay)));
      assertDeniedByTheRefusal(engine.decideAndRecord(marketing("m-2", "p-1", nextDay)));
      assertEquals(2_002, ledger.entries("p-1", null).size(), "the denied call is not recorded");
    }
  }

  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void anOutcomeOfRefusedRecordedAfterTheCallAged_deniesMarketing(Stores.Kind kind) throws Exception {
    try (Stores.Store store = Stores.open(kind); PolicyEngine engine = engine(store.ledger())) {
      ContactLedger ledger = engine.ledger();
      oldCalls(ledger, "p-1", 100);
      assertTrue(engine.decide(marketing("m-1", "p-1", AT)).isAllowed());
      assertTrue(ledger.recordOutcome("p-1-old-77", Outcome.REFUSED));
      assertDeniedByTheRefusal(engine.decide(marketing("m-1", "p-1", AT)));
      assertDeniedByTheRefusal(engine.decideAndRecord(marketing("m-1", "p-1", AT)));
    }
  }

  @Test
  void aLedgerImplementedElsewhere_isAskedForEveryContact_andDecidesTheSame() {
    ContactLedger builtIn = ContactLedger.inMemory();
    Custom custom = new Custom(builtIn);
    oldCalls(custom, "p-1", 200);
    refusal(custom, "p-1");
    oldCalls(custom, "p-2", 200);
    try (PolicyEngine onCustom = engine(custom); PolicyEngine onBuiltIn = engine(builtIn)) {
      for (String subject : List.of("p-1", "p-2")) {
        CallRequest call = marketing("m-" + subject, subject, AT);
        Decision expected = onBuiltIn.decide(call);
        assertEquals(subject.equals("p-1") ? List.of(REFUSED_RULE) : List.of(), expected.ruleIds());
        Decision d = onCustom.decide(call);
        assertEquals(expected.verdict(), d.verdict());
        assertEquals(expected.ruleIds(), d.ruleIds());
        Decision recorded = onCustom.decideAndRecord(call);
        assertEquals(expected.verdict(), recorded.verdict());
        assertEquals(expected.ruleIds(), recorded.ruleIds());
      }
    }
    // a bundled rule counts refusals however old, so each read asked for all the subject's contacts
    assertEquals(Collections.nCopies(custom.sinces.size(), null), custom.sinces);
    assertEquals(List.of(201, 201, 200, 200, 200), custom.sizes, "decide and decideAndRecord (the reservation too for p-2)");
    assertEquals(List.of("m-p-2"), builtIn.entries("p-2", AT.toInstant()).stream().map(Entry::id).toList());
  }

  @Test
  void aBuiltInLedger_isReadForTheLongestWindow_andTheOutcomesKeptForEver() {
    Windowed ledger = new Windowed(ContactLedger.inMemory());
    oldCalls(ledger, "p-1", 200);
    refusal(ledger, "p-1");
    try (PolicyEngine engine = engine(ledger)) {
      assertDeniedByTheRefusal(engine.decide(marketing("m-1", "p-1", AT)));
      assertTrue(engine.decideAndRecord(marketing("m-2", "p-2", AT)).isAllowed());
    }
    assertEquals(List.of(), ledger.sinces, "the public reads are not used");
    // the bundled packs' longest window is 30 local days: 31 days back, a day's slack for the callee's zone
    Instant since = AT.toInstant().minus(Duration.ofDays(31));
    assertEquals(List.of(since, since, since), ledger.windowedSinces);
    assertEquals(List.of(1, 0, 0), ledger.sizes, "only the refusal, of p-1's 201 contacts");
    assertEquals(Set.of(Outcome.REFUSED), ledger.kept);
  }

  @Test
  void anObservedBuiltInLedger_isStillReadForTheLongestWindow() {
    Windowed ledger = new Windowed(ContactLedger.inMemory());
    oldCalls(ledger, "p-1", 200);
    refusal(ledger, "p-1");
    try (PolicyEngine engine = engine(ContactLedger.observed(ledger, (operation, failure) -> { }))) {
      assertDeniedByTheRefusal(engine.decide(marketing("m-1", "p-1", AT)));
      assertTrue(engine.decideAndRecord(marketing("m-2", "p-2", AT)).isAllowed());
    }
    assertEquals(List.of(), ledger.sinces, "the public reads, which would ask for every contact, are not used");
    assertEquals(List.of(1, 0, 0), ledger.sizes, "only the refusal, of p-1's 201 contacts");
  }

  /** A ledger implemented outside Tollgate over a built-in one: it has {@link ContactLedger}'s methods only. */
  static class Custom implements ContactLedger {
    final ContactLedger to;
    final List<Instant> sinces = Collections.synchronizedList(new ArrayList<>());
    final List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());

    Custom(ContactLedger to) {
      this.to = to;
    }

    @Override
    public void record(String subject, String contactId, Contact contact) {
      to.record(subject, contactId, contact);
    }

    @Override
    public boolean recordOutcome(String contactId, Outcome outcome) {
      return to.recordOutcome(contactId, outcome);
    }

    @Override
    public List<Entry> entries(String subject, Instant since) {
      sinces.add(since);
      List<Entry> read = to.entries(subject, since);
      sizes.add(read.size());
      return read;
    }

    @Override
    public void reserve(String subject, Instant since, Function<List<Entry>, Entry> decide) {
      sinces.add(since);
      to.reserve(subject, since, read -> {
        sizes.add(read.size());
        return decide.apply(read);
      });
    }

    @Override
    public int prune(Instant before, Set<Outcome> keep) {
      return to.prune(before, keep);
    }
  }

  /** The same over a built-in ledger's windowed read, to see what an engine asks of a built-in ledger. */
  static final class Windowed extends Custom implements WindowedLedger {
    final List<Instant> windowedSinces = Collections.synchronizedList(new ArrayList<>());
    Set<Outcome> kept;

    Windowed(ContactLedger to) {
      super(to);
    }

    @Override
    public List<Entry> entries(String subject, Instant since, Set<Outcome> kept) {
      windowedSinces.add(since);
      this.kept = kept;
      List<Entry> read = ((WindowedLedger) to).entries(subject, since, kept);
      sizes.add(read.size());
      return read;
    }

    @Override
    public void reserve(String subject, Instant since, Set<Outcome> kept, Function<List<Entry>, Entry> decide) {
      windowedSinces.add(since);
      this.kept = kept;
      ((WindowedLedger) to).reserve(subject, since, kept, read -> {
        sizes.add(read.size());
        return decide.apply(read);
      });
    }
  }
}
