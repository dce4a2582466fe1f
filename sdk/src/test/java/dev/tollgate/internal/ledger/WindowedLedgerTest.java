package dev.tollgate.internal.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.CallRequest.Channel;
import dev.tollgate.CallRequest.Contact;
import dev.tollgate.CallRequest.Outcome;
import dev.tollgate.CallRequest.Purpose;
import dev.tollgate.ContactLedger;
import dev.tollgate.ContactLedger.Entry;
import dev.tollgate.ledger.Stores;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The built-in ledgers' windowed read: the contacts at or after a time and, however old, those of the kept
 * outcomes, the same on every store, through {@code entries} and through {@code reserve}.
 */
class WindowedLedgerTest {
  static final Instant NOW = Instant.parse("2026-03-03T02:00:00Z");
  static final Instant SINCE = NOW.minus(Duration.ofDays(31));
  static final Comparator<Entry> ORDER = Comparator.comparing(Entry::at).thenComparing(Entry::id);

  static Contact contact(Instant at, Outcome outcome) {
    return new Contact(at.atOffset(ZoneOffset.ofHours(8)), Purpose.MARKETING, "consumer-loan", null, outcome, Channel.CALL);
  }

  /** A call reserved without an outcome, as {@code decideAndRecord} leaves it until the outcome is recorded. */
  static void pending(ContactLedger ledger, String subject, String id, Instant at) {
    ledger.reserve(subject, at, read -> new Entry(id, at, Purpose.MARKETING, null, null, Channel.CALL, null));
  }

  static WindowedLedger windowed(ContactLedger ledger) {
    assertTrue(ledger instanceof WindowedLedger, "a built-in ledger reads windows itself: " + ledger.getClass());
    return (WindowedLedger) ledger;
  }

  static List<String> ids(List<Entry> entries) {
    return entries.stream().map(Entry::id).toList();
  }

  /** What {@code reserve} passed to its decision. */
  static List<Entry> reserved(WindowedLedger ledger, String subject, Set<Outcome> kept) {
    List<List<Entry>> seen = new ArrayList<>();
    ledger.reserve(subject, SINCE, kept, read -> {
      seen.add(read);
      return null;
    });
    return seen.get(seen.size() - 1);
  }

  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void entries_readTheContactsSinceTheTime_andTheOlderOnesOfTheKeptOutcomesOnly(Stores.Kind kind) throws Exception {
    try (Stores.Store store = Stores.open(kind)) {
      ContactLedger ledger = store.ledger();
      // 300 old contacts of every outcome, 32 days to ~3 years old, then pending calls and refusals among them
      Outcome[] outcomes = Outcome.values();
      for (int i = 0; i < 300; i++) {
        Outcome outcome = outcomes[i % outcomes.length];
        ledger.record("p-1", "old-" + i, contact(SINCE.minus(Duration.ofHours(1 + 89L * i)), outcome));
      }
      pending(ledger, "p-1", "old-pending-1", SINCE.minus(Duration.ofDays(400)));
      pending(ledger, "p-1", "old-pending-2", SINCE.minusSeconds(1));
      // at the same instant as old-4, a refusal: ordered by id
      pending(ledger, "p-1", "old-4a", SINCE.minus(Duration.ofHours(1 + 89L * 4)));
      // recent: one exactly at the time (inclusive), pending and recorded ones, and one after the call
      ledger.record("p-1", "new-1", contact(SINCE, Outcome.NO_ANSWER));
      pending(ledger, "p-1", "new-2", NOW.minus(Duration.ofDays(3)));
      ledger.record("p-1", "new-3", contact(NOW.minus(Duration.ofDays(2)), Outcome.REFUSED));
      ledger.record("p-1", "new-4", contact(NOW.minus(Duration.ofDays(2)), Outcome.CONVERSATION));
      ledger.record("p-1", "new-5", contact(NOW.plusSeconds(30), Outcome.NOT_CONNECTED));
      ledger.record("p-2", "other-old", contact(SINCE.minus(Duration.ofDays(90)), Outcome.REFUSED));
      ledger.record("p-2", "other-new", contact(NOW.minus(Duration.ofDays(1)), Outcome.REFUSED));

      List<Entry> all = ledger.entries("p-1", null);
      assertEquals(308, all.size());
      List<Entry> sorted = new ArrayList<>(all);
      sorted.sort(ORDER);
      assertEquals(sorted, all, "ordered by time then id");
      List<String> recent = List.of("new-1", "new-2", "new-3", "new-4", "new-5");
      assertEquals(recent, ids(ledger.entries("p-1", SINCE)));

      WindowedLedger windowed = windowed(ledger);
      assertEquals(ledger.entries("p-1", SINCE), windowed.entries("p-1", SINCE, Set.of()), "nothing kept: since only");

      List<Entry> refusals = windowed.entries("p-1", SINCE, Set.of(Outcome.REFUSED));
      List<Entry> expected = all.stream()
          .filter(e -> !e.at().isBefore(SINCE) || e.outcome() == Outcome.REFUSED).toList();
      assertEquals(60 + recent.size(), expected.size());
      assertEquals(expected, refusals);
      assertEquals(expected, reserved(windowed, "p-1", Set.of(Outcome.REFUSED)));

      // a pending call counts as a conversation, so it is read exactly when conversations are kept
      List<Entry> conversations = windowed.entries("p-1", SINCE, Set.of(Outcome.REFUSED, Outcome.CONVERSATION));
      List<Entry> expectedConversations = all.stream().filter(e -> !e.at().isBefore(SINCE) || e.outcome() == null
          || e.outcome() == Outcome.REFUSED || e.outcome() == Outcome.CONVERSATION).toList();
      assertEquals(120 + 3 + recent.size(), expectedConversations.size());
      assertEquals(expectedConversations, conversations);
      assertTrue(ids(conversations).containsAll(List.of("old-pending-1", "old-pending-2", "old-4a")));
      int refused = ids(conversations).indexOf("old-4");
      assertEquals("old-4a", conversations.get(refused + 1).id(), "the same instant is ordered by id");
      assertEquals(expectedConversations, reserved(windowed, "p-1", Set.of(Outcome.REFUSED, Outcome.CONVERSATION)));
      assertEquals(all, windowed.entries("p-1", SINCE, Set.of(Outcome.values())), "every outcome kept: all");

      assertEquals(List.of("other-old", "other-new"), ids(windowed.entries("p-2", SINCE, Set.of(Outcome.REFUSED))));
      assertEquals(List.of(), windowed.entries("p-3", SINCE, Set.of(Outcome.REFUSED)));
    }
  }

  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void anOutcomeRecordedAfterTheContactAged_movesItIntoOrOutOfTheRead(Stores.Kind kind) throws Exception {
    try (Stores.Store store = Stores.open(kind)) {
      ContactLedger ledger = store.ledger();
      WindowedLedger windowed = windowed(ledger);
      Instant old = SINCE.minus(Duration.ofDays(400));
      for (int i = 0; i < 50; i++) {
        ledger.record("p-1", "old-" + i, contact(old.plusSeconds(i), Outcome.NO_ANSWER));
      }
      pending(ledger, "p-1", "late", old.plusSeconds(25));
      Set<Outcome> refusals = Set.of(Outcome.REFUSED);
      Set<Outcome> conversations = Set.of(Outcome.REFUSED, Outcome.CONVERSATION);
      assertEquals(List.of(), windowed.entries("p-1", SINCE, refusals));
      assertEquals(List.of("late"), ids(windowed.entries("p-1", SINCE, conversations)));

      assertTrue(ledger.recordOutcome("old-7", Outcome.REFUSED));
      assertEquals(List.of("old-7"), ids(windowed.entries("p-1", SINCE, refusals)));
      assertEquals(Outcome.REFUSED, windowed.entries("p-1", SINCE, refusals).get(0).outcome());
      // a refusal is final: a later outcome neither replaces it nor takes it out of the read
      assertTrue(ledger.recordOutcome("old-7", Outcome.CONVERSATION));
      assertEquals(List.of("old-7"), ids(reserved(windowed, "p-1", refusals)));

      // the pending call, once answered NO_ANSWER, is no conversation any more
      assertTrue(ledger.recordOutcome("late", Outcome.NO_ANSWER));
      assertEquals(List.of("old-7"), ids(windowed.entries("p-1", SINCE, conversations)));
      assertTrue(ledger.recordOutcome("old-9", Outcome.CONVERSATION));
      assertEquals(List.of("old-7", "old-9"), ids(windowed.entries("p-1", SINCE, conversations)));

      // pruning removes what it removes from the read too, and keeps the kept outcomes in it
      assertEquals(50, ledger.prune(NOW, refusals));
      assertEquals(List.of("old-7"), ids(windowed.entries("p-1", SINCE, conversations)));
      assertFalse(ledger.recordOutcome("old-9", Outcome.REFUSED));
      assertEquals(List.of("old-7"), ids(ledger.entries("p-1", null)));
    }
  }
}
