package dev.tollgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The window kind expresses Regulation F's 7-in-7 and 7-day cool-off per debt and Florida's 3 calls in
 * 24 hours on one subject without change (test packs under window-packs/), including their edges.
 */
class WindowPacksTest {
  static final PolicyEngine ENGINE = PolicyEngine.builder().packs(Path.of("src/test/resources/window-packs")).build();

  @AfterAll
  static void close() {
    ENGINE.close();
  }

  /** A call in New York at the given local time, with earlier contacts as JSON objects. */
  static String call(String jurisdiction, String purpose, String at, List<String> history) {
    return """
        {"type": "call", "id": "w-1", "at": "%s", "jurisdiction": "%s", "purpose": "%s", "product": "auto-loan",
         "voice": "HUMAN", "caller": {"organization": "Example Collector"},
         "callee": {"subject": "p-1", "timeZone": "America/New_York"},
         "debt": {"id": "debt-1", "collector": "THIRD_PARTY"}, "history": [%s]}
        """.formatted(at, jurisdiction, purpose, String.join(",", history));
  }

  static String contact(String at, String purpose, String outcome, String debtOrProduct) {
    String key = purpose.equals("COLLECTION") ? "debt" : "product";
    return "{\"at\": \"%s\", \"purpose\": \"%s\", \"outcome\": \"%s\", \"%s\": \"%s\"}"
        .formatted(at, purpose, outcome, key, debtOrProduct);
  }

  /** {@code n} unanswered collection calls about a debt, one a day ending the day before 2026-03-10 (New York). */
  static List<String> dailyAttempts(int n, String debt, int firstDay) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(contact("2026-03-%02dT10:00:00-04:00".formatted(firstDay + i), "COLLECTION", "NO_ANSWER", debt));
    }
    return out;
  }

  @Test
  void regF_sevenCallsInSevenDays_eighthIsDeniedUntilTheOldestLeaves() {
    // 2026-03-04 .. 2026-03-10: 6 earlier days plus 1 call today = 7 in 7 consecutive days.
    List<String> history = new ArrayList<>(dailyAttempts(6, "debt-1", 4));
    history.add(contact("2026-03-10T09:00:00-04:00", "COLLECTION", "VOICEMAIL", "debt-1"));
    Decision d = ENGINE.decideJson(call("US", "COLLECTION", "2026-03-10T15:00:00-04:00", history));
    assertEquals(List.of("US-REGF-7IN7"), d.ruleIds());
    // The call of 03-04 (day 1) leaves the window at the start of 03-11, New York time.
    assertEquals(OffsetDateTime.parse("2026-03-11T00:00:00-04:00"), d.nextAllowedAt());
  }

  @Test
  void regF_sixEarlierCalls_theSeventhIsAllowed() {
    Decision d = ENGINE.decideJson(call("US", "COLLECTION", "2026-03-10T15:00:00-04:00", dailyAttempts(6, "debt-1", 4)));
    assertEquals(List.of(), d.ruleIds());
  }

  @Test
  void regF_theEighthDayBackIsOutsideTheWindow() {
    List<String> history = new ArrayList<>(dailyAttempts(7, "debt-1", 3)); // 03-03 .. 03-09
    Decision d = ENGINE.decideJson(call("US", "COLLECTION", "2026-03-09T15:00:00-04:00", history));
    assertEquals(List.of("US-REGF-7IN7"), d.ruleIds(), "03-03..03-09 holds 7 calls before 15:00 on 03-09");
    assertEquals(List.of(), ENGINE.decideJson(call("US", "COLLECTION", "2026-03-10T00:00:00-04:00", history)).ruleIds(),
        "on 03-10 the call of 03-03 is 8 days back");
  }

  @Test
  void regF_callsAboutAnotherDebtDoNotCount() {
    List<String> history = new ArrayList<>(dailyAttempts(7, "debt-2", 4));
    assertEquals(List.of(), ENGINE.decideJson(call("US", "COLLECTION", "2026-03-10T15:00:00-04:00", history)).ruleIds());
  }

  @Test
  void regF_conversationIsDayOne_noCallUntilDayEight() {
    String talk = contact("2026-03-04T11:00:00-05:00", "COLLECTION", "CONVERSATION", "debt-1");
    Decision d = ENGINE.decideJson(call("US", "COLLECTION", "2026-03-10T23:00:00-04:00", List.of(talk)));
    assertEquals(List.of("US-REGF-COOLOFF"), d.ruleIds(), "03-10 is day 7 after a conversation on 03-04");
    assertEquals(OffsetDateTime.parse("2026-03-11T00:00:00-04:00"), d.nextAllowedAt());
    assertEquals(List.of(), ENGINE.decideJson(call("US", "COLLECTION", "2026-03-11T00:00:00-04:00", List.of(talk))).ruleIds());
  }

  @Test
  void regF_conversationAboutAnotherDebt_noCoolOff() {
    String talk = contact("2026-03-09T11:00:00-04:00", "COLLECTION", "CONVERSATION", "debt-9");
    assertEquals(List.of(), ENGINE.decideJson(call("US", "COLLECTION", "2026-03-10T10:00:00-04:00", List.of(talk))).ruleIds());
  }

  @Test
  void florida_threeCallsIn24Hours_fourthDeniedUntilTheOldestIs24HoursOld() {
    List<String> history = List.of(
        contact("2026-03-09T15:00:00-04:00", "MARKETING", "NO_ANSWER", "auto-loan"),
        contact("2026-03-10T09:00:00-04:00", "MARKETING", "NO_ANSWER", "auto-loan"),
        contact("2026-03-10T11:00:00-04:00", "MARKETING", "CONVERSATION", "auto-loan"));
    Decision d = ENGINE.decideJson(call("US-FL", "MARKETING", "2026-03-10T14:00:00-04:00", history));
    assertEquals(List.of("US-FL-3PER24H"), d.ruleIds());
    assertEquals(OffsetDateTime.parse("2026-03-10T15:00:00-04:00"), d.nextAllowedAt());
    assertEquals(List.of(), ENGINE.decideJson(call("US-FL", "MARKETING", "2026-03-10T15:00:00-04:00", history)).ruleIds(),
        "a call exactly 24 hours earlier has left the window");
  }

  @Test
  void florida_twoCallsOnTheSubject_andOneOnAnother_allowed() {
    List<String> history = List.of(
        contact("2026-03-10T08:00:00-04:00", "MARKETING", "NO_ANSWER", "credit-card"),
        contact("2026-03-10T09:00:00-04:00", "MARKETING", "NO_ANSWER", "auto-loan"),
        contact("2026-03-10T11:00:00-04:00", "MARKETING", "CONVERSATION", "auto-loan"));
    Decision d = ENGINE.decideJson(call("US-FL", "MARKETING", "2026-03-10T14:00:00-04:00", history));
    assertEquals(List.of(), d.ruleIds());
    assertNull(d.nextAllowedAt());
  }

  @Test
  void florida_packDoesNotApplyOutsideFlorida() {
    List<String> history = List.of(
        contact("2026-03-10T08:00:00-04:00", "MARKETING", "NO_ANSWER", "auto-loan"),
        contact("2026-03-10T09:00:00-04:00", "MARKETING", "NO_ANSWER", "auto-loan"),
        contact("2026-03-10T11:00:00-04:00", "MARKETING", "NO_ANSWER", "auto-loan"));
    assertEquals(List.of(), ENGINE.decideJson(call("US", "MARKETING", "2026-03-10T14:00:00-04:00", history)).ruleIds());
  }

  @Test
  void tenThousandContacts_decidesFromTheIndex() {
    // 10,000 earlier contacts, none of them counted but the last 7 days' calls about debt-1.
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      if (i > 0) {
        sb.append(',');
      }
      OffsetDateTime at = OffsetDateTime.parse("2025-01-01T10:00:00-05:00").plusMinutes(30L * i);
      sb.append(contact(at.toString(), "COLLECTION", "NO_ANSWER", "debt-" + (i % 50 + 2)));
    }
    List<String> history = new ArrayList<>(List.of(sb.toString()));
    history.addAll(dailyAttempts(7, "debt-1", 3));
    Decision d = ENGINE.decideJson(call("US", "COLLECTION", "2026-03-09T15:00:00-04:00", history));
    assertEquals(List.of("US-REGF-7IN7"), d.ruleIds());
    assertEquals(OffsetDateTime.parse("2026-03-10T00:00:00-04:00"), d.nextAllowedAt());
  }
}
