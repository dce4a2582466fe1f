package dev.tollgate.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The console's files: the page, its script and style sheet, and the example requests it offers (the
 * repository's examples/requests, copied into the jar by the build). Read once; the page itself asks the
 * service only through the public {@code /v1} API.
 */
final class Console {
  private static final String ROOT = "dev/tollgate/server/console/";
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  /**
   * Scripts and styles from the service only, and nothing inline: a pack message or request field that
   * holds markup could not run even if it reached the page as markup.
   */
  static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
      + "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  /** A file of the console with its media type. */
  record Asset(String type, byte[] body) {}

  private final Map<String, Asset> assets = new LinkedHashMap<>();

  Console() {
    assets.put("/", new Asset("text/html; charset=utf-8", read("index.html")));
    assets.put("/console.js", new Asset("text/javascript; charset=utf-8", read("console.js")));
    assets.put("/console.css", new Asset("text/css; charset=utf-8", read("console.css")));
    assets.put("/console/examples.json", new Asset("application/json", examples()));
  }

  /** The file served at {@code path}, or null. */
  Asset get(String path) {
    return assets.get(path);
  }

  private static byte[] read(String name) {
    try (InputStream in = Console.class.getClassLoader().getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException("the console's " + name + " is missing from the server's jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code [{"name": ..., "request": {...}}]}, by file name. */
  private static byte[] examples() {
    URL folder = Console.class.getClassLoader().getResource(ROOT + "examples");
    if (folder == null) {
      return "[]".getBytes(StandardCharsets.UTF_8);
    }
    try {
      URI uri = folder.toURI();
      if (uri.getScheme().equals("jar")) {
        FileSystem jar;
        try {
          jar = FileSystems.getFileSystem(uri);
        } catch (FileSystemNotFoundException e) {
          try (FileSystem opened = FileSystems.newFileSystem(uri, Map.of())) {
            return examples(opened.provider().getPath(uri));
          }
        }
        return examples(jar.provider().getPath(uri));
      }
      return examples(Path.of(uri));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the console's example requests", e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] examples(Path folder) throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
        String name = file.getFileName().toString();
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("name", name.substring(0, name.length() - ".json".length()));
        example.put("request", JSON.readTree(Files.readAllBytes(file)));
        out.add(example);
      }
    }
    return JSON.writeValueAsBytes(out);
  }
}
