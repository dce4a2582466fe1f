package dev.tollgate.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tollgate.CallRequest;
import dev.tollgate.Request;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded generator of contract JSON requests that makes every rule of the bundled packs (China, the
 * United States with Florida, the European Union) both fire and not fire: calls (marketing, collection, service; human, AI and prerecorded voices; labels
 * valid and not; histories near the caps) and data shares (every recipient role, vocabulary fields,
 * consent and notice states, cross-border, AI-generated files with good and bad implicit labels), messages
 * (SMS and app pushes: signatures, opt-out phrases, AI labels, third parties, histories on every channel), plus
 * a few requests that no pack covers or that use words outside the PIPL vocabulary.
 *
 * <p>The same seed gives the same requests. Not thread-safe; use one per thread.
 */
public final class Corpus {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  /**
   * The dates span the start of the 2025 labelling rules, of the 2026 collection guideline and of the AI Act's
   * article 50 (2026-08-02).
   */
  private static final OffsetDateTime FIRST = OffsetDateTime.of(2025, 6, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8));
  private static final int DAYS = 480;

  private static final String[] PRODUCTS = {"consumer-loan", "credit-card"};
  private static final String[] ZONES = {"Asia/Shanghai", "Asia/Urumqi"};
  private static final String[] US_ZONES = {"America/New_York", "America/Chicago", "America/Denver",
      "America/Los_Angeles"};
  private static final String[] EU_STATES = {"DE", "FR", "IT"};
  /** The eu-gdpr-direct-marketing vocabulary. */
  private static final String[] EU_FIELDS = {"name", "phone", "email", "address", "date_of_birth", "age_band", "region",
      "national_id", "income", "loan_balance", "amount_due", "due_date", "overdue_amount", "health_data",
      "biometric_data"};
  private static final String[] SPOKEN = {"本通话由人工智能合成", "本通话为AI生成语音", "人工智能客服为您服务", "您好，这里是客服中心",
      "AI合成", "ai生成"};
  private static final String[] RHYTHMS = {".- ..", ".-..", "·— ··", "短长 短短", "-- .", ". - . .", "/.-/../"};
  private static final String[] POSITIONS = {"START", "END", "MIDDLE", "EACH_TURN"};
  private static final String[] NUMBERS = {"+8613800000000", "+86 138-0000-0000", "+8617012345678", "+8616212345678",
      "+8602112345678"};
  private static final String[] SHARE_PURPOSES = {"REPAYMENT_REMINDER", "COLLECTION", "MARKETING_OUTREACH",
      "CREDIT_ASSESSMENT", "ANALYTICS"};
  private static final String[] FIELDS = {"name", "gender", "age", "mobile", "email", "address", "id_number",
      "bank_card_number", "loan_balance", "amount_due", "due_date", "overdue_amount", "overdue_days", "credit_report",
      "contacts_list", "emergency_contact", "location", "face_image", "voiceprint", "health_record", "device_id",
      "purchase_history"};
  /** A call's history: calls, now and then an SMS or an app push, which call caps must not count. */
  private static final String[] CALL_CHANNELS = {"CALL", "CALL", "CALL", "CALL", "SMS", "APP_PUSH"};
  private static final String[] MESSAGE_CHANNELS = {"CALL", "SMS", "SMS", "APP_PUSH"};
  /**
   * The sending firm's registered signature first: with no overrides that is the pack's placeholder, the one
   * signature the bundled engine takes as registered; then other firms' names and a blank one.
   */
  private static final String[] SIGNATURES = {"未设置-请在覆盖文件中填写本机构签名", "另一银行", "示例银行信用卡", " "};
  private static final String[] MESSAGE_BODIES = {"您的信用卡积分将于月底到期，可兑换礼品。", "您本月账单已出，请按时还款。",
      "您的贷款已逾期，请尽快处理。", "本消息由人工智能生成：专属利率优惠。", "AI合成语音提醒：额度已提升。", "新品理财上线，欢迎咨询。"};
  private static final String[] OPT_OUTS = {"拒收请回复R", "退订回T", "回复TD退订", "回N退出"};
  private static final String[] NOTICES = {"RECIPIENT_NAME", "RECIPIENT_CONTACT", "PURPOSE", "METHOD", "CATEGORIES",
      "NECESSITY"};

  private final SplittableRandom random;
  private long next;
  /** Whether the request being generated comes from a careful caller, who gets most things right. */
  private boolean careful;

  public Corpus(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** The next request as one line of contract JSON. */
  public String nextJson() {
    return json(nextMap());
  }

  /** The next request as a tree of maps and lists, before it is written as JSON. */
  public Map<String, Object> nextMap() {
    long n = next++;
    careful = random.nextInt(100) < 45;
    int kind = random.nextInt(100);
    return kind < 55 ? call("call-" + n) : kind < 85 ? share("share-" + n) : message("message-" + n);
  }

  /** Writes {@code count} requests, one per line, to a file. */
  public void write(Path file, int count) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < count; i++) {
        out.write(nextJson());
        out.write('\n');
      }
    }
  }

  /** {@code count} requests as JSON lines. */
  public List<String> jsonLines(int count) {
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(nextJson());
    }
    return out;
  }

  public static String json(Object tree) {
    try {
      return JSON.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A marketing call to a consenting customer that no rule denies, with a history of {@code contacts}
   * earlier contacts spread over two years, none of them in the last 30 days: the call is allowed whatever
   * the length of the history, so what grows with it is the counting. Built as records, since 10,000
   * contacts are more JSON than the request codec accepts in one document (1 MiB).
   */
  public static CallRequest marketingCallWithHistory(int contacts, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    OffsetDateTime at = OffsetDateTime.of(2026, 3, 3, 10, 30, 0, 0, ZoneOffset.ofHours(8));
    CallRequest call = (CallRequest) Request.fromJson(json(allowedMarketingCall("history-" + contacts, at)));
    List<CallRequest.Contact> history = new ArrayList<>(contacts);
    CallRequest.Outcome[] outcomes = {CallRequest.Outcome.CONVERSATION, CallRequest.Outcome.NO_ANSWER,
        CallRequest.Outcome.VOICEMAIL, CallRequest.Outcome.NOT_CONNECTED};
    for (int i = 0; i < contacts; i++) {
      history.add(new CallRequest.Contact(at.minusDays(31 + r.nextInt(700)).minusMinutes(r.nextInt(1440)),
          r.nextBoolean() ? CallRequest.Purpose.MARKETING : CallRequest.Purpose.SERVICE,
          PRODUCTS[r.nextInt(PRODUCTS.length)], null, outcomes[r.nextInt(outcomes.length)],
          r.nextInt(4) == 0 ? CallRequest.Channel.SMS : null));
    }
    return new CallRequest(call.id(), call.at(), call.jurisdiction(), call.purpose(), call.product(), call.voice(),
        call.interactive(), call.aiLabel(), call.caller(), call.callee(), call.debt(), call.script(), history);
  }

  /** A marketing call by a human voice that no rule of the bundled packs denies. */
  public static Map<String, Object> allowedMarketingCall(String id, OffsetDateTime at) {
    Map<String, Object> call = new LinkedHashMap<>();
    call.put("type", "call");
    call.put("id", id);
    call.put("at", at.toString());
    call.put("jurisdiction", "CN");
    call.put("purpose", "MARKETING");
    call.put("product", "consumer-loan");
    call.put("voice", "HUMAN");
    call.put("caller", Map.of("organization", "Example Bank", "licensed", true, "number", "+8613800000000",
        "numberType", "FIXED", "displayedNumber", "+8613800000000", "realNameRegistered", true));
    call.put("callee", Map.of("subject", "p-1", "relationship", "CUSTOMER", "dataSource", "FIRST_PARTY",
        "consent", Map.of("marketingCalls", "GRANTED")));
    call.put("script", Map.of("id", "s-1", "reviewed", true));
    return call;
  }

  /** An AI-voice marketing call to a customer who never consented: denied by several packs at once. */
  public static Map<String, Object> deniedAiMarketingCall(String id, OffsetDateTime at) {
    Map<String, Object> call = allowedMarketingCall(id, at);
    call.put("voice", "AI_SYNTHETIC");
    call.put("interactive", true);
    call.put("callee", Map.of("subject", "p-2", "relationship", "PROSPECT", "dataSource", "PURCHASED"));
    return call;
  }

  private Map<String, Object> call(String id) {
    Map<String, Object> m = new LinkedHashMap<>();
    OffsetDateTime at = at();
    m.put("type", "call");
    m.put("id", id);
    m.put("at", at.toString());
    int j = random.nextInt(100);
    String jurisdiction = j < 2 ? "BR" : j < 5 ? "CN-GD" : j < 11 ? "US" : j < 15 ? "US-FL" : j < 21 ? pick(EU_STATES)
        : "CN";
    m.put("jurisdiction", jurisdiction);
    int purpose = random.nextInt(100);
    String p = purpose < 50 ? "MARKETING" : purpose < 85 ? "COLLECTION" : "SERVICE";
    m.put("purpose", p);
    maybe(m, "product", pick(PRODUCTS), 70);
    int voice = random.nextInt(100);
    m.put("voice", voice < 40 ? "HUMAN" : voice < 80 ? "AI_SYNTHETIC" : "PRERECORDED");
    maybe(m, "interactive", random.nextBoolean(), 60);
    if (pct(70)) {
      Map<String, Object> label = new LinkedHashMap<>();
      maybe(label, "spokenText", pick(SPOKEN), 60);
      maybe(label, "rhythm", pick(RHYTHMS), 40);
      if (pct(75)) {
        label.put("positions", subset(POSITIONS, 2));
      }
      maybe(label, "charsPerMinute", new int[] {100, 120, 140, 160, 175}[random.nextInt(5)], 50);
      m.put("aiLabel", label);
    }
    Map<String, Object> caller = new LinkedHashMap<>();
    caller.put("organization", "Example Bank");
    maybe(caller, "licensed", good(85), good(90));
    String number = pick(NUMBERS);
    maybe(caller, "number", number, 85);
    maybe(caller, "numberType", pick(new String[] {"FIXED", "MOBILE", "VIRTUAL_OPERATOR", "SERVICE"}), 70);
    maybe(caller, "displayedNumber", good(80) ? number : pick(NUMBERS), 70);
    // Decided on every call since the caller-identity rules apply to all purposes: mostly registered.
    maybe(caller, "realNameRegistered", good(95), good(97));
    maybe(caller, "institutionType", pick(new String[] {"BANK", "INSURER", "OTHER"}), 60);
    maybe(caller, "displayedNumberAuthorized", random.nextBoolean(), 30);
    m.put("caller", caller);
    Map<String, Object> callee = new LinkedHashMap<>();
    callee.put("subject", "p-" + random.nextInt(100_000));
    maybe(callee, "timeZone", pct(80) ? ZONES[0] : ZONES[1], 40);
    maybe(callee, "relationship", pick(new String[] {"CUSTOMER", "FORMER_CUSTOMER", "PROSPECT", "DEBTOR",
        "THIRD_PARTY", "GUARANTOR"}), 85);
    maybe(callee, "dataSource", careful ? "FIRST_PARTY" : pick(new String[] {"FIRST_PARTY", "FIRST_PARTY",
        "PARTNER_CONSENTED", "PURCHASED", "SCRAPED", "UNKNOWN"}), good(85));
    if (good(80)) {
      Map<String, Object> consent = new LinkedHashMap<>();
      maybe(consent, "marketingCalls", good(70) ? "GRANTED" : pct(50) ? "REFUSED" : "NONE", good(90));
      maybe(consent, "aiVoice", random.nextBoolean(), 30);
      maybe(consent, "written", good(60), 40);
      maybe(consent, "callbackRequestedAt", at.minusHours(random.nextInt(24 * 12)).toString(), 10);
      maybe(consent, "recordedAt", at.minusHours(random.nextInt(24 * 60)).toString(), 50);
      callee.put("consent", consent);
    }
    if (pct(10)) {
      // Mostly before the call, now and then after it: an opt-out the call has not yet seen.
      callee.put("doNotCall", Map.of("internalOptOutAt", at.minusHours(random.nextInt(24 * 60) - 24).toString()));
    }
    if (jurisdiction.startsWith("US")) {
      // The United States has several zones: a call without the callee's is refused, which no rule then tests.
      callee.put("timeZone", pick(US_ZONES));
      if (pct(25)) {
        Map<String, Object> doNotCall = new LinkedHashMap<>();
        doNotCall.put("registryListedOn", at.toLocalDate().minusDays(random.nextInt(90)).toString());
        callee.put("doNotCall", doNotCall);
      }
      if (pct(20)) {
        Map<String, Object> relationship = new LinkedHashMap<>();
        maybe(relationship, "lastTransactionOn", at.toLocalDate().minusDays(random.nextInt(700)).toString(), 60);
        maybe(relationship, "lastInquiryOn", at.toLocalDate().minusDays(random.nextInt(150)).toString(), 60);
        callee.put("businessRelationship", relationship);
      }
    }
    m.put("callee", callee);
    if (p.equals("COLLECTION") || pct(10)) {
      Map<String, Object> debt = new LinkedHashMap<>();
      maybe(debt, "id", random.nextBoolean() ? "d-1" : "d-2", 90);
      maybe(debt, "collector", random.nextBoolean() ? "FIRST_PARTY" : "THIRD_PARTY", 60);
      maybe(debt, "lateCallConsent", pct(30), 60);
      m.put("debt", debt);
    }
    if (pct(70)) {
      Map<String, Object> script = new LinkedHashMap<>();
      maybe(script, "id", "s-" + random.nextInt(5), 70);
      maybe(script, "reviewed", good(80), good(80));
      m.put("script", script);
    }
    if (pct(75)) {
      m.put("history", p.equals("COLLECTION") && pct(15) ? unanswered(at) : history(at, CALL_CHANNELS));
    }
    return m;
  }

  /**
   * A message (SMS or app push): signatures at the start, the end, missing or in another firm's name, opt-out
   * phrases present or not, AI-written texts and voice notes labelled or not, debt words to third parties,
   * and histories on every channel.
   */
  private Map<String, Object> message(String id) {
    Map<String, Object> m = new LinkedHashMap<>();
    OffsetDateTime at = at();
    m.put("type", "message");
    m.put("id", id);
    m.put("at", at.toString());
    int j = random.nextInt(100);
    m.put("jurisdiction", j < 2 ? "BR" : j < 4 ? "US" : j < 8 ? "CN-GD" : "CN");
    m.put("channel", pct(70) ? "SMS" : "APP_PUSH");
    int purpose = random.nextInt(100);
    String p = purpose < 55 ? "MARKETING" : purpose < 85 ? "COLLECTION" : "SERVICE";
    m.put("purpose", p);
    maybe(m, "product", pick(PRODUCTS), 70);
    Map<String, Object> sender = new LinkedHashMap<>();
    sender.put("organization", "示例银行股份有限公司");
    maybe(sender, "licensed", good(85), good(90));
    maybe(sender, "institutionType", pick(new String[] {"BANK", "INSURER", "OTHER"}), 60);
    maybe(sender, "number", "10690000000" + random.nextInt(10), 60);
    maybe(sender, "signature", good(80) ? SIGNATURES[0] : pick(SIGNATURES), 40);
    m.put("sender", sender);
    String signature = "【" + (good(85) ? SIGNATURES[0] : pick(SIGNATURES)) + "】";
    String body = pick(MESSAGE_BODIES) + (good(75) ? pick(OPT_OUTS) : "");
    int place = random.nextInt(100);
    m.put("text", place < 60 ? signature + body : place < 80 ? body + signature : place < 90 ? body : "【】" + body);
    if (pct(25)) {
      m.put("aiGenerated", subset(new String[] {"TEXT", "VOICE_NOTE"}, 2));
    }
    if (pct(20)) {
      Map<String, Object> voiceNote = new LinkedHashMap<>();
      maybe(voiceNote, "labelText", pick(new String[] {"本语音由人工智能合成", "AI生成语音", "客服语音提醒"}), 60);
      maybe(voiceNote, "rhythmLabel", random.nextBoolean(), 40);
      m.put("voiceNote", voiceNote);
    }
    Map<String, Object> recipient = new LinkedHashMap<>();
    recipient.put("subject", "p-" + random.nextInt(100_000));
    maybe(recipient, "timeZone", pct(80) ? ZONES[0] : ZONES[1], 40);
    maybe(recipient, "relationship", pick(new String[] {"CUSTOMER", "FORMER_CUSTOMER", "PROSPECT", "DEBTOR",
        "THIRD_PARTY"}), 85);
    maybe(recipient, "dataSource", careful ? "FIRST_PARTY" : pick(new String[] {"FIRST_PARTY", "FIRST_PARTY",
        "PARTNER_CONSENTED", "PURCHASED", "SCRAPED", "UNKNOWN"}), good(85));
    if (good(80)) {
      Map<String, Object> consent = new LinkedHashMap<>();
      maybe(consent, "marketing", good(70) ? "GRANTED" : pct(50) ? "REFUSED" : "NONE", good(90));
      maybe(consent, "recordedAt", at.minusHours(random.nextInt(24 * 60)).toString(), 50);
      recipient.put("consent", consent);
    }
    m.put("recipient", recipient);
    if (p.equals("COLLECTION") || pct(10)) {
      Map<String, Object> debt = new LinkedHashMap<>();
      maybe(debt, "id", random.nextBoolean() ? "d-1" : "d-2", 90);
      maybe(debt, "collector", random.nextBoolean() ? "FIRST_PARTY" : "THIRD_PARTY", 60);
      maybe(debt, "lateContactConsent", pct(30), 60);
      m.put("debt", debt);
    }
    if (pct(75)) {
      m.put("history", history(at, MESSAGE_CHANNELS));
    }
    return m;
  }

  /**
   * Earlier contacts on the given channels, mostly in the last month so that the daily, weekly and monthly caps
   * are reached now and then.
   */
  private List<Object> history(OffsetDateTime at, String[] channels) {
    int size = random.nextInt(100) < 10 ? 0 : random.nextInt(12);
    List<Object> out = new ArrayList<>(size);
    String[] purposes = {"MARKETING", "MARKETING", "COLLECTION", "COLLECTION", "SERVICE"};
    String[] outcomes = {"CONVERSATION", "NO_ANSWER", "NO_ANSWER", "VOICEMAIL", "NOT_CONNECTED", "REFUSED"};
    for (int i = 0; i < size; i++) {
      Map<String, Object> c = new LinkedHashMap<>();
      int when = random.nextInt(100);
      Duration ago = when < 35 ? Duration.ofMinutes(1 + random.nextInt(24 * 60))
          : when < 70 ? Duration.ofHours(1 + random.nextInt(24 * 8))
          : when < 95 ? Duration.ofHours(1 + random.nextInt(24 * 40))
          : Duration.ofHours(-1 - random.nextInt(48));
      c.put("at", at.minus(ago).toString());
      maybe(c, "purpose", pick(purposes), 90);
      maybe(c, "product", pick(PRODUCTS), 50);
      maybe(c, "debt", random.nextBoolean() ? "d-1" : "d-2", 30);
      c.put("outcome", outcomes[random.nextInt(outcomes.length - 1) + (pct(6) ? 1 : 0)]);
      maybe(c, "channel", pick(channels), 40);
      out.add(c);
    }
    return out;
  }

  private Map<String, Object> share(String id) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "data-share");
    m.put("id", id);
    m.put("at", at().toString());
    int j = random.nextInt(100);
    boolean eu = j >= 2 && j < 10;
    m.put("jurisdiction", j < 2 ? "BR" : eu ? pick(EU_STATES) : "CN");
    m.put("purpose", pct(1) ? "PROFILING" : pick(SHARE_PURPOSES));
    Map<String, Object> recipient = new LinkedHashMap<>();
    recipient.put("id", "r-" + random.nextInt(50));
    recipient.put("role", pick(new String[] {"ENTRUSTED", "ENTRUSTED", "INDEPENDENT", "AFFILIATE", "PUBLIC"}));
    maybe(recipient, "country", pick(new String[] {"CN", "CN", "CN", "US", "SG"}), 60);
    if (pct(70)) {
      Map<String, Object> contract = new LinkedHashMap<>();
      maybe(contract, "purposeLimited", good(80), good(90));
      maybe(contract, "reuseForOwnPurposes", !good(80), 70);
      recipient.put("contract", contract);
    }
    maybe(recipient, "licensedCreditReporting", random.nextBoolean(), 30);
    m.put("recipient", recipient);
    List<Object> fields = subset(eu ? EU_FIELDS : FIELDS, 1 + random.nextInt(4));
    if (pct(5) && !fields.isEmpty()) {
      fields.add(fields.get(0));
    }
    if (pct(1)) {
      fields.add("shoe_size");
    }
    m.put("fields", fields);
    if (pct(60)) {
      Map<String, Object> subjects = new LinkedHashMap<>();
      maybe(subjects, "count", 1 + random.nextInt(10_000), 70);
      maybe(subjects, "includesMinorsUnder14", pct(15), 70);
      m.put("subjects", subjects);
    }
    maybe(m, "legalBasis", pick(new String[] {"CONSENT", "CONSENT", "CONSENT", "CONTRACT", "LEGAL_DUTY", "EMERGENCY",
        "PUBLIC_INTEREST", "PUBLIC_INFO", "OTHER_LAW"}), good(85));
    if (pct(80)) {
      Map<String, Object> consent = new LinkedHashMap<>();
      maybe(consent, "separateForSharing", good(75), good(80));
      maybe(consent, "separateForSensitive", good(60), good(70));
      if (pct(80)) {
        consent.put("noticeGiven", good(40) ? List.of(NOTICES) : subset(NOTICES, 4));
      }
      maybe(consent, "withdrawn", !good(90), 50);
      maybe(consent, "guardianForMinors", pct(50), 40);
      maybe(consent, "written", good(70), 50);
      m.put("consent", consent);
    }
    maybe(m, "deidentified", random.nextBoolean(), 30);
    maybe(m, "impactAssessment", good(80), good(85));
    if (pct(40)) {
      Map<String, Object> crossBorder = new LinkedHashMap<>();
      maybe(crossBorder, "mechanism", pick(new String[] {"SECURITY_ASSESSMENT", "CERTIFICATION", "STANDARD_CONTRACT",
          "NONE"}), 90);
      maybe(crossBorder, "ciio", pct(20), 50);
      maybe(crossBorder, "personsThisYear", pick(new Integer[] {500, 99_999, 100_000, 999_999, 1_000_000}), 50);
      maybe(crossBorder, "sensitivePersonsThisYear", pick(new Integer[] {0, 9_999, 10_000}), 40);
      maybe(crossBorder, "exemption", pick(new String[] {"CONTRACT_NECESSITY", "HR_MANAGEMENT", "EMERGENCY"}), 15);
      m.put("crossBorder", crossBorder);
    }
    if (pct(50)) {
      Map<String, Object> retention = new LinkedHashMap<>();
      maybe(retention, "days", 30 + random.nextInt(700), 70);
      maybe(retention, "expired", !good(90), 80);
      m.put("retention", retention);
    }
    if (pct(40)) {
      Map<String, Object> auto = new LinkedHashMap<>();
      maybe(auto, "personalized", random.nextBoolean(), 90);
      maybe(auto, "optOutOffered", good(60), good(80));
      m.put("automatedMarketing", auto);
    }
    if (pct(40)) {
      List<Object> content = new ArrayList<>();
      for (int i = random.nextInt(3); i >= 0; i--) {
        content.add(artifact(i));
      }
      m.put("content", content);
    }
    return m;
  }

  private Map<String, Object> artifact(int i) {
    Map<String, Object> a = new LinkedHashMap<>();
    maybe(a, "name", "file-" + i + ".wav", 80);
    maybe(a, "kind", pick(new String[] {"AUDIO", "VIDEO", "IMAGE", "TEXT"}), 80);
    maybe(a, "aiGenerated", pct(70), 85);
    maybe(a, "explicitLabel", good(70), good(80));
    int meta = random.nextInt(100);
    if (meta < 15) {
      a.put("metadata", Map.of("title", "recording"));
    } else if (meta < 70) {
      Map<String, Object> aigc = new LinkedHashMap<>();
      maybe(aigc, "Label", pick(new String[] {"1", "2", "3", "1", "4"}), 90);
      maybe(aigc, "ContentProducer", pick(new String[] {"91110000MA01", "91110000MA01", "", "示例科技"}), 85);
      maybe(aigc, "ProduceID", pick(new String[] {"p-001", "p-002", ""}), 85);
      maybe(aigc, "ContentPropagator", "prop\u0007", 5);
      if (pct(5)) {
        aigc.put("ReservedCode1", 7);
      }
      a.put("metadata", Map.of("AIGC", pct(30) ? json(aigc) : aigc));
    } else if (meta < 80) {
      a.put("metadata", Map.of("AIGC", pick(new String[] {"not json", "[1,2]", "{\"Label\":\"1\",\"Label\":\"2\"}",
          "{\"Label\":\"1\"} trailing"})));
    }
    maybe(a, "labelRemoved", !good(90), 60);
    maybe(a, "unlabeledOnRequest", random.nextBoolean(), 25);
    return a;
  }

  private OffsetDateTime at() {
    OffsetDateTime t = FIRST.plusDays(random.nextInt(DAYS)).plusMinutes(random.nextInt(24 * 60));
    // Some requests are written in UTC: effective dates and local times must still be read in China.
    return pct(15) ? t.withOffsetSameInstant(ZoneOffset.UTC) : t;
  }

  /** True with the given chance, or almost always for a careful caller. */
  private boolean good(int percent) {
    return pct(careful ? 98 : percent);
  }

  /**
   * Collection calls earlier today that nobody answered, around the CBA guideline's 6 a day and Regulation
   * F's 7 in 7 days.
   */
  private List<Object> unanswered(OffsetDateTime at) {
    List<Object> out = new ArrayList<>();
    String[] outcomes = {"NO_ANSWER", "NO_ANSWER", "VOICEMAIL", "VOICEMAIL", "NOT_CONNECTED"};
    for (int i = 4 + random.nextInt(5); i > 0; i--) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("at", at.minusMinutes(1 + random.nextInt(600)).toString());
      c.put("purpose", "COLLECTION");
      c.put("outcome", pick(outcomes));
      out.add(c);
    }
    return out;
  }

  private boolean pct(int percent) {
    return random.nextInt(100) < percent;
  }

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }

  private void maybe(Map<String, Object> m, String key, Object value, int percent) {
    maybe(m, key, value, pct(percent));
  }

  private static void maybe(Map<String, Object> m, String key, Object value, boolean present) {
    if (present) {
      m.put(key, value);
    }
  }

  /** Up to {@code max} distinct values, in a random order. */
  private List<Object> subset(String[] values, int max) {
    int size = random.nextInt(max + 1);
    List<Object> out = new ArrayList<>(size);
    while (out.size() < size) {
      String v = pick(values);
      if (!out.contains(v)) {
        out.add(v);
      }
    }
    return out;
  }
}
