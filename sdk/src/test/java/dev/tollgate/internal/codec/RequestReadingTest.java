package dev.tollgate.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.CallRequest;
import dev.tollgate.DataShareRequest;
import dev.tollgate.InvalidRequestException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RequestCodec.readRequest: valid requests bound to the values they hold, the rest refused naming the path. */
class RequestReadingTest {
  private static final String CALL = "{\"type\":\"call\",\"id\":\"c-1\",\"at\":\"2025-09-02T21:30:00+08:00\","
      + "\"jurisdiction\":\"CN\",\"purpose\":\"MARKETING\",\"voice\":\"HUMAN\",\"caller\":{\"organization\":\"Bank\"},"
      + "\"callee\":{\"subject\":\"p-1\"%s}%s}";
  private static final String SHARE = "{\"type\":\"data-share\",\"id\":\"s-1\",\"at\":\"2025-09-02T21:30:00Z\","
      + "\"jurisdiction\":\"CN\",\"purpose\":\"COLLECTION\",\"recipient\":{\"id\":\"r\",\"role\":\"ENTRUSTED\"},"
      + "\"fields\":[\"name\"]%s}";

  @Test
  void read_validCall_bindsEscapesZonesFractionsAndOffsets() {
    CallRequest c = (CallRequest) RequestCodec.readRequest("{\"type\":\"call\",\"id\":\"c-1\","
        + "\"at\":\"2025-09-02T21:30+08:00\",\"jurisdiction\":\"CN\",\"purpose\":\"SERVICE\",\"voice\":\"AI_SYNTHETIC\","
        + "\"caller\":{\"organization\":\"B\\u0061nk \\\"x\\\"\"},\"callee\":{\"subject\":\"p\","
        + "\"timeZone\":\" Asia/Shanghai\"},\"aiLabel\":{\"positions\":[],\"charsPerMinute\":120},"
        + "\"history\":[{\"at\":\"2025-09-01T21:30:00.5Z\",\"outcome\":\"NO_ANSWER\"},"
        + "{\"at\":\"2025-09-01T21:30:00.000-03:30\",\"outcome\":\"REFUSED\",\"channel\":\"SMS\"}]}");
    assertEquals(OffsetDateTime.parse("2025-09-02T21:30+08:00"), c.at());
    assertEquals("Bank \"x\"", c.caller().organization());
    assertEquals(ZoneId.of("Asia/Shanghai"), c.callee().timeZone());
    assertEquals(List.of(), c.aiLabel().positions());
    assertEquals(new BigDecimal("120"), c.aiLabel().charsPerMinute());
    assertEquals(List.of(
        new CallRequest.Contact(OffsetDateTime.parse("2025-09-01T21:30:00.5Z"), null, null, null,
            CallRequest.Outcome.NO_ANSWER, null),
        new CallRequest.Contact(OffsetDateTime.parse("2025-09-01T21:30-03:30"), null, null, null,
            CallRequest.Outcome.REFUSED, CallRequest.Channel.SMS)), c.history());
  }

  @Test
  void read_validShare_bindsLongCountsEmptyObjectsAndNestedMetadata() {
    DataShareRequest s = (DataShareRequest) RequestCodec.readRequest(" { \"type\" : \"data-share\" , \"id\":\"s\","
        + "\"at\":\"2025-09-02T21:30:00Z\",\"jurisdiction\":\"CN-GD\",\"purpose\":\"X\",\"recipient\":{\"id\":\"r\","
        + "\"role\":\"PUBLIC\",\"contract\":{}},\"fields\":[],\"subjects\":{\"count\":9223372036854775807},"
        + "\"content\":[{\"metadata\":{\"AIGC\":{\"Label\":\"1\",\"n\":[1,-2,true,{\"a\":[]}],\"e\":{}}}}]}\n");
    assertEquals("CN-GD", s.jurisdiction());
    assertEquals(new DataShareRequest.Contract(null, null), s.recipient().contract());
    assertEquals(List.of(), s.fields());
    assertEquals(Long.MAX_VALUE, s.subjects().count());
    assertEquals(Map.of("AIGC", Map.of("Label", "1", "n", List.of(1, -2, true, Map.of("a", List.of())), "e", Map.of())),
        s.content().get(0).metadata());
  }

  @Test
  void read_fieldsAddedForTheLegalReview_bind() {
    String call = String.format(CALL, ",\"relationship\":\"GUARANTOR\"", "").replace("{\"organization\":\"Bank\"}",
        "{\"organization\":\"Bank\",\"institutionType\":\"INSURER\",\"displayedNumberAuthorized\":true}");
    CallRequest c = (CallRequest) RequestCodec.readRequest(call);
    assertNotNull(c, call);
    assertEquals(CallRequest.InstitutionType.INSURER, c.caller().institutionType());
    assertEquals(true, c.caller().displayedNumberAuthorized());
    assertEquals(CallRequest.Relationship.GUARANTOR, c.callee().relationship());
    String share = String.format(SHARE, ",\"consent\":{\"written\":true},\"crossBorder\":{\"mechanism\":\"NONE\","
        + "\"ciio\":false,\"personsThisYear\":99999,\"sensitivePersonsThisYear\":10000,\"exemption\":\"HR_MANAGEMENT\"},"
        + "\"content\":[{\"aiGenerated\":true,\"unlabeledOnRequest\":true}]")
        .replace("\"role\":\"ENTRUSTED\"}", "\"role\":\"ENTRUSTED\",\"licensedCreditReporting\":false}");
    DataShareRequest s = (DataShareRequest) RequestCodec.readRequest(share);
    assertNotNull(s, share);
    assertEquals(new DataShareRequest.CrossBorder(DataShareRequest.Mechanism.NONE, false,
        99_999L, 10_000L, DataShareRequest.Exemption.HR_MANAGEMENT), s.crossBorder());
    assertEquals(true, s.consent().written());
    assertEquals(false, s.recipient().licensedCreditReporting());
    assertEquals(true, s.content().get(0).unlabeledOnRequest());
  }

  @Test
  void read_badValueOfAFieldAddedForTheLegalReview_isRefusedNamingItsPath() {
    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> RequestCodec.readRequest(
        String.format(CALL, "", "").replace("{\"organization\":\"Bank\"}",
            "{\"organization\":\"Bank\",\"institutionType\":\"BANKING\"}")));
    assertEquals("$.caller.institutionType: 'BANKING' is not one of BANK, INSURER, OTHER", e.getMessage());
    e = assertThrows(InvalidRequestException.class, () -> RequestCodec.readRequest(
        String.format(SHARE, ",\"crossBorder\":{\"personsThisYear\":\"many\"}")));
    assertTrue(e.getMessage().startsWith("$.crossBorder.personsThisYear: "), e.getMessage());
    e = assertThrows(InvalidRequestException.class, () -> RequestCodec.readRequest(
        String.format(SHARE, ",\"crossBorder\":{\"exemption\":\"TOURISM\"}")));
    assertEquals("$.crossBorder.exemption: 'TOURISM' is not one of CONTRACT_NECESSITY, HR_MANAGEMENT, EMERGENCY",
        e.getMessage());
  }

  /** CALL|callee fields|request fields, SHARE|request fields, or the JSON itself. */
  private static String json(String given) {
    String[] parts = given.split("\\|", -1);
    return switch (parts[0]) {
      case "CALL" -> String.format(CALL, parts[1], parts[2]);
      case "SHARE" -> String.format(SHARE, parts[1]);
      default -> given;
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"id\":\"s-1\",\"type\":\"data-share\",\"at\":\"2025-09-02T21:30:00Z\",\"jurisdiction\":\"CN\","
          + "\"purpose\":\"P\",\"recipient\":{\"id\":\"r\",\"role\":\"ENTRUSTED\"},\"fields\":[]}",
      "CALL|,\"doNotCall\":{\"registryListedOn\":\"2025-01-01\"}|",
      "CALL||,\"aiLabel\":{\"charsPerMinute\":120.5}",
      "CALL||,\"product\":null",
      "CALL||,\"history\":[{\"at\":\"2025-09-01T21:30:00+08:00:00\",\"outcome\":\"NO_ANSWER\"}]",
      "SHARE|,\"content\":[{\"metadata\":{\"a\":1.5}}]",
      "SHARE|,\"content\":[{\"metadata\":{\"a\":null}}]",
      "SHARE|,\"content\":[{\"metadata\":{\"a\":4294967296}}]"})
  void read_validButUnusual_isRead(String given) throws Exception {
    String json = json(given);
    assertNotNull(RequestCodec.readRequest(json), json);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "CALL||,\"id\":\"again\"",
      "SHARE|,\"content\":[{\"metadata\":{\"a\":\"1\",\"a\":\"2\"}}]",
      "CALL|,\"shoe\":1|",
      "CALL||,\"interactive\":\"true\"",
      "CALL||,\"purpose\":\"marketing\"",
      "CALL||,\"purpose\":\"\"",
      "CALL||,\"purpose\":1",
      "CALL||,\"history\":[{\"at\":\"2025-09-01T21:30:00Z\"}]",
      "CALL||,\"history\":{}",
      "CALL||,\"history\":[null]",
      "CALL||,\"at\":\"2025-02-30T21:30:00Z\"",
      "CALL|,\"timeZone\":\"Mars/Olympus\"|",
      "CALL|,\"timeZone\":\"\"|",
      "SHARE|,\"fields\":[\"again\"]",
      "SHARE|,\"fields\":[1]",
      "SHARE|,\"subjects\":{\"count\":\"5\"}",
      "SHARE|,\"subjects\":{\"count\":1.0}",
      "SHARE|,\"subjects\":{\"count\":9223372036854775808}",
      "SHARE|} {",
      "SHARE|}}",
      "SHARE|,\"type\":\"call\"",
      "{\"type\":\"call\"}",
      "{\"type\":\"text\",\"id\":\"x\"}",
      "{\"type\":1}",
      "[]", "null", "", "  ", "{", "\"call\"", "{\"type\":\"call\",\"id\":\"c\""})
  void read_invalid_isRefused(String given) {
    String json = json(given);
    assertThrows(InvalidRequestException.class, () -> RequestCodec.readRequest(json), json);
  }

  @Test
  void read_hostileInput_isRefused() {
    String deep = "[".repeat(60) + "]".repeat(60);
    String tooDeep = String.format(SHARE, ",\"content\":[{\"metadata\":{\"a\":" + deep + "}}]");
    String longText = String.format(SHARE, ",\"purpose\":\"" + "x".repeat(70_000) + "\"").replace(
        "\"purpose\":\"COLLECTION\",", "");
    String big = String.format(SHARE, ",\"content\":[" + "{\"name\":\"0123456789\"},".repeat(110_000) + "{}]");
    for (String json : new String[] {tooDeep, longText, big}) {
      assertThrows(InvalidRequestException.class, () -> RequestCodec.readRequest(json));
    }
  }
}
