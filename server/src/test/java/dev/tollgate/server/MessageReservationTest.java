package dev.tollgate.server;

import static dev.tollgate.server.Client.json;
import static dev.tollgate.server.Client.rules;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POST /v1/reservations takes messages: the bundled message packs, with the example's registered signature,
 * decide an SMS on the server's ledger and record it on its channel, so the daily SMS cap and an SMS
 * refusal hold.
 */
class MessageReservationTest {
  @TempDir
  Path data;

  /** The example SMS without its own history (the ledger supplies it), to {@code subject} at {@code at}. */
  private static String sms(String id, String subject, String at) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode m = (ObjectNode) mapper.readTree(Client.example("marketing-sms-consented.json", id));
    m.remove("history");
    m.put("at", at);
    ((ObjectNode) m.get("recipient")).put("subject", subject);
    return mapper.writeValueAsString(m);
  }

  @Test
  void reservations_sms_isRecordedOnItsChannel_andTheSmsCapAndRefusalHold() throws Exception {
    try (DecisionServer server = DecisionServer.builder().port(0).dataDir(data)
        .overrides(Path.of("../examples/overrides/sms-signatures.yaml")).start()) {
      Client client = new Client(server.uri(), null);
      String subject = "sms-reservation-1";
      JsonNode first = json(client.postJson("/v1/reservations", sms("m-1", subject, "2026-03-03T10:30:00+08:00")));
      assertEquals("ALLOW", first.get("decision").asText(), first.toString());
      JsonNode second = json(client.postJson("/v1/reservations", sms("m-2", subject, "2026-03-03T11:30:00+08:00")));
      assertEquals(List.of("CN-INST-SMS-FREQ-DAY"), rules(second));
      // The next local day, once its SMS quiet hours (to 08:00) are over.
      assertEquals("2026-03-04T08:00:00+08:00", second.get("nextAllowedAt").asText());

      HttpResponse<String> outcome = client.postJson("/v1/calls/m-1/outcome", "{\"outcome\":\"REFUSED\"}");
      assertEquals(200, outcome.statusCode(), outcome.body());
      JsonNode third = json(client.postJson("/v1/reservations", sms("m-3", subject, "2026-03-05T10:30:00+08:00")));
      assertTrue(rules(third).containsAll(List.of("CN-MIIT-SMS-REFUSED", "CN-NFRA-CP-MSG-REFUSED")), rules(third).toString());
    }
  }
}
