package dev.tollgate.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.CallRequest.Channel;
import dev.tollgate.CallRequest.Contact;
import dev.tollgate.CallRequest.Outcome;
import dev.tollgate.CallRequest.Purpose;
import dev.tollgate.ContactLedger;
import dev.tollgate.ContactLedger.Entry;
import dev.tollgate.LedgerException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The ledger's own operations, the same on every store. */
class ContactLedgerTest {
  static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");

  static Entry call(String id, Instant at) {
    return new Entry(id, at, Purpose.MARKETING, "consumer-loan", null, Channel.CALL, null);
  }

  static Contact contact(Instant at, Outcome outcome, Channel channel) {
    return new Contact(at.atOffset(java.time.ZoneOffset.ofHours(8)), Purpose.MARKETING, "consumer-loan", null,
        outcome, channel);
  }

  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void reserve_passesTheEarlierContactsToDecide_andRecordsWhatItReturns(Stores.Kind kind) throws Exception {
    try (Stores.Store store = Stores.open(kind)) {
      ContactLedger ledger = store.ledger();
      List<List<Entry>> seen = new ArrayList<>();
      ledger.reserve("p-1", null, read -> {
        seen.add(read);
        return call("c-1", T0);
      });
      ledger.reserve("p-1", null, read -> {
        seen.add(read);
        return null;
      });
      ledger.reserve("p-1", T0.plusSeconds(1), read -> {
        seen.add(read);
        return call("c-2", T0.plusSeconds(60));
      });
      assertEquals(List.of(List.of(), List.of(call("c-1", T0)), List.of()), seen);
      assertEquals(List.of(call("c-1", T0), call("c-2", T0.plusSeconds(60))), ledger.entries("p-1", null));
      // since is inclusive
      assertEquals(List.of(call("c-2", T0.plusSeconds(60))), ledger.entries("p-1", T0.plusSeconds(60)));
      assertEquals(List.of(), ledger.entries("p-2", null));
    }
  }

  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void reserve_doesNotRecordAnIdItAlreadyRead(Stores.Kind kind) throws Exception {
    try (Stores.Store store = Stores.open(kind)) {
      ContactLedger ledger = store.ledger();
      ledger.reserve("p-1", null, read -> call("c-1", T0));
      ledger.reserve("p-1", null, read -> call("c-1", T0));
      assertEquals(1, ledger.entries("p-1", null).size());
    }
  }

  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void decideThatThrows_recordsNothing(Stores.Kind kind) throws Exception {
    try (Stores.Store store = Stores.open(kind)) {
      ContactLedger ledger = store.ledger();
      assertThrows(IllegalStateException.class, () -> ledger.reserve("p-1", null, read -> {
        throw new IllegalStateException("boom");
      }));
      ledger.reserve("p-1", null, read -> call("c-1", T0));
      assertEquals(1, ledger.entries("p-1", null).size());
    }
  }

  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void outcomes_areRecordedByCallId_andARefusalIsFinal(Stores.Kind kind) throws Exception {
    try (Stores.Store store = Stores.open(kind)) {
      ContactLedger ledger = store.ledger();
      ledger.reserve("p-1", null, read -> call("c-1", T0));
      ledger.reserve("p-1", null, read -> call("c-2", T0.plusSeconds(1)));
      assertTrue(ledger.recordOutcome("c-1", Outcome.NO_ANSWER));
      assertTrue(ledger.recordOutcome("c-2", Outcome.REFUSED));
      assertTrue(ledger.recordOutcome("c-2", Outcome.CONVERSATION));
      assertFalse(ledger.recordOutcome("c-9", Outcome.CONVERSATION));
      List<Entry> entries = ledger.entries("p-1", null);
      assertEquals(Outcome.NO_ANSWER, entries.get(0).outcome());
      assertEquals(Outcome.REFUSED, entries.get(1).outcome());
    }
  }

  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void record_keepsTheFirstContactUnderAnId_andRefusesTheIdForAnotherSubject(Stores.Kind kind) throws Exception {
    try (Stores.Store store = Stores.open(kind)) {
      ContactLedger ledger = store.ledger();
      ledger.record("p-1", "sms-1", contact(T0, Outcome.REFUSED, Channel.SMS));
      ledger.record("p-1", "sms-1", contact(T0.plusSeconds(5), Outcome.CONVERSATION, Channel.SMS));
      assertEquals(List.of(new Entry("sms-1", T0, Purpose.MARKETING, "consumer-loan", null, Channel.SMS, Outcome.REFUSED)),
          ledger.entries("p-1", null));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ledger.record("p-2", "sms-1", contact(T0, Outcome.REFUSED, Channel.SMS)));
      assertTrue(e.getMessage().contains("sms-1"), e.getMessage());
    }
  }

  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void phoneNumbersAreNeverStoredAsSubjects(Stores.Kind kind) throws Exception {
    try (Stores.Store store = Stores.open(kind)) {
      ContactLedger ledger = store.ledger();
      for (String phone : List.of("+8613800138000", "13800138000", "138-0013-8000", "+1 (212) 555-0100",
          "tel:+8613800138000", "4155552671", "１３８００１３８０００", "13800138000@x", "p:13800138000")) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ledger.reserve(phone, null, read -> call("c-1", T0)), phone);
        assertTrue(e.getMessage().contains("phone number"), e.getMessage());
        assertFalse(e.getMessage().contains(phone), "the number is not echoed: " + e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ledger.record(phone, "c-2", contact(T0, Outcome.NO_ANSWER, null)));
      }
      ledger.reserve("cust-13800138000", null, read -> call("c-3", T0));
      ledger.reserve("cust-1002345678", null, read -> call("c-4", T0));
      assertEquals(1, ledger.entries("cust-1002345678", null).size());
      assertThrows(IllegalArgumentException.class, () -> ledger.record(" ", "c-5", contact(T0, Outcome.NO_ANSWER, null)));
    }
  }

  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void prune_deletesOldContacts_butKeepsTheOutcomesAsked(Stores.Kind kind) throws Exception {
    try (Stores.Store store = Stores.open(kind)) {
      ContactLedger ledger = store.ledger();
      ledger.record("p-1", "old-refused", contact(T0, Outcome.REFUSED, null));
      ledger.record("p-1", "old-answered", contact(T0.plusSeconds(1), Outcome.CONVERSATION, null));
      ledger.reserve("p-1", null, read -> call("old-pending", T0.plusSeconds(2)));
      ledger.record("p-1", "new", contact(T0.plusSeconds(100), Outcome.NO_ANSWER, null));
      ledger.record("p-2", "other-old", contact(T0, Outcome.NO_ANSWER, null));
      assertEquals(3, ledger.prune(T0.plusSeconds(100), Set.of(Outcome.REFUSED)));
      assertEquals(List.of("old-refused", "new"), ledger.entries("p-1", null).stream().map(Entry::id).toList());
      assertEquals(List.of(), ledger.entries("p-2", null));
      assertFalse(ledger.recordOutcome("old-answered", Outcome.NO_ANSWER));
      // the person can still be reserved after their last contact went
      ledger.reserve("p-2", null, read -> call("again", T0.plusSeconds(200)));
      assertEquals(1, ledger.entries("p-2", null).size());
    }
  }

  @ParameterizedTest
  @EnumSource(value = Stores.Kind.class, names = {"H2", "POSTGRESQL"})
  void schema_isCreatedOnce_andANewerSchemaIsRefused(Stores.Kind kind) throws Exception {
    try (Stores.Store store = Stores.open(kind)) {
      ContactLedger first = store.ledger();
      first.reserve("p-1", null, read -> call("c-1", T0));
      ContactLedger second = store.ledger();
      assertEquals(1, second.entries("p-1", null).size(), "reopening keeps the data");
      try (Connection c = store.connect(); Statement s = c.createStatement()) {
        assertEquals(List.of("1 001-contacts.sql", "2 002-contact-outcomes.sql"), schema(s));
        s.execute("INSERT INTO tollgate_ledger_schema VALUES (99, '099-future.sql', CURRENT_TIMESTAMP)");
      }
      LedgerException e = assertThrows(LedgerException.class, store::ledger);
      assertTrue(e.getMessage().contains("version 99"), e.getMessage());
    }
  }

  @ParameterizedTest
  @EnumSource(value = Stores.Kind.class, names = {"H2", "POSTGRESQL"})
  void schema_ofAnEarlierVersion_isMigrated(Stores.Kind kind) throws Exception {
    try (Stores.Store store = Stores.open(kind)) {
      store.ledger().record("p-1", "c-1", contact(T0, Outcome.REFUSED, null));
      try (Connection c = store.connect(); Statement s = c.createStatement()) {
        // as a database made by a Tollgate that knew version 1 only
        s.execute("DROP INDEX tollgate_contact_subject_outcome_at");
        s.execute("DELETE FROM tollgate_ledger_schema WHERE version = 2");
      }
      ContactLedger ledger = store.ledger();
      assertEquals(List.of("c-1"), ledger.entries("p-1", null).stream().map(Entry::id).toList());
      try (Connection c = store.connect(); Statement s = c.createStatement()) {
        assertEquals(List.of("1 001-contacts.sql", "2 002-contact-outcomes.sql"), schema(s));
        // the index is back: creating it again fails
        assertThrows(java.sql.SQLException.class, () -> s.execute(
            "CREATE INDEX tollgate_contact_subject_outcome_at ON tollgate_contact (subject, outcome, contact_at)"));
      }
    }
  }

  private static List<String> schema(Statement s) throws java.sql.SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery("SELECT version, file FROM tollgate_ledger_schema ORDER BY version")) {
      while (rs.next()) {
        out.add(rs.getInt(1) + " " + rs.getString(2));
      }
    }
    return out;
  }

  @Test
  void entries_truncateTimesToMicroseconds_asTheDatabasesStoreThem() {
    assertEquals(Instant.parse("2026-03-01T02:00:00.123456Z"),
        call("c", Instant.parse("2026-03-01T02:00:00.123456789Z")).at());
    assertNull(call("c", T0).outcome());
    assertEquals(OffsetDateTime.parse("2026-03-01T02:00:00Z"), call("c", T0).toContact().at());
    assertEquals(Outcome.CONVERSATION, call("c", T0).toContact().outcome(), "a call whose outcome is unknown counts");
  }
}
