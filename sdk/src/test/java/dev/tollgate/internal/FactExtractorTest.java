package dev.tollgate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.DataShareRequest;
import dev.tollgate.Request;
import dev.tollgate.internal.codec.RequestCodec;
import dev.tollgate.rules.Field;
import dev.tollgate.rules.RequestType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FactExtractorTest {
  @ParameterizedTest
  @ValueSource(strings = {".- ..", "·— ··", "•– ••", "∙− ∙∙", "⋅‐ ⋅⋅", "・‑ ・・", "．－ ．．", ".― ..", "._ ..",
      "  .-   ..  ", ".-/..", ".-\u3000.."})
  void normalizeRhythm_dotsDashesAndGaps_readAsTheCanonicalAiRhythm(String rhythm) {
    assertEquals(".- ..", FactExtractor.normalizeRhythm(rhythm));
  }

  @Test
  void normalizeRhythm_lookalikeThatIsNoDash_isKept() {
    // The katakana long vowel mark looks like a dash but is not one.
    assertEquals(".ー ..", FactExtractor.normalizeRhythm("・ー ・・"));
  }

  @Test
  void normalizeRhythm_withoutLetterGap_keepsFourTonesTogether() {
    assertEquals(".-..", FactExtractor.normalizeRhythm(".-.."));
    assertEquals(".-..", FactExtractor.normalizeRhythm("短长短短"));
    assertEquals(".-..", FactExtractor.normalizeRhythm("短長短短"));
  }

  @Test
  void normalizeRhythm_gapBetweenEveryTone_isKeptSoItDiffers() {
    assertEquals(". - . .", FactExtractor.normalizeRhythm(".\t-\u3000. ."));
  }

  @Test
  void normalizeRhythm_otherCharacters_areKept() {
    assertEquals("AI", FactExtractor.normalizeRhythm("AI"));
    assertEquals(".-..。", FactExtractor.normalizeRhythm("短长短短。"));
  }

  @Test
  void normalizeRhythm_emptyOrNull_staysEmptyOrNull() {
    assertEquals("", FactExtractor.normalizeRhythm("   "));
    assertNull(FactExtractor.normalizeRhythm(null));
  }

  @Test
  void item_contentFields_readTheFileAndItsAigcMetadata() {
    DataShareRequest.Artifact a = new DataShareRequest.Artifact("a.wav", DataShareRequest.ArtifactKind.AUDIO, true, false,
        Map.of("AIGC", "{\"Label\":\"1\",\"ContentProducer\":\"P1\",\"ProduceID\":\"X1\"}"), null);
    IntFunction<Object> v = FactExtractor.itemReader(a);
    assertEquals("a.wav", v.apply(Field.CONTENT_NAME.ordinal()));
    assertEquals("AUDIO", v.apply(Field.CONTENT_KIND.ordinal()));
    assertEquals(true, v.apply(Field.CONTENT_AI_GENERATED.ordinal()));
    assertEquals(false, v.apply(Field.CONTENT_EXPLICIT_LABEL.ordinal()));
    assertNull(v.apply(Field.CONTENT_LABEL_REMOVED.ordinal()));
    assertEquals("PRESENT", v.apply(Field.CONTENT_AIGC_STATUS.ordinal()));
    assertEquals("1", v.apply(Field.CONTENT_AIGC_LABEL.ordinal()));
    assertEquals("P1", v.apply(Field.CONTENT_AIGC_CONTENT_PRODUCER.ordinal()));
    assertEquals("X1", v.apply(Field.CONTENT_AIGC_PRODUCE_ID.ordinal()));
    assertNull(v.apply(Field.CONTENT_AIGC_CONTENT_PROPAGATOR.ordinal()));
    assertEquals(true, v.apply(Field.CONTENT_AIGC_PRINTABLE_ASCII.ordinal()));
    assertNull(v.apply(Field.CONTENT_AIGC_RESERVED_CODE1.ordinal()));
  }

  @Test
  void item_everyFieldOfAContentItem_canBeRead() {
    DataShareRequest.Artifact a = new DataShareRequest.Artifact("a", null, null, null, null, null);
    List<Field> itemFields = java.util.Arrays.stream(Field.values()).filter(f -> f.itemOf() == Field.CONTENT).toList();
    IntFunction<Object> reader = FactExtractor.itemReader(a);
    // Throws for a field added without a way to read it.
    itemFields.forEach(f -> reader.apply(f.ordinal()));
    assertEquals("a", reader.apply(Field.CONTENT_NAME.ordinal()));
    assertEquals("ABSENT", reader.apply(Field.CONTENT_AIGC_STATUS.ordinal()));
  }

  @Test
  void item_requestField_isRejected() {
    DataShareRequest.Artifact a = new DataShareRequest.Artifact("a", null, null, null, null, null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FactExtractor.itemReader(a).apply(Field.FIELDS.ordinal()));
    assertEquals("fields is not a field of a content item", e.getMessage());
  }

  /** A marketing call at 2025-03-03 10:00 Beijing time with the given consent time and opt-out time (null: none). */
  private static Request optOut(String recordedAt, String optOutAt) {
    return RequestCodec.readRequest("""
        {"type": "call", "id": "c", "at": "2025-03-03T10:00:00+08:00", "jurisdiction": "CN", "purpose": "MARKETING",
         "voice": "HUMAN", "caller": {"organization": "B"}, "callee": {"subject": "p",
         "consent": {"marketingCalls": "GRANTED"%s}%s}}
        """.formatted(recordedAt == null ? "" : ", \"recordedAt\": \"" + recordedAt + "\"",
        optOutAt == null ? "" : ", \"doNotCall\": {\"internalOptOutAt\": \"" + optOutAt + "\"}"));
  }

  @Test
  void extract_optOutInForce_comparesTheOptOutWithTheConsentAndTheCall() {
    Field f = Field.DNC_OPT_OUT_IN_FORCE;
    assertNull(FactExtractor.extract(f, optOut("2025-01-01T09:00:00+08:00", null)), "no opt-out");
    assertEquals(true, FactExtractor.extract(f, optOut("2025-01-01T09:00:00+08:00", "2025-02-01T09:00:00+08:00")));
    assertEquals(false, FactExtractor.extract(f, optOut("2025-02-01T09:00:01+08:00", "2025-02-01T09:00:00+08:00")),
        "a consent a second after the opt-out ends it");
    assertEquals(true, FactExtractor.extract(f, optOut("2025-02-01T01:00:00Z", "2025-02-01T09:00:00+08:00")),
        "the same instant in other offsets: the opt-out stands");
    assertEquals(true, FactExtractor.extract(f, optOut(null, "2025-02-01T09:00:00+08:00")), "consent time unknown");
    assertEquals(true, FactExtractor.extract(f, optOut(null, "2025-03-03T10:00:00+08:00")), "an opt-out at the call");
    assertNull(FactExtractor.extract(f, optOut(null, "2025-03-03T10:00:00.001+08:00")), "an opt-out after the call");
  }

  private static Request usCall(String at, String callee) {
    return RequestCodec.readRequest("""
        {"type": "call", "id": "c", "at": "%s", "jurisdiction": "US", "purpose": "MARKETING", "voice": "HUMAN",
         "caller": {"organization": "B"}, "callee": {"subject": "p", "timeZone": "America/Los_Angeles", %s}}
        """.formatted(at, callee));
  }

  @Test
  void extract_registryAndConsentDay_countTheCalleesDatesFromDayOne() {
    String listed = "\"doNotCall\": {\"registryListedOn\": \"2026-02-01\"}";
    assertEquals(new BigDecimal(31), FactExtractor.extract(Field.DNC_REGISTRY_DAY, usCall("2026-03-03T12:00:00-08:00", listed)));
    assertEquals(new BigDecimal(31), FactExtractor.extract(Field.DNC_REGISTRY_DAY, usCall("2026-03-04T02:00:00-05:00", listed)),
        "02:00 in New York is still 3 March in Los Angeles");
    assertEquals(new BigDecimal(1), FactExtractor.extract(Field.DNC_REGISTRY_DAY, usCall("2026-02-01T08:00:00-08:00", listed)));
    assertNull(FactExtractor.extract(Field.DNC_REGISTRY_DAY, usCall("2026-03-03T12:00:00-08:00", "\"relationship\": \"CUSTOMER\"")));
    String asked = "\"consent\": {\"callbackRequestedAt\": \"2026-03-01T07:00:00Z\"}";
    assertEquals(new BigDecimal(3), FactExtractor.extract(Field.CONSENT_CALLBACK_REQUESTED_DAY,
        usCall("2026-03-02T12:00:00-08:00", asked)), "07:00Z on 1 March is 28 February in Los Angeles, day 1");
  }

  @Test
  void extract_monthsSince_countsAMonthBegunAsAWholeOne() {
    Field f = Field.EBR_MONTHS_SINCE_TRANSACTION;
    String ebr = "\"businessRelationship\": {\"lastTransactionOn\": \"%s\"}";
    assertEquals(new BigDecimal(18), FactExtractor.extract(f, usCall("2026-07-15T12:00:00-07:00", ebr.formatted("2025-01-15"))));
    assertEquals(new BigDecimal(19), FactExtractor.extract(f, usCall("2026-07-16T12:00:00-07:00", ebr.formatted("2025-01-15"))));
    assertEquals(new BigDecimal(0), FactExtractor.extract(f, usCall("2026-07-16T12:00:00-07:00", ebr.formatted("2026-07-16"))));
    assertEquals(new BigDecimal(18), FactExtractor.extract(f, usCall("2026-02-28T12:00:00-08:00", ebr.formatted("2024-08-31"))),
        "the last day of a short month completes the month");
    assertEquals(new BigDecimal(19), FactExtractor.extract(f, usCall("2026-03-01T12:00:00-08:00", ebr.formatted("2024-08-31"))));
    assertNull(FactExtractor.extract(Field.EBR_MONTHS_SINCE_INQUIRY, usCall("2026-03-01T12:00:00-08:00", ebr.formatted("2024-08-31"))));
  }

  @Test
  void extract_itemFieldOfTheRequest_isRejected() {
    Request share = RequestCodec.readRequest("""
        {"type": "data-share", "id": "s", "at": "2025-09-02T10:00:00+08:00", "jurisdiction": "CN",
         "purpose": "X", "recipient": {"id": "r", "role": "ENTRUSTED"}, "fields": []}
        """);
    assertThrows(IllegalArgumentException.class, () -> FactExtractor.extract(Field.CONTENT_AI_GENERATED, share));
    assertNull(FactExtractor.extract(Field.CONTENT, share));
  }

  @Test
  void sameDigits_isEqualityWithoutSeparators() {
    assertEquals(true, FactExtractor.sameDigits("+86 (10) 8888-0000", "+8610.88880000"));
    assertEquals(true, FactExtractor.sameDigits("", " - "));
    assertEquals(false, FactExtractor.sameDigits("95588", "955880"));
    assertEquals(false, FactExtractor.sameDigits("0955880", "95588"));
    String alphabet = "0123 -().+\t\u3000";
    Random random = new Random(3_15);
    int same = 0;
    for (int n = 0; n < 50_000; n++) {
      String a = random(random, alphabet);
      String b = random.nextBoolean() ? random(random, alphabet) : a.replace(" ", "").replace("-", "(") + " ";
      boolean expected = a.replaceAll("[\\s\\-().]", "").equals(b.replaceAll("[\\s\\-().]", ""));
      assertEquals(expected, FactExtractor.sameDigits(a, b), a + " / " + b);
      same += expected ? 1 : 0;
    }
    assertEquals(true, same > 5_000 && same < 45_000, "both answers occur: " + same);
  }

  private static String random(Random random, String alphabet) {
    StringBuilder sb = new StringBuilder();
    for (int i = random.nextInt(6); i > 0; i--) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  @Test
  void readers_everyFieldOfTheLanguage_isReadFromEachRequestTypeThatCarriesIt_andNoOtherField() {
    List<String> problems = new ArrayList<>();
    for (Field field : Field.values()) {
      Field list = field.itemOf();
      if (list != null) {
        FieldReaders<?> items = list == Field.CONTENT ? DataShareFields.CONTENT_READERS
            : list == Field.FIELDS ? DataShareFields.FIELD_NAME_READERS : null;
        if (items == null || items.reader(field) == null) {
          problems.add(field + ": no reader for an item of " + list.path());
        }
        continue;
      }
      for (RequestType type : field.requestTypes()) {
        if (RequestRecords.COMMON.reader(field) == null && RequestRecords.BY_TYPE.get(type).reader(field) == null) {
          problems.add(field + ": no reader for " + type.wireName() + " requests");
        }
      }
    }
    RequestRecords.BY_TYPE.forEach((type, table) -> {
      for (Field field : Field.values()) {
        if (table.reader(field) != null && (!field.requestTypes().contains(type) || field.itemOf() != null)) {
          problems.add(field + ": read from " + type.wireName() + " requests, which do not carry it");
        }
      }
    });
    assertEquals(List.of(), problems);
    assertEquals(EnumSet.allOf(RequestType.class), EnumSet.copyOf(RequestRecords.BY_TYPE.keySet()));
  }

  @Test
  void extract_fieldOfTheOtherRequestType_isAbsent() {
    Request share = RequestCodec.readRequest("""
        {"type": "data-share", "id": "s", "at": "2025-09-02T10:00:00+08:00", "jurisdiction": "CN",
         "purpose": "ANALYTICS", "recipient": {"id": "r", "role": "ENTRUSTED"}, "fields": []}
        """);
    assertNull(FactExtractor.extract(Field.CALL_PURPOSE, share));
    assertEquals("ANALYTICS", FactExtractor.extract(Field.SHARE_PURPOSE, share));
    assertEquals("CN", FactExtractor.extract(Field.JURISDICTION, share));
  }
}
