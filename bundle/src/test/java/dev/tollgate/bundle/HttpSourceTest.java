package dev.tollgate.bundle;

import static dev.tollgate.bundle.BundleSourceTest.A;
import static dev.tollgate.bundle.BundleSourceTest.B;
import static dev.tollgate.bundle.BundleSourceTest.LEGAL;
import static dev.tollgate.bundle.BundleSourceTest.MIX;
import static dev.tollgate.bundle.BundleSourceTest.signed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tollgate.PolicyEngine;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The URL source against a real HTTP server on a local port. */
class HttpSourceTest {
  /** What the server does with the next requests. */
  enum Mode { SERVE, ERROR, HANG, HANG_MID_BODY, CUT_SHORT }

  private HttpServer server;
  private volatile byte[] bundle;
  private volatile String etag;
  private volatile Mode mode = Mode.SERVE;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger notModified = new AtomicInteger();
  private final List<String> conditions = new CopyOnWriteArrayList<>();
  private final List<Reload> told = new CopyOnWriteArrayList<>();
  private BundleSource source;
  private PolicyEngine engine;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/packs.bundle", this::handle);
    server.start();
    publish(signed("r1", A), "\"r1\"");
    source = BundleSource.url(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/packs.bundle"))
        .publicKey(LEGAL.getPublic()).listener(told::add).interval(Duration.ofHours(1)).timeout(Duration.ofSeconds(2))
        .build();
    engine = PolicyEngine.builder().bundle(source).build();
  }

  @AfterEach
  void stop() {
    engine.close();
    server.stop(0);
  }

  private void publish(byte[] bytes, String tag) {
    bundle = bytes;
    etag = tag;
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
    conditions.add(ifNoneMatch + " " + exchange.getRequestHeaders().getFirst("If-Modified-Since"));
    byte[] body = bundle;
    try (exchange) {
      switch (mode) {
        case ERROR -> exchange.sendResponseHeaders(500, -1);
        case HANG -> sleep();
        case HANG_MID_BODY -> {
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body, 0, body.length / 2);
          exchange.getResponseBody().flush();
          sleep();
        }
        case CUT_SHORT -> {
          exchange.sendResponseHeaders(200, body.length);
          OutputStream out = exchange.getResponseBody();
          out.write(body, 0, body.length / 2);
          out.flush();
          // Closing the connection under the client: it has half of what Content-Length promised.
          exchange.getHttpContext().getServer().stop(0);
        }
        case SERVE -> {
          exchange.getResponseHeaders().add("Last-Modified", "Tue, 02 Sep 2025 10:00:00 GMT");
          if (etag.equals(ifNoneMatch)) {
            notModified.incrementAndGet();
            exchange.sendResponseHeaders(304, -1);
          } else {
            exchange.getResponseHeaders().add("ETag", etag);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
          }
        }
      }
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(8000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void poll_unchanged_askedWithTheEtagAndAnswered304() {
    assertEquals("r1", engine.decide(MIX.get(0)).bundle());
    assertNull(source.refresh());
    assertNull(source.refresh());
    assertEquals(2, notModified.get());
    assertEquals(List.of("null null", "\"r1\" Tue, 02 Sep 2025 10:00:00 GMT", "\"r1\" Tue, 02 Sep 2025 10:00:00 GMT"), conditions);
    assertEquals(1, told.size());
  }

  @Test
  void poll_newBundle_loaded() {
    publish(signed("r2", B), "\"r2\"");
    Reload r = source.refresh();
    assertTrue(r.loaded(), r.toString());
    assertEquals("r2", engine.decide(MIX.get(0)).bundle());
    assertNull(source.refresh());
    assertEquals(1, notModified.get());
  }

  @Test
  void poll_serverError_refusedAndLastGoodKept() {
    mode = Mode.ERROR;
    assertRefused("HTTP 500 from http://127.0.0.1:");
  }

  @Test
  void poll_serverHangs_refusedWithinTheTimeout() {
    mode = Mode.HANG;
    long start = System.nanoTime();
    assertRefused("no answer from http://127.0.0.1:");
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 6000, "waited past the timeout");
  }

  @Test
  void poll_serverHangsMidBody_refusedWithinTheTimeout() {
    publish(signed("r2", B), "\"r2\"");
    mode = Mode.HANG_MID_BODY;
    long start = System.nanoTime();
    assertRefused("did not finish within 2000 ms");
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 6000, "waited past the timeout");
  }

  @Test
  void poll_downloadCutShort_refused() {
    publish(signed("r2", B), "\"r2\"");
    mode = Mode.CUT_SHORT;
    assertRefused("cut short");
  }

  @Test
  void poll_badBundleThenFixed_staleUntilFixed() {
    publish(Bundle.build("r2", List.of(B)).toBytes(), "\"r2-unsigned\"");
    Reload r = source.refresh();
    assertEquals(BundleException.Reason.UNSIGNED, r.reason(), r.toString());
    // The server still has the bad bundle: 304, and the engine stays stale on r1.
    assertNull(source.refresh());
    assertEquals("r1", source.status().revision());
    assertTrue(source.status().staleSince() != null);
    publish(signed("r2", B), "\"r2\"");
    assertTrue(source.refresh().loaded());
    assertNull(source.status().staleSince());
    assertEquals("r2", engine.decide(MIX.get(0)).bundle());
  }

  private void assertRefused(String inMessage) {
    Reload r = source.refresh();
    assertEquals(Reload.Outcome.REFUSED, r.outcome(), String.valueOf(r));
    assertEquals(BundleException.Reason.NOT_FETCHED, r.reason(), r.toString());
    assertTrue(r.message().contains(inMessage), r.message());
    assertEquals("r1", engine.decide(MIX.get(0)).bundle());
    assertEquals("r1", source.status().revision());
    assertTrue(source.status().staleSince() != null);
    assertEquals(r, told.get(told.size() - 1));
  }
}
