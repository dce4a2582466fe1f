package dev.tollgate.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's headless chromium driven through the DevTools protocol over the JDK's own WebSocket client:
 * one page, scripts evaluated in it, screenshots taken of it. A real browser, so the console is tested
 * as a person's browser runs it (its scripts, its escaping, its requests to the service).
 */
final class Chromium implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  private Chromium(Process process, WebSocket socket) {
    this.process = process;
    this.socket = socket;
  }

  /**
   * Starts chromium with an empty profile in {@code dir}, a window of 1280x900, English as its language (a
   * page without a stored choice follows it, whatever the machine's locale), and one blank page.
   */
  static Chromium start(Path dir) throws Exception {
    Path profile = Files.createDirectories(dir.resolve("profile"));
    Process process = new ProcessBuilder(BINARY.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--remote-debugging-port=0", "--window-size=1280,900", "--lang=en-US", "--user-data-dir=" + profile,
        "about:blank")
        .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
    Path portFile = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!Files.exists(portFile) || Files.readAllLines(portFile).size() < 2) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        process.destroyForcibly();
        throw new IOException("chromium did not open its DevTools port; its log: " + Files.readString(dir.resolve("chromium.log")));
      }
      Thread.sleep(50);
    }
    int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
    HttpClient http = HttpClient.newHttpClient();
    // A page target of its own: the browser's start page may still be loading when we attach.
    HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/new?"
        + URLEncoder.encode("about:blank", StandardCharsets.UTF_8))).PUT(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    String pageSocket = JSON.readTree(created.body()).get("webSocketDebuggerUrl").asText();
    Listener listener = new Listener();
    WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), listener).join();
    Chromium chromium = new Chromium(process, socket);
    listener.owner = chromium;
    chromium.send("Page.enable", JSON.createObjectNode());
    chromium.send("Runtime.enable", JSON.createObjectNode());
    return chromium;
  }

  /** Loads {@code url} and waits until its document and deferred scripts have run. */
  void open(String url) throws Exception {
    navigate(() -> send("Page.navigate", JSON.createObjectNode().put("url", url)));
  }

  /** Reloads the page and waits until the new document and its deferred scripts have run. */
  void reload() throws Exception {
    navigate(() -> evaluate("location.reload(); 1"));
  }

  private interface Step {
    void run() throws Exception;
  }

  private void navigate(Step start) throws Exception {
    // A mark on the page being left, so that the wait ends in the new document, not in the old one, which
    // is complete already until the navigation commits.
    evaluate("window.__leaving = true");
    start.run();
    waitFor("window.__leaving === undefined && document.readyState === 'complete'");
  }

  /** The value of a JavaScript expression in the page (a promise is awaited), as JSON. */
  JsonNode evaluate(String expression) throws Exception {
    ObjectNode params = JSON.createObjectNode().put("expression", expression).put("awaitPromise", true)
        .put("returnByValue", true);
    JsonNode result = send("Runtime.evaluate", params);
    if (result.has("exceptionDetails")) {
      throw new AssertionError("the page threw on " + expression + ": " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  /** Waits until a JavaScript expression is true in the page, and fails naming it when it never is. */
  void waitFor(String expression) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!holds(expression)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("never true in the page: " + expression + "\npage text: "
            + evaluate("document.body ? document.body.innerText : ''").asText());
      }
      Thread.sleep(25);
    }
  }

  /** Whether an expression is true; false while the page is between two documents. */
  private boolean holds(String expression) throws Exception {
    try {
      return evaluate("!!(" + expression + ")").asBoolean();
    } catch (IOException e) {
      if (e.getMessage().contains("Inspected target navigated or closed")) {
        return false;
      }
      throw e;
    }
  }

  /** A PNG of the page as it is shown. */
  byte[] screenshot() throws Exception {
    JsonNode shot = send("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
    return Base64.getDecoder().decode(shot.get("data").asText());
  }

  private JsonNode send(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", params);
    socket.sendText(JSON.writeValueAsString(message), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    JsonNode reply = answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    if (reply.has("error")) {
      throw new IOException(method + " failed: " + reply.get("error"));
    }
    return reply.path("result");
  }

  @Override
  public void close() throws InterruptedException {
    socket.abort();
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  /** Gathers a message's frames and hands each whole answer to the command that waits for it. */
  private static final class Listener implements WebSocket.Listener {
    private final StringBuilder frames = new StringBuilder();
    private volatile Chromium owner;

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      frames.append(data);
      if (last) {
        String text = frames.toString();
        frames.setLength(0);
        try {
          JsonNode message = JSON.readTree(text);
          if (message.has("id") && owner != null) {
            CompletableFuture<JsonNode> answer = owner.pending.remove(message.get("id").asInt());
            if (answer != null) {
              answer.complete(message);
            }
          }
        } catch (IOException e) {
          owner.pending.values().forEach(f -> f.completeExceptionally(e));
        }
      }
      webSocket.request(1);
      return null;
    }
  }
}
