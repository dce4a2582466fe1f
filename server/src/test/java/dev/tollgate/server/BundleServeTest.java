package dev.tollgate.server;

import static dev.tollgate.server.Client.example;
import static dev.tollgate.server.Client.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.bundle.Bundle;
import dev.tollgate.bundle.Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server on a signed bundle: the revision in decisions, /v1/packs, readiness and metrics, across a refused and a good reload. */
class BundleServeTest {
  private static final Path PACKS = Path.of("../rulepacks/cn-fin-marketing-calls");

  @TempDir
  Path dir;

  @Test
  void serve_bundleReplacedBadThenGood_showsRevisionLastAttemptAndStaleness() throws Exception {
    KeyPair legal = Keys.generate();
    Path pub = dir.resolve("legal.pub");
    Keys.write(legal.getPublic(), pub);
    Path file = dir.resolve("packs.bundle");
    Bundle.build("r1", List.of(PACKS)).sign(legal.getPrivate()).write(file);
    DecisionServer server = DecisionServer.builder().port(0).dataDir(dir.resolve("data")).bundle(file.toString(), pub).start();
    try {
      Client client = new Client(server.uri(), null);
      JsonNode d = json(client.postJson("/v1/decisions", example("marketing-call-consented.json", "b-1")));
      assertEquals("r1", d.get("bundle").asText(), d.toString());
      JsonNode packs = json(client.get("/v1/packs"));
      assertEquals("r1", packs.at("/bundle/revision").asText(), packs.toString());
      assertEquals("LOADED", packs.at("/bundle/lastAttempt/outcome").asText(), packs.toString());
      assertEquals(2, packs.get("packs").size(), packs.toString());

      replace(file, Bundle.build("r2", List.of(PACKS)).toBytes());
      packs = await(client, p -> "REFUSED".equals(p.at("/bundle/lastAttempt/outcome").asText()));
      assertEquals("r1", packs.at("/bundle/revision").asText());
      assertEquals("UNSIGNED", packs.at("/bundle/lastAttempt/reason").asText(), packs.toString());
      assertTrue(packs.at("/bundle/staleSince").isTextual(), packs.toString());
      JsonNode ready = json(client.get("/health/ready"));
      assertEquals("UP", ready.get("status").asText(), ready.toString());
      assertEquals("r1", ready.at("/bundle/revision").asText(), ready.toString());
      String metrics = client.get("/metrics").body();
      assertTrue(metrics.contains("tollgate_bundle_active{revision=\"r1\"} 1.0"), metrics);
      assertTrue(metrics.contains("tollgate_bundle_reloads_total{outcome=\"REFUSED\",reason=\"UNSIGNED\"} 1.0"), metrics);
      assertTrue(metrics.contains("tollgate_bundle_stale_seconds "), metrics);
      assertEquals("r1", json(client.postJson("/v1/decisions", example("marketing-call-consented.json", "b-2"))).get("bundle").asText());

      replace(file, Bundle.build("r2", List.of(PACKS)).sign(legal.getPrivate()).toBytes());
      packs = await(client, p -> "r2".equals(p.at("/bundle/revision").asText()));
      assertTrue(packs.at("/bundle/staleSince").isNull(), packs.toString());
      assertEquals("r2", json(client.postJson("/v1/decisions", example("marketing-call-consented.json", "b-3"))).get("bundle").asText());
      metrics = client.get("/metrics").body();
      assertTrue(metrics.contains("tollgate_bundle_active{revision=\"r1\"} 0.0"), metrics);
      assertTrue(metrics.contains("tollgate_bundle_active{revision=\"r2\"} 1.0"), metrics);
    } finally {
      server.close();
    }
  }

  private static void replace(Path file, byte[] bytes) throws Exception {
    Path temp = file.resolveSibling("next.tmp");
    Files.write(temp, bytes);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** /v1/packs once it matches, within 30 s: the watcher sees the replaced file on its own. */
  private static JsonNode await(Client client, Predicate<JsonNode> done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode packs = json(client.get("/v1/packs"));
    while (!done.test(packs) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      packs = json(client.get("/v1/packs"));
    }
    assertTrue(done.test(packs), packs.toString());
    return packs;
  }
}
