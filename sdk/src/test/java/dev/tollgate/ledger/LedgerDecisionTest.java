package dev.tollgate.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.CallRequest;
import dev.tollgate.CallRequest.Channel;
import dev.tollgate.CallRequest.Contact;
import dev.tollgate.CallRequest.Outcome;
import dev.tollgate.CallRequest.Purpose;
import dev.tollgate.ContactLedger;
import dev.tollgate.Decision;
import dev.tollgate.PolicyEngine;
import dev.tollgate.Request;
import dev.tollgate.TestRequests;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Decisions on the ledger's history: the same as on a request's own history, caps and refusals held by
 * {@code decideAndRecord} and outcomes, retention. Test pack: ledger-packs/cn-cap-demo (a 30-day cap of
 * 5 marketing calls, one collection call an hour, no marketing after a refusal).
 */
class LedgerDecisionTest {
  static final Path PACKS = Path.of("src/test/resources/ledger-packs");
  static final OffsetDateTime DAY1 = OffsetDateTime.parse("2026-03-01T10:00:00+08:00");

  static PolicyEngine engine(ContactLedger ledger) {
    return PolicyEngine.builder().packs(PACKS).ledger(ledger).build();
  }

  /** A call to {@code subject}, without history unless one is given. */
  static CallRequest call(String id, String subject, String purpose, OffsetDateTime at, List<Contact> history) {
    CallRequest c = (CallRequest) Request.fromJson("""
        {"type": "call", "id": "%s", "at": "%s", "jurisdiction": "CN", "purpose": "%s", "product": "consumer-loan",
         "voice": "HUMAN", "caller": {"organization": "Example Bank"},
         "callee": {"subject": "%s", "timeZone": "Asia/Shanghai"}, "debt": {"id": "d-1"}}
        """.formatted(id, at, purpose, subject));
    return new CallRequest(c.id(), c.at(), c.jurisdiction(), c.purpose(), c.product(), c.voice(), c.interactive(),
        c.aiLabel(), c.caller(), c.callee(), c.debt(), c.script(), history);
  }

  static CallRequest call(String id, String subject, String purpose, OffsetDateTime at) {
    return call(id, subject, purpose, at, null);
  }

  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void theLedgersHistory_decidesAsTheSameHistoryInTheRequest(Stores.Kind kind) throws Exception {
    Random random = new Random(20260301);
    Purpose[] purposes = Purpose.values();
    Outcome[] outcomes = Outcome.values();
    Set<String> fired = new HashSet<>();
    int allowed = 0;
    try (Stores.Store store = Stores.open(kind); PolicyEngine engine = engine(store.ledger())) {
      for (int i = 0; i < 80; i++) {
        String subject = "s-" + i;
        List<Contact> history = new ArrayList<>();
        int n = random.nextInt(15);
        for (int j = 0; j < n; j++) {
          // a third in the last two hours (the hourly cap), the rest over 35 days (the 30-day cap and its edge)
          OffsetDateTime at = DAY1.minusMinutes(1 + random.nextInt(random.nextInt(3) == 0 ? 120 : 35 * 24 * 60));
          Outcome outcome = random.nextInt(30) == 0 ? Outcome.REFUSED : outcomes[random.nextInt(outcomes.length - 1)];
          Contact contact = new Contact(at, purposes[random.nextInt(2)], random.nextBoolean() ? "consumer-loan" : null,
              random.nextBoolean() ? "d-1" : null, outcome, random.nextInt(4) == 0 ? Channel.SMS : Channel.CALL);
          history.add(contact);
          engine.ledger().record(subject, subject + "-" + j, contact);
        }
        String purpose = random.nextBoolean() ? "MARKETING" : "COLLECTION";
        Decision given = engine.decide(call("q-" + i, subject, purpose, DAY1, history));
        Decision fromLedger = engine.decide(call("q-" + i, subject, purpose, DAY1));
        String what = "case " + i + " " + purpose + " " + history;
        assertEquals(given.verdict(), fromLedger.verdict(), what);
        assertEquals(given.ruleIds(), fromLedger.ruleIds(), what);
        assertEquals(given.nextAllowedAt(), fromLedger.nextAllowedAt(), what);
        fired.addAll(given.ruleIds());
        allowed += given.isAllowed() ? 1 : 0;
      }
    }
    assertEquals(Set.of("CN-DEMO-MONTHLY-CAP", "CN-DEMO-COLLECTION-HOURLY", "CN-DEMO-REFUSED"), fired, "every rule was exercised");
    assertTrue(allowed > 10 && allowed < 70, "both answers occur: " + allowed + " of 80 allowed");
  }

  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void decideAndRecord_holdsTheCap_andANotConnectedOutcomeFreesItsPlace(Stores.Kind kind) throws Exception {
    try (Stores.Store store = Stores.open(kind); PolicyEngine engine = engine(store.ledger())) {
      for (int i = 1; i <= 5; i++) {
        Decision d = engine.decideAndRecord(call("m-" + i, "p-1", "MARKETING", DAY1.plusDays(i)));
        assertEquals(Decision.Verdict.ALLOW, d.verdict(), "call " + i + ": " + d.ruleIds());
      }
      Decision sixth = engine.decideAndRecord(call("m-6", "p-1", "MARKETING", DAY1.plusDays(6)));
      assertEquals(List.of("CN-DEMO-MONTHLY-CAP"), sixth.ruleIds());
      // The call of 2 March (day 1 of 30) leaves the window at the start of 1 April, Beijing time.
      assertEquals(OffsetDateTime.parse("2026-04-01T00:00:00+08:00"), sixth.nextAllowedAt());
      assertEquals(5, engine.ledger().entries("p-1", null).size(), "a denied call is not recorded");
      // plain decide() reads the ledger too, and records nothing
      assertEquals(List.of("CN-DEMO-MONTHLY-CAP"), engine.decide(call("m-6", "p-1", "MARKETING", DAY1.plusDays(6))).ruleIds());

      assertTrue(engine.ledger().recordOutcome("m-2", Outcome.NOT_CONNECTED));
      assertEquals(Decision.Verdict.ALLOW, engine.decideAndRecord(call("m-6", "p-1", "MARKETING", DAY1.plusDays(6))).verdict());
      assertEquals(6, engine.ledger().entries("p-1", null).size());
    }
  }

  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void aRecordedRefusal_blocksMarketingCallsOnThatChannelFromThenOn(Stores.Kind kind) throws Exception {
    try (Stores.Store store = Stores.open(kind); PolicyEngine engine = engine(store.ledger())) {
      assertTrue(engine.decideAndRecord(call("m-1", "p-1", "MARKETING", DAY1)).isAllowed());
      assertTrue(engine.ledger().recordOutcome("m-1", Outcome.REFUSED));
      Decision later = engine.decideAndRecord(call("m-2", "p-1", "MARKETING", DAY1.plusYears(2)));
      assertEquals(List.of("CN-DEMO-REFUSED"), later.ruleIds());
      assertTrue(engine.decideAndRecord(call("c-1", "p-1", "COLLECTION", DAY1.plusDays(1))).isAllowed(),
          "a refusal of marketing does not stop a collection call");

      // A refusal by SMS blocks SMS marketing, not calls.
      engine.ledger().record("p-2", "sms-1", new Contact(DAY1, Purpose.MARKETING, null, null, Outcome.REFUSED, Channel.SMS));
      assertTrue(engine.decideAndRecord(call("m-3", "p-2", "MARKETING", DAY1.plusDays(1))).isAllowed());
    }
  }

  @Test
  void aCallWhoseOutcomeIsNotRecorded_countsAsAConversation() {
    try (PolicyEngine engine = engine(ContactLedger.inMemory())) {
      assertTrue(engine.decideAndRecord(call("c-1", "p-1", "COLLECTION", DAY1)).isAllowed());
      assertEquals(List.of("CN-DEMO-COLLECTION-HOURLY"),
          engine.decideAndRecord(call("c-2", "p-1", "COLLECTION", DAY1.plusMinutes(59))).ruleIds());
      assertEquals(OffsetDateTime.parse("2026-03-01T03:00:00Z"),
          engine.decide(call("c-2", "p-1", "COLLECTION", DAY1.plusMinutes(59))).nextAllowedAt().withOffsetSameInstant(ZoneOffset.UTC));
      assertTrue(engine.decideAndRecord(call("c-3", "p-1", "COLLECTION", DAY1.plusMinutes(60))).isAllowed());
    }
  }

  @Test
  void aRetriedRequest_isNotCountedAgainstItself_norRecordedTwice() {
    try (PolicyEngine engine = engine(ContactLedger.inMemory())) {
      CallRequest request = call("c-1", "p-1", "COLLECTION", DAY1);
      assertTrue(engine.decideAndRecord(request).isAllowed());
      assertTrue(engine.decideAndRecord(request).isAllowed(), "the retry of an allowed call is allowed");
      assertEquals(1, engine.ledger().entries("p-1", null).size());
      assertEquals(List.of("CN-DEMO-COLLECTION-HOURLY"),
          engine.decideAndRecord(call("c-2", "p-1", "COLLECTION", DAY1.plusMinutes(1))).ruleIds());
    }
  }

  @Test
  void aContactInTheRequestsHistoryLaterThanTheCall_countsAsMadeJustBefore_inOrderOrNot() {
    try (PolicyEngine engine = engine(ContactLedger.inMemory())) {
      Contact later = new Contact(DAY1.plusMinutes(30), Purpose.COLLECTION, null, null, Outcome.NO_ANSWER, Channel.CALL);
      Contact older = new Contact(DAY1.minusDays(3), Purpose.COLLECTION, null, null, Outcome.NO_ANSWER, Channel.CALL);
      Contact nextDay = new Contact(DAY1.plusDays(1), Purpose.MARKETING, null, null, Outcome.REFUSED, Channel.CALL);
      for (List<Contact> history : List.of(List.of(later), List.of(older, later), List.of(later, older))) {
        Decision d = engine.decide(call("c-1", "p-1", "COLLECTION", DAY1, history));
        assertEquals(List.of("CN-DEMO-COLLECTION-HOURLY"), d.ruleIds(), history.toString());
        assertEquals(DAY1.plusMinutes(90).toInstant(), d.nextAllowedAt().toInstant(),
            "decided again later, the contact counts at its own time: the window frees up an hour after it");
      }
      assertEquals(List.of("CN-DEMO-REFUSED"), engine.decide(call("m-1", "p-1", "MARKETING", DAY1, List.of(nextDay)))
          .ruleIds(), "a refusal dated tomorrow by a clock running ahead still counts");
      List<Contact> month = new ArrayList<>();
      for (int i = 1; i <= 5; i++) {
        month.add(new Contact(DAY1.plusHours(i), Purpose.MARKETING, null, null, Outcome.CONVERSATION, Channel.CALL));
      }
      assertEquals(List.of("CN-DEMO-MONTHLY-CAP"), engine.decide(call("m-2", "p-1", "MARKETING", DAY1, month)).ruleIds());
    }
  }

  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void decideAndRecord_anIdOrProductTooLongToStore_orAnotherPersonsId_isAnInvalidRequest(Stores.Kind kind)
      throws Exception {
    try (Stores.Store store = Stores.open(kind); PolicyEngine engine = engine(store.ledger())) {
      String longId = "c-" + "x".repeat(255);
      assertInvalid(engine.decideAndRecord(call(longId, "p-1", "MARKETING", DAY1)), "$.id: is longer than 256 characters");
      CallRequest c = call("c-2", "p-1", "MARKETING", DAY1);
      CallRequest longProduct = new CallRequest(c.id(), c.at(), c.jurisdiction(), c.purpose(), "p".repeat(257), c.voice(),
          c.interactive(), c.aiLabel(), c.caller(), c.callee(), c.debt(), c.script(), c.history());
      assertInvalid(engine.decideAndRecord(longProduct), "$.product: is longer than 256 characters");
      assertTrue(engine.decideAndRecord(call("c-3", "p-1", "MARKETING", DAY1)).isAllowed());
      assertInvalid(engine.decideAndRecord(call("c-3", "p-2", "MARKETING", DAY1)), "$.id: contact id c-3 is already recorded");
      assertEquals(List.of(), engine.ledger().entries("p-2", null));
      assertEquals(1, engine.ledger().entries("p-1", null).size());
      assertThrows(IllegalArgumentException.class, () -> engine.ledger().record("p-3", longId,
          new Contact(DAY1, Purpose.MARKETING, null, null, Outcome.NO_ANSWER, Channel.SMS)));
    }
  }

  private static void assertInvalid(Decision d, String message) {
    assertEquals(List.of("TOLLGATE-INVALID-REQUEST"), d.ruleIds(), d.findings().toString());
    assertTrue(d.findings().get(0).message().en().startsWith("Invalid request: " + message),
        d.findings().get(0).message().en());
  }

  @Test
  void decideAndRecord_refusesAHistoryOfItsOwn_andAPhoneNumberAsSubject() {
    try (PolicyEngine engine = engine(ContactLedger.inMemory())) {
      Decision withHistory = engine.decideAndRecord(call("c-1", "p-1", "MARKETING", DAY1, List.of()));
      assertEquals(List.of("TOLLGATE-INVALID-REQUEST"), withHistory.ruleIds());
      assertTrue(withHistory.findings().get(0).message().en().contains("history: must be absent"),
          withHistory.findings().get(0).message().en());
      for (String subject : List.of("+8613800138000", "tel:+8613800138000", "4155552671", "(415) 555-2671",
          "+86.138.0013.8000", "１３８００１３８０００", "010-12345678", "+86/13800138000", "13800138000@x", "p:13800138000")) {
        Decision phone = engine.decideAndRecord(TestRequests.withSubject(call("c-2", "p-1", "MARKETING", DAY1), subject));
        assertEquals(List.of("TOLLGATE-INVALID-REQUEST"), phone.ruleIds(), subject);
        assertTrue(phone.findings().get(0).message().en().contains("$.callee.subject: looks like a phone number"),
            phone.findings().get(0).message().en());
        assertTrue(phone.findings().get(0).message().en().contains("keyed hash"));
      }
      Decision empty = engine.decideAndRecord(TestRequests.withSubject(call("c-3", "p-1", "MARKETING", DAY1), ""));
      assertTrue(empty.findings().get(0).message().en().contains("$.callee.subject: is empty"),
          empty.findings().get(0).message().en());
      assertEquals(List.of(), engine.ledger().entries("p-1", null));
    }
  }

  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void pruning_keepsWhatTheLongestWindowReads_andRefusalsForEver(Stores.Kind kind) throws Exception {
    OffsetDateTime now = DAY1.plusDays(100);
    Clock clock = Clock.fixed(now.toInstant(), ZoneOffset.UTC);
    try (Stores.Store store = Stores.open(kind);
        PolicyEngine engine = PolicyEngine.builder().packs(PACKS).ledger(store.ledger()).clock(clock).build()) {
      ContactLedger ledger = engine.ledger();
      ledger.record("p-1", "refused", new Contact(DAY1, Purpose.MARKETING, null, null, Outcome.REFUSED, Channel.CALL));
      ledger.record("p-1", "old", new Contact(DAY1, Purpose.MARKETING, null, null, Outcome.CONVERSATION, Channel.CALL));
      // the 30-local-day window reaches back 31 days; a day's slack covers the callee's zone
      ledger.record("p-1", "32-days", new Contact(now.minusDays(32), Purpose.MARKETING, null, null, Outcome.NO_ANSWER, Channel.CALL));
      ledger.record("p-1", "30-days", new Contact(now.minusDays(30), Purpose.MARKETING, null, null, Outcome.NO_ANSWER, Channel.CALL));
      assertEquals(2, engine.pruneLedger());
      assertEquals(List.of("refused", "30-days"), ledger.entries("p-1", null).stream().map(ContactLedger.Entry::id).toList());
      assertEquals(List.of("CN-DEMO-REFUSED"), engine.decide(call("m-1", "p-1", "MARKETING", now)).ruleIds());
    }
    try (PolicyEngine audit = PolicyEngine.builder().packs(PACKS).clock(clock).retention(Duration.ofDays(400)).build()) {
      audit.ledger().record("p-1", "old", new Contact(DAY1, Purpose.MARKETING, null, null, Outcome.CONVERSATION, Channel.CALL));
      assertEquals(0, audit.pruneLedger(), "a longer configured retention keeps contacts longer");
    }
    IllegalStateException tooShort = assertThrows(IllegalStateException.class,
        () -> PolicyEngine.builder().packs(PACKS).retention(Duration.ofDays(7)).build());
    assertTrue(tooShort.getMessage().contains("retention PT168H is shorter than the PT744H"), tooShort.getMessage());
  }
}
