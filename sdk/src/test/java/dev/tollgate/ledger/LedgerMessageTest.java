package dev.tollgate.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.CallRequest;
import dev.tollgate.CallRequest.Channel;
import dev.tollgate.ContactLedger;
import dev.tollgate.Decision;
import dev.tollgate.MessageRequest;
import dev.tollgate.PolicyEngine;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Messages recorded in the ledger by {@code decideAndRecord}, as contacts on their channel: caps per channel
 * count their channel only, the weekly cap counts every channel, and calls' caps are not consumed by
 * messages. Test packs: ledger-packs/cn-msg-cap-demo (3 SMS and 2 pushes a day, 10 marketing contacts a week,
 * no SMS after an SMS refusal) beside cn-cap-demo (5 marketing calls in 30 days).
 */
class LedgerMessageTest {
  static MessageRequest message(String id, String subject, MessageRequest.Channel channel, OffsetDateTime at,
      List<CallRequest.Contact> history) {
    return new MessageRequest(id, at, "CN", channel, CallRequest.Purpose.MARKETING, "credit-card",
        new MessageRequest.Sender("示例银行股份有限公司", true, null, null, null), "【示例银行】积分到期提醒。拒收请回复R",
        null, null, new MessageRequest.Recipient(subject, java.time.ZoneId.of("Asia/Shanghai"), null, null, null), null, history);
  }

  static MessageRequest sms(String id, String subject, OffsetDateTime at) {
    return message(id, subject, MessageRequest.Channel.SMS, at, null);
  }

  static MessageRequest push(String id, String subject, OffsetDateTime at) {
    return message(id, subject, MessageRequest.Channel.APP_PUSH, at, null);
  }

  static String denial(Decision d) {
    return d.isAllowed() ? "ALLOW" : String.join(",", d.ruleIds());
  }

  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void decideAndRecord_messages_countPerChannelAndAcrossChannels(Stores.Kind kind) throws Exception {
    OffsetDateTime day1 = LedgerDecisionTest.DAY1;
    try (Stores.Store store = Stores.open(kind); PolicyEngine engine = LedgerDecisionTest.engine(store.ledger())) {
      for (int i = 0; i < 3; i++) {
        assertEquals("ALLOW", denial(engine.decideAndRecord(sms("sms-" + i, "p", day1.plusMinutes(i)))), "sms " + i);
      }
      Decision fourth = engine.decideAndRecord(sms("sms-3", "p", day1.plusMinutes(3)));
      assertEquals("CN-DEMO-SMS-DAILY", denial(fourth), "the cap's last allowed SMS was the third");
      assertEquals(OffsetDateTime.parse("2026-03-02T00:00:00+08:00"), fourth.nextAllowedAt());
      // Another channel: the SMS cap does not count it, and the SMS do not count for its cap.
      assertEquals("ALLOW", denial(engine.decideAndRecord(push("push-0", "p", day1.plusMinutes(4)))));
      assertEquals("ALLOW", denial(engine.decideAndRecord(push("push-1", "p", day1.plusMinutes(5)))));
      assertEquals("CN-DEMO-PUSH-DAILY", denial(engine.decideAndRecord(push("push-2", "p", day1.plusMinutes(6)))));
      // The call cap names channel CALL: five messages on the ledger leave all five calls.
      for (int i = 0; i < 5; i++) {
        assertEquals("ALLOW", denial(engine.decideAndRecord(LedgerDecisionTest.call("call-" + i, "p", "MARKETING",
            day1.plusMinutes(10 + i)))), "call " + i);
      }
      assertEquals("CN-DEMO-MONTHLY-CAP", denial(engine.decideAndRecord(LedgerDecisionTest.call("call-5", "p",
          "MARKETING", day1.plusMinutes(20)))));
      Map<Channel, Long> recorded = engine.ledger().entries("p", null).stream()
          .collect(Collectors.groupingBy(ContactLedger.Entry::channel, TreeMap::new, Collectors.counting()));
      assertEquals(Map.of(Channel.SMS, 3L, Channel.APP_PUSH, 2L, Channel.CALL, 5L), recorded);
      // The next day the daily caps are open again, but ten marketing contacts on every channel fill the week.
      assertEquals("CN-DEMO-MARKETING-WEEKLY", denial(engine.decideAndRecord(sms("sms-4", "p", day1.plusDays(1)))));
      // A message the network did not deliver does not count.
      assertTrue(engine.ledger().recordOutcome("sms-0", CallRequest.Outcome.NOT_CONNECTED));
      assertEquals("ALLOW", denial(engine.decideAndRecord(sms("sms-4", "p", day1.plusDays(1)))));
    }
  }

  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void decideAndRecord_refusalBySms_blocksSmsButNotPushes(Stores.Kind kind) throws Exception {
    OffsetDateTime day1 = LedgerDecisionTest.DAY1;
    try (Stores.Store store = Stores.open(kind); PolicyEngine engine = LedgerDecisionTest.engine(store.ledger())) {
      assertEquals("ALLOW", denial(engine.decideAndRecord(sms("r-sms-0", "q", day1))));
      assertTrue(engine.ledger().recordOutcome("r-sms-0", CallRequest.Outcome.REFUSED));
      assertEquals("CN-DEMO-SMS-REFUSED", denial(engine.decideAndRecord(sms("r-sms-1", "q", day1.plusDays(2)))));
      assertEquals("ALLOW", denial(engine.decideAndRecord(push("r-push-0", "q", day1.plusDays(2)))));
      // Nor does the call pack's refusal rule, which counts refusals of calls, see the SMS refusal.
      assertEquals("ALLOW", denial(engine.decideAndRecord(LedgerDecisionTest.call("r-call-0", "q", "MARKETING",
          day1.plusDays(2)))));
      // The same message decided without recording reads the same ledger.
      assertEquals("CN-DEMO-SMS-REFUSED", denial(engine.decide(sms("r-sms-2", "q", day1.plusDays(3)))));
    }
  }

  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void decideAndRecord_messageWithItsOwnHistory_isRejectedAndRecordsNothing(Stores.Kind kind) throws Exception {
    try (Stores.Store store = Stores.open(kind); PolicyEngine engine = LedgerDecisionTest.engine(store.ledger())) {
      Decision d = engine.decideAndRecord(message("h-0", "h", MessageRequest.Channel.SMS, LedgerDecisionTest.DAY1,
          List.of()));
      assertEquals("TOLLGATE-INVALID-REQUEST", denial(d));
      assertTrue(d.findings().get(0).message().en().contains("history: must be absent"), d.toString());
      assertEquals(List.of(), engine.ledger().entries("h", null));
    }
  }

  /** Two threads on two engines sharing one store send SMS to one person at the daily cap: none overshoots. */
  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void decideAndRecord_twoThreadsAtThePerChannelCap_passExactlyTheCap(Stores.Kind kind) throws Exception {
    int attempts = 60;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (Stores.Store store = Stores.open(kind);
        PolicyEngine node1 = LedgerDecisionTest.engine(store.ledger());
        PolicyEngine node2 = LedgerDecisionTest.engine(store.ledger())) {
      for (int round = 0; round < 3; round++) {
        String subject = "c-" + round;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Map<String, Integer>>> results = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          PolicyEngine engine = t == 0 ? node1 : node2;
          String thread = subject + "-t" + t;
          results.add(pool.submit(() -> {
            start.await();
            Map<String, Integer> answers = new TreeMap<>();
            for (int i = 0; i < attempts; i++) {
              answers.merge(denial(engine.decideAndRecord(sms(thread + "-" + i, subject,
                  LedgerDecisionTest.DAY1.plusSeconds(i)))), 1, Integer::sum);
            }
            return answers;
          }));
        }
        start.countDown();
        Map<String, Integer> total = new TreeMap<>();
        for (Future<Map<String, Integer>> f : results) {
          f.get().forEach((k, v) -> total.merge(k, v, Integer::sum));
        }
        assertEquals(Map.of("ALLOW", 3, "CN-DEMO-SMS-DAILY", 2 * attempts - 3), total, kind + " round " + round);
        assertEquals(3, node1.ledger().entries(subject, null).size(), kind + " round " + round + ": recorded");
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
