package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pack copied out of the repository, opened in a real editor's YAML support: Red Hat's
 * yaml-language-server, the engine of VS Code's YAML extension, spoken to over the Language Server
 * Protocol. Asked to complete a new top-level line of the copied pack.yaml, it offers nothing while the
 * header's schema is missing, and the pack's missing key once {@code tollgate schemas} wrote the schemas.
 * The server is the one .ci/run installs ({@code .ci/tools}, or TOLLGATE_YAML_LANGUAGE_SERVER); without it
 * the test is skipped, except on CI (TOLLGATE_CI=1), where that fails.
 */
class EditorCompletionTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path work;

  @Test
  void aCopiedPack_completesInTheEditor_onceItsSchemasAreWritten() throws Exception {
    Path server = languageServer();
    Path pack = work.resolve("legal/cn-fin-marketing-calls/2.0.0/pack.yaml");
    SchemasCommandTest.copy(Path.of("../rulepacks/cn-fin-marketing-calls"), work.resolve("legal/cn-fin-marketing-calls"));
    List<String> lines = new ArrayList<>(Files.readAllLines(pack));
    lines.add(1, "");   // a new, empty line under the header, where the author asks for a key
    String text = String.join("\n", lines) + "\n";

    assertEquals(List.of(), completions(server, pack, text), "without its schemas the copy completes nothing");
    assertEquals(0, Invocation.run("schemas", work.resolve("schemas").toString()).status());
    assertEquals(List.of("vocabulary"), completions(server, pack, text),
        "the one key of the pack schema that 2.0.0 does not use yet");
  }

  /** The labels the language server offers at the start of line 2 of {@code text}, opened as {@code file}. */
  static List<String> completions(Path server, Path file, String text) throws Exception {
    Process process = new ProcessBuilder("node", server.toString(), "--stdio")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (Lsp lsp = new Lsp(process)) {
      String root = file.getParent().getParent().getParent().toUri().toString();
      lsp.request("initialize", Map.of("processId", ProcessHandle.current().pid(), "rootUri", root,
          "capabilities", Map.of("workspace", Map.of("configuration", true))));
      lsp.notify("initialized", Map.of());
      lsp.notify("textDocument/didOpen", Map.of("textDocument",
          Map.of("uri", file.toUri().toString(), "languageId", "yaml", "version", 1, "text", text)));
      JsonNode result = lsp.request("textDocument/completion", Map.of("textDocument", Map.of("uri", file.toUri().toString()),
          "position", Map.of("line", 1, "character", 0)));
      JsonNode items = result.isArray() ? result : result.path("items");
      List<String> labels = new ArrayList<>();
      items.forEach(item -> labels.add(item.path("label").asText()));
      return labels;
    }
  }

  /** A Language Server Protocol client over a process's standard streams: JSON-RPC with Content-Length headers. */
  static final class Lsp implements AutoCloseable {
    private final Process process;
    private final OutputStream out;
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private int ids;

    Lsp(Process process) {
      this.process = process;
      this.out = process.getOutputStream();
      Thread reader = new Thread(() -> read(process.getInputStream()), "lsp-reader");
      reader.setDaemon(true);
      reader.start();
    }

    private void read(InputStream in) {
      try {
        while (true) {
          int length = -1;
          for (String header = line(in); !header.isEmpty(); header = line(in)) {
            if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
              length = Integer.parseInt(header.substring(header.indexOf(':') + 1).strip());
            }
          }
          received.add(JSON.readTree(in.readNBytes(length)));
        }
      } catch (IOException | RuntimeException e) {
        // the server exited; a request waiting for its answer times out and says so
      }
    }

    private static String line(InputStream in) throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          throw new IOException("end of stream");
        }
        if (b != '\r') {
          line.write(b);
        }
      }
      return line.toString(StandardCharsets.US_ASCII);
    }

    private void send(ObjectNode message) throws IOException {
      byte[] body = JSON.writeValueAsBytes(message.put("jsonrpc", "2.0"));
      out.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
    }

    void notify(String method, Object params) throws IOException {
      ObjectNode message = JSON.createObjectNode().put("method", method);
      message.set("params", JSON.valueToTree(params));
      send(message);
    }

    /** Sends a request and answers the server's own requests (its configuration: the defaults) until the reply. */
    JsonNode request(String method, Object params) throws Exception {
      int id = ++ids;
      ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
      message.set("params", JSON.valueToTree(params));
      send(message);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (true) {
        JsonNode m = received.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        assertNotNull(m, "the language server answered " + method);
        if (m.has("method") && m.has("id")) {
          ObjectNode reply = JSON.createObjectNode();
          reply.set("id", m.get("id"));
          if (m.get("method").asText().equals("workspace/configuration")) {
            // Its defaults, except the schema catalogue it would fetch from the network.
            List<Object> settings = new ArrayList<>();
            m.path("params").path("items").forEach(item -> settings.add(item.path("section").asText().equals("yaml")
                ? Map.of("schemaStore", Map.of("enable", false)) : null));
            reply.set("result", JSON.valueToTree(settings));
          } else {
            reply.putNull("result");
          }
          send(reply);
        } else if (!m.has("method") && m.path("id").asInt() == id) {
          return m.path("result");
        }
      }
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The yaml-language-server script, or the test is skipped (failed on CI). */
  static Path languageServer() {
    String configured = System.getenv("TOLLGATE_YAML_LANGUAGE_SERVER");
    Path server = configured != null ? Path.of(configured)
        : Path.of("../.ci/tools/node_modules/yaml-language-server/bin/yaml-language-server");
    boolean found = Files.isRegularFile(server) && nodeRuns();
    if (!found && "1".equals(System.getenv("TOLLGATE_CI"))) {
      throw new AssertionError("node and yaml-language-server are needed for the editor test on CI: .ci/run installs them in "
          + server);
    }
    Assumptions.assumeTrue(found, "node or yaml-language-server is not installed (" + server + ")");
    return server;
  }

  private static boolean nodeRuns() {
    try {
      return new ProcessBuilder("node", "--version").redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
