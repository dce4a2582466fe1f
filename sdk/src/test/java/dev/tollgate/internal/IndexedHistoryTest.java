package dev.tollgate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.CallRequest;
import dev.tollgate.CallRequest.Channel;
import dev.tollgate.CallRequest.Contact;
import dev.tollgate.CallRequest.Outcome;
import dev.tollgate.CallRequest.Purpose;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IndexedHistoryTest {
  static final OffsetDateTime T0 = OffsetDateTime.of(2026, 3, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8));

  static Contact contact(int minutes, Purpose purpose, Outcome outcome, String product, String debt, Channel channel) {
    return new Contact(T0.plusMinutes(minutes), purpose, product, debt, outcome, channel);
  }

  @Test
  void count_windowIsFromInclusiveToExclusive() {
    IndexedHistory h = IndexedHistory.of(List.of(
        contact(0, Purpose.MARKETING, Outcome.NO_ANSWER, null, null, null),
        contact(10, Purpose.MARKETING, Outcome.NO_ANSWER, null, null, null),
        contact(20, Purpose.MARKETING, Outcome.NO_ANSWER, null, null, null)));
    ContactQuery all = new ContactQuery(Set.of(), Set.of(), Set.of(), null, null);
    Instant at0 = T0.toInstant();
    assertEquals(3, h.count(all, null, at0.plusSeconds(1200 + 1)));
    assertEquals(2, h.count(all, null, at0.plusSeconds(1200)), "a contact at 'to' is not earlier");
    assertEquals(2, h.count(all, at0.plusSeconds(600), at0.plusSeconds(1201)), "a contact at 'from' counts");
    assertEquals(List.of(at0.plusSeconds(600), at0.plusSeconds(1200)), h.times(all, at0.plusSeconds(600), at0.plusSeconds(1201)));
  }

  @Test
  void count_unknownProductOrDebtOrPurposeMatches_otherValuesDoNot() {
    IndexedHistory h = IndexedHistory.of(List.of(
        contact(0, Purpose.COLLECTION, Outcome.NO_ANSWER, "loan", "d1", null),
        contact(1, Purpose.COLLECTION, Outcome.NO_ANSWER, "loan", "d2", null),
        contact(2, Purpose.COLLECTION, Outcome.NO_ANSWER, null, null, null),
        contact(3, null, Outcome.NO_ANSWER, "card", "d1", null),
        contact(4, Purpose.COLLECTION, Outcome.NO_ANSWER, "loan", "d1", Channel.SMS)));
    Instant end = T0.plusDays(1).toInstant();
    assertEquals(3, h.count(new ContactQuery(Set.of(Purpose.COLLECTION), Set.of(Channel.CALL), Set.of(), null, "d1"), null, end));
    assertEquals(3, h.count(new ContactQuery(Set.of(Purpose.COLLECTION), Set.of(Channel.CALL), Set.of(), "loan", null), null, end));
    assertEquals(2, h.count(new ContactQuery(Set.of(Purpose.COLLECTION), Set.of(Channel.CALL), Set.of(), "loan", "d1"), null, end));
    assertEquals(1, h.count(new ContactQuery(Set.of(), Set.of(Channel.SMS), Set.of(), null, null), null, end));
  }

  @Test
  void count_randomHistories_agreeWithAScan() {
    Random random = new Random(42);
    Purpose[] purposes = {Purpose.MARKETING, Purpose.COLLECTION, Purpose.SERVICE, null};
    String[] values = {"a", "b", null};
    for (int round = 0; round < 50; round++) {
      List<Contact> contacts = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        contacts.add(contact(random.nextInt(10_000), purposes[random.nextInt(4)],
            Outcome.values()[random.nextInt(Outcome.values().length)], values[random.nextInt(3)], values[random.nextInt(3)],
            random.nextBoolean() ? null : Channel.values()[random.nextInt(2)]));
      }
      IndexedHistory h = IndexedHistory.of(contacts);
      ContactQuery q = new ContactQuery(Set.of(Purpose.values()[random.nextInt(3)]),
          random.nextBoolean() ? Set.of() : Set.of(Channel.CALL),
          random.nextBoolean() ? Set.of() : Set.of(Outcome.NO_ANSWER, Outcome.VOICEMAIL),
          values[random.nextInt(3)], values[random.nextInt(3)]);
      Instant from = T0.plusMinutes(random.nextInt(5_000)).toInstant();
      Instant to = from.plusSeconds(60L * random.nextInt(5_000));
      long scanned = contacts.stream().filter(q::matches)
          .filter(c -> !c.at().toInstant().isBefore(from) && c.at().toInstant().isBefore(to)).count();
      assertEquals(scanned, h.count(q, from, to), "round " + round);
      assertEquals(scanned, h.times(q, from, to).size(), "round " + round);
    }
  }

  @Test
  void of_nullHistory_countsNothing() {
    assertEquals(0, IndexedHistory.of(null).count(new ContactQuery(Set.of(), Set.of(), Set.of(), null, null), null,
        Instant.MAX));
  }
}
