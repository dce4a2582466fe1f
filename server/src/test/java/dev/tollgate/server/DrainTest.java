package dev.tollgate.server;

import static dev.tollgate.server.Client.example;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a real {@code serve} process: it stops accepting, answers the requests already in flight, closes
 * the ledger and exits 0.
 */
class DrainTest {
  @TempDir
  Path dir;

  @Test
  void sigterm_answersRequestsInFlight_refusesNewConnections_exitsZero() throws Exception {
    try (ServeProcess serve = ServeProcess.start(dir, "--data-dir", dir.toString(), "--drain-timeout", "30")) {
      URI base = serve.uri;

      // Three reservations in flight: each waits for 100 Continue, which Jetty sends when the handler starts to
      // read the body, so the request is in the server's hands; then half of the body is sent before SIGTERM
      // and the rest after it.
      List<Socket> inFlight = new ArrayList<>();
      List<byte[]> rests = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        String body = example("marketing-call-consented.json", "drain-" + i).replace("cust-7f3a9c", "drain-subject-" + i)
            + " ".repeat(20_000);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Socket s = new Socket(base.getHost(), base.getPort());
        s.setSoTimeout(30_000);
        OutputStream out = s.getOutputStream();
        out.write(("POST /v1/reservations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
            + bytes.length + "\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertEquals("HTTP/1.1 100 Continue", head(s));
        out.write(bytes, 0, bytes.length / 2);
        out.flush();
        inFlight.add(s);
        rests.add(java.util.Arrays.copyOfRange(bytes, bytes.length / 2, bytes.length));
      }

      serve.process.destroy();
      serve.awaitLine("tollgate serve: stopping");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (accepts(base)) {
        assertTrue(System.nanoTime() < deadline, "still accepting connections 10 s after SIGTERM");
        Thread.sleep(50);
      }
      assertTrue(serve.process.isAlive(), "exited with requests in flight");

      for (int i = 0; i < 3; i++) {
        OutputStream out = inFlight.get(i).getOutputStream();
        out.write(rests.get(i));
        out.flush();
      }
      for (int i = 0; i < 3; i++) {
        String response = new String(inFlight.get(i).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
        assertTrue(response.contains("\"id\":\"drain-" + i + "\",") && response.contains("\"decision\":\"ALLOW\""), response);
        inFlight.get(i).close();
      }
      assertTrue(serve.process.waitFor(30, TimeUnit.SECONDS), "did not exit after draining");
      assertEquals(0, serve.process.exitValue());
      serve.awaitLine("tollgate serve: stopped");
    }
  }

  /** The status line of an interim response, reading up to its blank line. */
  private static String head(Socket s) throws IOException {
    StringBuilder b = new StringBuilder();
    java.io.InputStream in = s.getInputStream();
    while (b.length() < 4 || !b.substring(b.length() - 4).equals("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("closed after " + b);
      }
      b.append((char) c);
    }
    return b.substring(0, b.indexOf("\r\n"));
  }

  private static boolean accepts(URI base) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 1000);
      return true;
    } catch (ConnectException e) {
      return false;
    }
  }
}
