package dev.tollgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@link Request#toJson()} writes what {@link Request#fromJson} reads back to an equal request. */
class RequestJsonTest {

  @Test
  void toJson_everyExampleRequest_readsBackEqual() throws IOException {
    List<String> requests = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("../examples/requests"))) {
      for (Path f : files.sorted().toList()) {
        if (f.toString().endsWith(".jsonl")) {
          Files.readAllLines(f).stream().filter(l -> !l.isBlank()).forEach(requests::add);
        } else {
          requests.add(Files.readString(f));
        }
      }
    }
    int valid = 0;
    for (String json : requests) {
      Request request;
      try {
        request = Request.fromJson(json);
      } catch (InvalidRequestException e) {
        // Some examples are broken on purpose, to show how a bad line is reported.
        continue;
      }
      valid++;
      String written = request.toJson();
      assertEquals(request, Request.fromJson(written), written);
      assertEquals(written, Request.fromJson(written).toJson());
    }
    assertTrue(valid > 20, "valid examples: " + valid);
  }

  @Test
  void toJson_callWithLedgerHistory_keepsTheContactsAndTheirOffsets() {
    CallRequest call = (CallRequest) Request.fromJson("""
        {"type": "call", "id": "c-1", "at": "2026-03-03T22:10:00+08:00", "jurisdiction": "CN", "purpose": "COLLECTION",
         "voice": "HUMAN", "caller": {"organization": "Example"}, "callee": {"subject": "s-1"},
         "history": [{"at": "2026-03-03T09:15:00+08:00", "purpose": "COLLECTION", "debt": "d-1", "outcome": "NO_ANSWER"}]}
        """);
    String written = call.toJson();
    assertTrue(written.startsWith("{\"type\":\"call\""), written);
    assertTrue(written.contains("\"at\":\"2026-03-03T09:15:00+08:00\""), written);
    assertEquals(call, Request.fromJson(written));
  }
}
