package dev.tollgate.server;

import static dev.tollgate.server.Client.example;
import static dev.tollgate.server.Client.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bearer tokens, the loopback rule without them, and TLS, on real servers. */
class SecurityTest {
  private static final String TOKEN = "s3cret-token-0123456789";
  private static final String OTHER = "another-token-abcdefghij";

  @TempDir
  Path dir;

  @Test
  void tokens_everyV1CallAndMetricsNeedOne_healthDoesNot() throws Exception {
    Path tokens = Files.writeString(dir.resolve("tokens"), "# operations\n" + TOKEN + "\n\n" + OTHER + "\n");
    try (DecisionServer server = DecisionServer.builder().port(0).dataDir(dir.resolve("data")).tokenFile(tokens).start()) {
      Client anonymous = new Client(server.uri(), null);
      for (String path : List.of("/v1/packs", "/metrics")) {
        HttpResponse<String> r = anonymous.get(path);
        assertEquals(401, r.statusCode(), path);
        assertEquals("Bearer realm=\"tollgate\"", r.headers().firstValue("WWW-Authenticate").orElseThrow());
      }
      String call = example("marketing-call-no-consent.json", "a-1");
      HttpResponse<String> refused = anonymous.postJson("/v1/decisions", call);
      assertEquals(401, refused.statusCode());
      assertNothingAboutPacks(refused.body());
      HttpResponse<String> wrong = anonymous.withToken(TOKEN + "x").postJson("/v1/decisions", call);
      assertEquals(401, wrong.statusCode());
      assertNothingAboutPacks(wrong.body());
      assertEquals(401, anonymous.withToken(TOKEN.substring(1)).get("/v1/packs").statusCode());

      assertEquals(200, anonymous.withToken(TOKEN).postJson("/v1/decisions", call).statusCode());
      assertEquals(200, anonymous.withToken(OTHER).get("/v1/packs").statusCode());
      assertEquals(200, anonymous.get("/health/live").statusCode());
      assertEquals(200, anonymous.get("/health/ready").statusCode());
      assertEquals(200, anonymous.get("/openapi.json").statusCode());
      assertTrue(anonymous.withToken(TOKEN).get("/metrics").body().contains("tollgate_requests_rejected_total{status=\"401\"} 5.0"));
    }
  }

  @Test
  void withoutTokens_onlyLoopbackIsServed() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> DecisionServer.builder().port(0).bind("0.0.0.0").dataDir(dir.resolve("data")).start());
    assertTrue(e.getMessage().contains("without --token-file"), e.getMessage());
  }

  @Test
  void tokenFile_withoutATokenOrWithAShortOne_isRefused() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty"), "# none yet\n\n");
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> DecisionServer.builder().port(0).tokenFile(empty).dataDir(dir.resolve("data")).start());
    assertTrue(none.getMessage().contains("holds no token"), none.getMessage());
    Path shortToken = Files.writeString(dir.resolve("short"), "abc\n");
    IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
        () -> DecisionServer.builder().port(0).tokenFile(shortToken).dataDir(dir.resolve("data")).start());
    assertTrue(tooShort.getMessage().endsWith("short:1: a token must be at least 16 printable ASCII characters without spaces"),
        tooShort.getMessage());
  }

  @Test
  void tls_servesHttpsWithTheKeystore() throws Exception {
    Path keystore = dir.resolve("server.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "tollgate", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
        "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
        .redirectErrorStream(true).start();
    assertTrue(keytool.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, keytool.exitValue(), new String(keytool.getInputStream().readAllBytes()));

    try (DecisionServer server = DecisionServer.builder().port(0).dataDir(dir.resolve("data")).tls(keystore, "changeit").start()) {
      assertEquals("https", server.uri().getScheme());
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keystore)) {
        trusted.load(in, "changeit".toCharArray());
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trusted);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      Client client = new Client(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(ssl).build(),
          server.uri(), null);
      HttpResponse<String> r = client.postJson("/v1/decisions", example("marketing-call-no-consent.json", "tls-1"));
      assertEquals(200, r.statusCode());
      assertEquals("DENY", json(r).get("decision").asText());
    }
  }

  @Test
  void tls_wrongPassword_failsBeforeListening() throws Exception {
    Path keystore = Files.write(dir.resolve("bad.p12"), new byte[] {1, 2, 3});
    assertThrows(IllegalStateException.class,
        () -> DecisionServer.builder().port(0).dataDir(dir.resolve("data")).tls(keystore, "nope").start());
  }

  private static void assertNothingAboutPacks(String body) {
    assertEquals("{\"error\":{\"status\":401,\"message\":\"a valid bearer token is required\"}}", body);
    assertFalse(body.contains("cn-"));
  }
}
