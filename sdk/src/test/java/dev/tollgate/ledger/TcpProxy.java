package dev.tollgate.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder between a database client and its server, to fail the network in the ways a real one
 * fails without touching the shared server: stop forwarding (a partition, or a server that stops
 * answering), drop every connection (a restart), or lose the answer to one commit.
 */
final class TcpProxy implements AutoCloseable {
  private static final byte[] COMMIT = "COMMIT".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] INSERT = "INSERT INTO tollgate_contact".getBytes(StandardCharsets.US_ASCII);

  private final ServerSocket server;
  private final String host;
  private final int port;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile boolean blackhole;
  private volatile boolean loseCommitAnswer;

  TcpProxy(String host, int port) throws IOException {
    this.host = host;
    this.port = port;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    start("accept", this::accept);
  }

  /** The port clients connect to instead of the server's. */
  int port() {
    return server.getLocalPort();
  }

  /**
   * Stops (true) or resumes forwarding bytes, in both directions and on every connection: the sockets stay
   * open, what is sent waits, and new connections are accepted but not served, as in a partition.
   */
  void blackhole(boolean on) {
    blackhole = on;
  }

  /** Closes every connection on both sides, as a server restart does. */
  void dropAll() {
    for (Socket s : sockets) {
      closeQuietly(s);
    }
  }

  /**
   * The next transaction that inserts a contact has its COMMIT forwarded to the server but the answer
   * dropped, and its connection closed: the commit is applied, the client never learns it.
   */
  void loseNextCommitAnswer() {
    loseCommitAnswer = true;
  }

  @Override
  public void close() throws IOException {
    server.close();
    dropAll();
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      sockets.add(client);
      try {
        Socket upstream = new Socket(host, port);
        sockets.add(upstream);
        Pair pair = new Pair(client, upstream);
        start("to-server", () -> pump(pair, client, upstream, true));
        start("to-client", () -> pump(pair, upstream, client, false));
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  /** One client connection and its connection to the server. */
  private static final class Pair {
    final Socket client;
    final Socket upstream;
    volatile boolean inserted;
    volatile boolean answerLost;

    Pair(Socket client, Socket upstream) {
      this.client = client;
      this.upstream = upstream;
    }
  }

  private void pump(Pair pair, Socket from, Socket to, boolean toServer) {
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        while (blackhole && !from.isClosed()) {
          Thread.sleep(5);
        }
        if (!toServer && pair.answerLost) {
          continue;
        }
        boolean cut = false;
        if (toServer && loseCommitAnswer) {
          pair.inserted |= contains(buffer, n, INSERT);
          if (pair.inserted && contains(buffer, n, COMMIT)) {
            loseCommitAnswer = false;
            pair.answerLost = true;
            cut = true;
          }
        }
        out.write(buffer, 0, n);
        out.flush();
        if (cut) {
          // Give the server the time to read and apply the commit, then fail the client's connection.
          Thread.sleep(300);
          closeQuietly(pair.client);
          closeQuietly(pair.upstream);
        }
      }
    } catch (IOException e) {
      // a side closed: close the other
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static boolean contains(byte[] buffer, int length, byte[] word) {
    outer:
    for (int i = 0; i + word.length <= length; i++) {
      for (int j = 0; j < word.length; j++) {
        if (buffer[i + j] != word[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
    sockets.remove(s);
  }

  private static void start(String name, Runnable r) {
    Thread t = new Thread(r, "tcp-proxy-" + name);
    t.setDaemon(true);
    t.start();
  }
}
