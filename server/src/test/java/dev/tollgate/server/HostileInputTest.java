package dev.tollgate.server;

import static dev.tollgate.server.Client.example;
import static dev.tollgate.server.Client.json;
import static dev.tollgate.server.Client.rules;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP surface under hostile input, over raw sockets where a well-behaved client cannot misbehave enough:
 * the server stays up, answers what it can, and never answers ALLOW for what it could not read.
 */
class HostileInputTest {
  private static final int LIMIT = 64 * 1024;

  @TempDir
  static Path data;
  static DecisionServer server;
  static Client client;

  @BeforeAll
  static void start() {
    server = DecisionServer.builder().port(0).dataDir(data).maxBodyBytes(LIMIT).idleTimeout(Duration.ofSeconds(2)).start();
    client = new Client(server.uri(), null);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void deeplyNestedBody_is400InvalidRequest() {
    String nested = "{\"type\":\"call\",\"id\":\"deep\",\"at\":\"2025-09-02T10:30:00+08:00\",\"jurisdiction\":\"CN\",\"history\":"
        + "[".repeat(20_000) + "]".repeat(20_000) + "}";
    HttpResponse<String> r = client.postJson("/v1/decisions", nested);
    assertEquals(400, r.statusCode(), r.body());
    assertEquals(List.of("TOLLGATE-INVALID-REQUEST"), rules(json(r)));
    assertStillServing();
  }

  @Test
  void oversizedChunkedBody_is413() {
    byte[] big = ("{\"type\":\"call\",\"id\":\"" + "x".repeat(LIMIT) + "\"}").getBytes(StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("/v1/decisions"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
        .build();
    HttpResponse<String> r = send(request);
    assertEquals(413, r.statusCode(), r.body());
    assertFalse(r.body().contains("ALLOW"));
    assertStillServing();
  }

  @Test
  void truncatedBody_isNeverDecided() throws IOException {
    String allowed = example("marketing-call-consented.json", "cut-1").replace("cust-7f3a9c", "cut-subject");
    byte[] bytes = allowed.getBytes(StandardCharsets.UTF_8);
    try (Socket s = socket()) {
      OutputStream out = s.getOutputStream();
      out.write(("POST /v1/decisions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
          + (bytes.length + 100) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      s.shutdownOutput();
      String response = readAll(s);
      assertFalse(response.contains("ALLOW"), response);
      assertTrue(response.isEmpty() || response.startsWith("HTTP/1.1 400"), response);
    }
    assertStillServing();
  }

  @Test
  void bodyThatIsNotUtf8_is400Error() {
    byte[] body = example("marketing-call-consented.json", "latin").replace("Example", "Exampl\u00e9").getBytes(StandardCharsets.ISO_8859_1);
    HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("/v1/decisions"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    HttpResponse<String> r = send(request);
    assertEquals(400, r.statusCode());
    assertEquals("{\"error\":{\"status\":400,\"message\":\"the request body is not UTF-8\"}}", r.body());
  }

  @Test
  void bodyWithAReplacementCharacterInValidUtf8_isReadAsUtf8_andRefusedByTheContractAtItsPath() {
    // U+FFFD written as proper UTF-8 is readable text, so the body reaches the engine, whose contract refuses
    // the character in a value and names where it is.
    byte[] body = example("marketing-call-consented.json", "fffd").replace("Example", "Example \uFFFD")
        .getBytes(StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("/v1/decisions"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    HttpResponse<String> r = send(request);
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.body().contains("\"rule\":\"TOLLGATE-INVALID-REQUEST\""), r.body());
    assertTrue(r.body().contains("$.caller.organization"), r.body());
  }

  @Test
  void headerFlood_is431_asJson() throws IOException {
    StringBuilder headers = new StringBuilder("GET /health/live HTTP/1.1\r\nHost: x\r\n");
    for (int i = 0; i < 1000; i++) {
      headers.append("X-Flood-").append(i).append(": ").append("a".repeat(40)).append("\r\n");
    }
    headers.append("\r\n");
    try (Socket s = socket()) {
      s.getOutputStream().write(headers.toString().getBytes(StandardCharsets.US_ASCII));
      String response = readAll(s);
      assertTrue(response.startsWith("HTTP/1.1 431"), response);
      assertTrue(response.endsWith("{\"error\":{\"status\":431,\"message\":\"the request's headers are too large\"}}"), response);
    }
    assertStillServing();
  }

  @Test
  void garbage_is400_withoutAStackTrace() throws IOException {
    try (Socket s = socket()) {
      s.getOutputStream().write("\u0001\u0002 NOT HTTP AT ALL\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      String response = readAll(s);
      assertTrue(response.startsWith("HTTP/1.1 400"), response);
      assertFalse(response.contains("at org.") || response.contains("Exception"), response);
    }
    assertStillServing();
  }

  @Test
  void batch_tooLongAndNotUtf8Lines_areReportedOnTheirLines_andTheRestDecided() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(("{\"type\":\"call\",\"id\":\"" + "x".repeat(LIMIT) + "\"}\n").getBytes(StandardCharsets.UTF_8));
    body.write("{\"type\":\"call\",\"id\":\"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1));
    body.write((example("marketing-call-no-consent.json", "after-bad").replace("\n", "") + "\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("/v1/decisions/batch"))
        .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    HttpResponse<String> r = send(request);
    assertEquals(200, r.statusCode());
    List<String> lines = r.body().lines().toList();
    assertEquals(3, lines.size(), r.body());
    assertEquals("{\"error\":{\"line\":1,\"status\":413,\"message\":\"the line is over " + LIMIT + " bytes\"}}", lines.get(0));
    assertEquals("{\"error\":{\"line\":2,\"status\":400,\"message\":\"the line is not UTF-8\"}}", lines.get(1));
    assertEquals("after-bad", json(lines.get(2)).get("id").asText());
    assertEquals("DENY", json(lines.get(2)).get("decision").asText());
  }

  @Test
  void slowClient_isCutOffAfterTheIdleTimeout() throws IOException {
    try (Socket s = socket()) {
      s.setSoTimeout(15_000);
      s.getOutputStream().write("POST /v1/decisions HTTP/1.1\r\nHost: x\r\nContent-Ty".getBytes(StandardCharsets.US_ASCII));
      long start = System.nanoTime();
      String response = readAll(s);
      long seconds = (System.nanoTime() - start) / 1_000_000_000L;
      assertTrue(seconds < 12, "held for " + seconds + " s");
      assertFalse(response.contains("ALLOW"), response);
    }
  }

  @Test
  void thousandsOfIdleConnections_doNotStopOthersBeingServed() throws IOException {
    List<Socket> idle = new ArrayList<>();
    try {
      for (int i = 0; i < 2000; i++) {
        idle.add(socket());
      }
      HttpResponse<String> r = client.postJson("/v1/decisions", example("marketing-call-no-consent.json", "busy"));
      assertEquals(200, r.statusCode());
      assertEquals("DENY", json(r).get("decision").asText());
    } finally {
      for (Socket s : idle) {
        s.close();
      }
    }
    assertStillServing();
  }

  private static void assertStillServing() {
    assertEquals(200, client.get("/health/live").statusCode());
  }

  private static Socket socket() throws IOException {
    URI uri = server.uri();
    Socket s = new Socket(uri.getHost(), uri.getPort());
    s.setSoTimeout(30_000);
    return s;
  }

  private static String readAll(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      int n;
      while ((n = in.read(buffer)) > 0) {
        out.write(buffer, 0, n);
      }
    } catch (SocketException e) {
      // A reset after the server closed: what was read is the answer.
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
          .send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
