package dev.tollgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages are decided like calls: windows per channel from the ledger, local time, the text's signature. */
class MessageRequestTest {
  private static final String PACK = """
      id: demo-messages
      version: 1.0.0
      title: {zh: 短信, en: Messages}
      jurisdiction: CN
      appliesTo: [message]
      effective: {from: 2020-01-01}
      owner: test@tollgate.dev
      rules:
        - id: CN-INST-DEMO-SMS-DAY
          title: {zh: 每日一条, en: One SMS a day}
          citation: {instrument: 机构政策, article: 测试}
          effect: DENY
          confidence: high
          when:
            all:
              - {field: channel, eq: SMS}
              - window:
                  count: {channel: SMS}
                  within: {days: 1, calendar: local}
                  atLeast: 1
          message: {zh: 今日已发送, en: One SMS today already}
        - id: CN-INST-DEMO-SIGNATURE
          title: {zh: 签名, en: Signature}
          citation: {instrument: 机构政策, article: 测试}
          effect: DENY
          confidence: high
          when: {field: signatureInText, notIn: [示例银行]}
          message: {zh: 签名不符, en: Not our signature}
      """;

  private static MessageRequest sms(String text) {
    return new MessageRequest("m-1", OffsetDateTime.parse("2026-03-03T10:00:00+08:00"), "CN", MessageRequest.Channel.SMS,
        CallRequest.Purpose.MARKETING, null, new MessageRequest.Sender("示例银行股份有限公司", true, null, null, null), text,
        null, null, new MessageRequest.Recipient("person-1", null, null, null, null), null, null);
  }

  private static CallRequest.Contact earlier(CallRequest.Channel channel) {
    return new CallRequest.Contact(OffsetDateTime.parse("2026-03-03T09:00:00+08:00"), CallRequest.Purpose.MARKETING, null,
        null, CallRequest.Outcome.CONVERSATION, channel);
  }

  @Test
  void decide_anSmsTheLedgerHoldsToday_deniesUntilTheRecipientsNextMidnight(@TempDir Path dir) throws IOException {
    ContactLedger ledger = ContactLedger.inMemory();
    ledger.record("person-1", "m-0", earlier(CallRequest.Channel.SMS));
    try (PolicyEngine engine = engine(dir, ledger)) {
      Decision d = engine.decide(sms("【示例银行】积分到期提醒"));
      assertEquals(List.of("CN-INST-DEMO-SMS-DAY"), d.findings().stream().map(Finding::rule).toList());
      assertEquals(OffsetDateTime.parse("2026-03-04T00:00:00+08:00"), d.nextAllowedAt());
    }
  }

  @Test
  void decide_aCallTheLedgerHoldsToday_doesNotCountForTheSmsCap(@TempDir Path dir) throws IOException {
    ContactLedger ledger = ContactLedger.inMemory();
    ledger.record("person-1", "c-0", earlier(CallRequest.Channel.CALL));
    ledger.record("person-1", "p-0", earlier(CallRequest.Channel.APP_PUSH));
    try (PolicyEngine engine = engine(dir, ledger)) {
      assertEquals(Decision.Verdict.ALLOW, engine.decide(sms("【示例银行】积分到期提醒")).verdict());
    }
  }

  @Test
  void decide_signatureAtTheEndOrInAnotherName_isReadFromTheText(@TempDir Path dir) throws IOException {
    try (PolicyEngine engine = engine(dir, ContactLedger.inMemory())) {
      assertEquals(Decision.Verdict.ALLOW, engine.decide(sms("积分到期提醒【示例银行】")).verdict());
      Decision other = engine.decide(sms("【另一银行】积分到期提醒"));
      assertEquals(List.of("CN-INST-DEMO-SIGNATURE"), other.findings().stream().map(Finding::rule).toList());
      assertNull(other.nextAllowedAt());
    }
  }

  @Test
  void fromJson_message_roundTripsToAnEqualRecord() {
    MessageRequest m = sms("【示例银行】积分到期提醒");
    assertEquals(m, Request.fromJson(m.toJson()));
  }

  private static PolicyEngine engine(Path dir, ContactLedger ledger) throws IOException {
    Path version = Files.createDirectories(dir.resolve("demo-messages/1.0.0"));
    Files.writeString(version.resolve("pack.yaml"), PACK);
    return PolicyEngine.builder().packs(dir).ledger(ledger).build();
  }
}
