package dev.tollgate.internal.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.CallRequest;
import dev.tollgate.internal.facts.WindowSlots;
import dev.tollgate.rules.Condition;
import dev.tollgate.rules.Field;
import dev.tollgate.rules.Operand;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The windows counted from the history's index (binary search to the longest window, older contacts only by
 * the outcomes a window without a span counts) against a plain reading of every contact.
 */
class WindowsTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-03-08T10:00:00+08:00");

  private static final List<Condition.Window> WINDOWS = List.of(
      window(List.of("MARKETING"), List.of("CALL"), List.of(), false, false, new Condition.Window.Span(30, null)),
      window(List.of("MARKETING"), List.of(), List.of("CONVERSATION"), true, false, new Condition.Window.Span(1, null)),
      window(List.of("COLLECTION"), List.of(), List.of(), false, true, new Condition.Window.Span(0, Duration.ofHours(2))),
      window(List.of(), List.of("SMS"), List.of("NO_ANSWER", "VOICEMAIL"), false, false,
          new Condition.Window.Span(0, Duration.ofDays(7))),
      window(List.of("MARKETING"), List.of("CALL"), List.of("REFUSED"), false, false, null),
      window(List.of(), List.of(), List.of("VOICEMAIL"), false, true, null),
      window(List.of("SERVICE"), List.of(), List.of(), false, false, null),
      // Bounded by the consent's time: contacts before callee.consent.recordedAt do not count.
      since(window(List.of("MARKETING"), List.of(), List.of("REFUSED"), false, false, null)),
      since(window(List.of("MARKETING"), List.of("CALL"), List.of(), false, false, new Condition.Window.Span(30, null))));

  @Test
  void counts_matchEveryContactReadOneByOne() {
    Random random = new Random(8);
    for (int round = 0; round < 3_000; round++) {
      boolean[] used = new boolean[WINDOWS.size()];
      for (int i = 0; i < used.length; i++) {
        used[i] = random.nextInt(4) != 0;
      }
      // Some rounds use only windows with a span, or only those without one.
      if (round % 7 == 0) {
        used[4] = used[5] = used[6] = false;
      } else if (round % 11 == 0) {
        Arrays.fill(used, 0, 4, false);
      }
      check(random, used);
    }
  }

  @Test
  void release_matchesEveryContactReadOneByOne() {
    Random random = new Random(9);
    WindowSlots slots = slots();
    Windows windows = new Windows(slots);
    for (int round = 0; round < 3_000; round++) {
      CallRequest call = call(random, history(random));
      RequestHistory history = RequestHistory.index(call.history().toArray(new CallRequest.Contact[0]), round % 2 == 0);
      for (int slot : new int[] {0, 1, 2, 3, 8}) {
        int cap = 1 + random.nextInt(4);
        assertEquals(release(slots.keys().get(slot), cap, call), windows.release(slot, cap, call, history),
            "sorted " + history.sorted + ", window " + slots.keys().get(slot) + ", cap " + cap + ", history "
            + call.history() + ", at " + call.at());
      }
    }
  }

  @Test
  void theRequestsHistoryKeepsItsIndex_andEqualsAnyListOfTheSameContacts() {
    List<CallRequest.Contact> contacts = history(new Random(3));
    assertTrue(contacts.size() > 10, "a history long enough to be in no order");
    CallRequest call = call(new Random(4), contacts);
    assertEquals(contacts, call.history());
    assertEquals(contacts.hashCode(), call.history().hashCode());
    // Read whole by the first decision, as the contacts are in no order; sorted by the second, and kept.
    RequestHistory first = RequestHistory.of(call.history());
    RequestHistory second = RequestHistory.of(call.history());
    assertFalse(first.sorted);
    assertTrue(second.sorted);
    assertSame(second, RequestHistory.of(call.history()));
    // In time order, the first decision indexes it.
    List<CallRequest.Contact> ordered = new ArrayList<>(contacts);
    ordered.sort(java.util.Comparator.comparing(c -> c.at().toInstant()));
    assertTrue(RequestHistory.of(ContactList.copyOf(ordered)).sorted);
    assertSame(call.history(), ContactList.copyOf(call.history()));
    assertThrows(UnsupportedOperationException.class, () -> call.history().add(contacts.get(0)));
    List<CallRequest.Contact> withNull = new ArrayList<>(contacts);
    withNull.add(null);
    assertThrows(NullPointerException.class, () -> ContactList.copyOf(withNull));
  }

  @Test
  void theIndexOrdersContactsByInstant_downToTheNano_andAcrossMillennia() {
    Random random = new Random(5);
    for (int round = 0; round < 500; round++) {
      boolean farApart = round % 5 == 0;
      List<CallRequest.Contact> contacts = new ArrayList<>();
      for (int i = random.nextInt(200); i > 0; i--) {
        OffsetDateTime at = farApart && random.nextBoolean()
            ? OffsetDateTime.of(random.nextBoolean() ? -900_000 : 900_000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)
            : T0.plusSeconds(random.nextInt(5)).withNano(random.nextInt(4) * 250_000_000 + random.nextInt(3));
        contacts.add(new CallRequest.Contact(at, null, null, null, CallRequest.Outcome.NO_ANSWER, null));
      }
      RequestHistory index = RequestHistory.index(contacts.toArray(new CallRequest.Contact[0]), true);
      List<Instant> expected = new ArrayList<>(contacts.stream().map(c -> c.at().toInstant()).toList());
      expected.sort(null);
      List<Instant> indexed = Arrays.stream(index.contacts).map(c -> c.at().toInstant()).toList();
      assertEquals(expected, indexed);
      for (int i = 0; i < index.size(); i++) {
        assertEquals(expected.get(i), Instant.ofEpochSecond(index.seconds[i], index.nanos[i]));
      }
    }
  }

  private static void check(Random random, boolean[] used) {
    WindowSlots slots = slots();
    Windows windows = new Windows(slots);
    CallRequest call = call(random, history(random));
    int[] expected = new int[used.length];
    for (int i = 0; i < used.length; i++) {
      expected[i] = used[i] ? count(slots.keys().get(i), call) : -1;
    }
    for (boolean sort : new boolean[] {false, true}) {
      RequestHistory history = RequestHistory.index(call.history().toArray(new CallRequest.Contact[0]), sort);
      assertArrayEquals(expected, windows.counts(call, history, used), () -> "sorted " + history.sorted + ", used "
          + Arrays.toString(used) + ", history " + call.history() + ", at " + call.at() + ", product " + call.product());
    }
  }

  /** The contacts one window counts, read one by one. */
  private static int count(WindowSlots.Key key, CallRequest call) {
    ContactQuery query = Windows.query(key, call);
    Instant from = from(key, call);
    int n = 0;
    for (CallRequest.Contact c : call.history()) {
      Instant t = time(c, call);
      if (t != null && query.matches(c) && (from == null || !t.isBefore(from))) {
        n++;
      }
    }
    return n;
  }

  /**
   * When a contact counts as made: when it was, or just before the call if that was later; null (not
   * counted) at the call's very instant.
   */
  private static Instant time(CallRequest.Contact c, CallRequest call) {
    Instant t = c.at().toInstant();
    Instant at = call.at().toInstant();
    return t.isBefore(at) ? t : t.isAfter(at) ? at.minusNanos(1) : null;
  }

  /** When the window next drops below the cap, read one contact at a time, minute by minute from the call. */
  private static Instant release(WindowSlots.Key key, int cap, CallRequest call) {
    if (count(key, call) < cap) {
      return null;
    }
    ContactQuery query = Windows.query(key, call);
    Instant from = from(key, call);
    List<Instant> times = new ArrayList<>();
    for (CallRequest.Contact c : call.history()) {
      Instant t = time(c, call);
      if (t != null && query.matches(c) && !t.isBefore(from)) {
        times.add(t);
      }
    }
    times.sort(null);
    Instant keeper = times.get(times.size() - cap);
    Condition.Window.Span span = key.within();
    return span.duration() != null ? keeper.plus(span.duration())
        : keeper.atZone(SHANGHAI).toLocalDate().plusDays(span.calendarDays()).atStartOfDay(SHANGHAI).toInstant();
  }

  private static Instant from(WindowSlots.Key key, CallRequest call) {
    Instant since = key.count().since() == null || call.callee().consent() == null
        || call.callee().consent().recordedAt() == null ? null : call.callee().consent().recordedAt().toInstant();
    Condition.Window.Span span = key.within();
    if (span == null) {
      return since;
    }
    Instant start = span.duration() != null ? call.at().toInstant().minus(span.duration()).plusNanos(1)
        : call.at().atZoneSameInstant(SHANGHAI).toLocalDate().minusDays(span.calendarDays() - 1L)
            .atStartOfDay(SHANGHAI).toInstant();
    return since != null && since.isAfter(start) ? since : start;
  }

  /** Up to 60 contacts over 60 days around T0, in no order, with ties, some after the call. */
  private static List<CallRequest.Contact> history(Random random) {
    int n = random.nextInt(61);
    List<CallRequest.Contact> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      OffsetDateTime at = i > 0 && random.nextInt(8) == 0 ? out.get(random.nextInt(i)).at()
          : T0.minusMinutes(random.nextInt(60 * 24 * 60)).plusMinutes(60 * 24 * 2)
              .withOffsetSameInstant(random.nextBoolean() ? ZoneOffset.UTC : ZoneOffset.ofHours(8));
      out.add(new CallRequest.Contact(at, pick(random, CallRequest.Purpose.values()), pick(random, "loan", "card"),
          pick(random, "d1", "d2"), CallRequest.Outcome.values()[random.nextInt(CallRequest.Outcome.values().length)],
          pick(random, CallRequest.Channel.values())));
    }
    return out;
  }

  private static CallRequest call(Random random, List<CallRequest.Contact> history) {
    // At times exactly when an earlier contact was made, which a window ending at the call leaves out.
    OffsetDateTime at = !history.isEmpty() && random.nextInt(5) == 0 ? history.get(random.nextInt(history.size())).at()
        : T0.plusMinutes(random.nextInt(60 * 24 * 3) - 60 * 24);
    // A consent recorded at times within the history's span, at an earlier contact's instant, or never.
    OffsetDateTime recordedAt = random.nextInt(4) == 0 ? null : !history.isEmpty() && random.nextInt(4) == 0
        ? history.get(random.nextInt(history.size())).at() : T0.minusMinutes(random.nextInt(60 * 24 * 60));
    CallRequest.Consent consent = new CallRequest.Consent(CallRequest.ConsentState.GRANTED, null, null, recordedAt, null);
    return new CallRequest("r", at, "CN", CallRequest.Purpose.MARKETING, pick(random, "loan", "card"),
        CallRequest.Voice.HUMAN, false, null, new CallRequest.Caller("org", true, null, null, null, null),
        new CallRequest.Callee("s", SHANGHAI, null, null, consent, null),
        random.nextBoolean() ? new CallRequest.Debt(pick(random, "d1", "d2"), null, null) : null, null, history);
  }

  /** One of the values, or null one time in four. */
  @SafeVarargs
  private static <T> T pick(Random random, T... values) {
    return random.nextInt(4) == 0 ? null : values[random.nextInt(values.length)];
  }

  private static WindowSlots slots() {
    WindowSlots slots = new WindowSlots();
    WINDOWS.forEach(slots::slot);
    return slots;
  }

  private static Condition.Window since(Condition.Window w) {
    Condition.Window.Count c = w.count();
    return new Condition.Window(new Condition.Window.Count(c.purposes(), c.channels(), c.outcomes(), c.sameProduct(),
        c.sameDebt(), Field.CONSENT_RECORDED_AT), w.within(), w.atLeast());
  }

  private static Condition.Window window(List<String> purposes, List<String> channels, List<String> outcomes,
      boolean sameProduct, boolean sameDebt, Condition.Window.Span within) {
    return new Condition.Window(new Condition.Window.Count(purposes, channels, outcomes, sameProduct, sameDebt), within,
        new Operand.Literal(java.math.BigDecimal.ONE));
  }
}
