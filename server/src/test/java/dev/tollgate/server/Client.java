package dev.tollgate.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A real HTTP/1.1 client of a running server, for tests: one keep-alive connection pool, optional bearer token. */
final class Client {
  static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http;
  private final URI base;
  private final String token;

  Client(URI base, String token) {
    this(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build(), base, token);
  }

  Client(HttpClient http, URI base, String token) {
    this.http = http;
    this.base = base;
    this.token = token;
  }

  Client withToken(String other) {
    return new Client(http, base, other);
  }

  HttpResponse<String> get(String path) {
    return send(builder(path).GET());
  }

  HttpResponse<String> post(String path, String contentType, String body) {
    return send(builder(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  HttpResponse<String> postJson(String path, String body) {
    return post(path, "application/json", body);
  }

  private HttpRequest.Builder builder(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    return json(response.body());
  }

  static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + body, e);
    }
  }

  /** The rule ids of a decision, in order. */
  static java.util.List<String> rules(JsonNode decision) {
    java.util.List<String> ids = new java.util.ArrayList<>();
    decision.get("findings").forEach(f -> ids.add(f.get("rule").asText()));
    return ids;
  }

  /** A request file of examples/requests, with its id replaced. */
  static String example(String name, String id) {
    try {
      String json = Files.readString(Path.of("../examples/requests", name), StandardCharsets.UTF_8);
      return json.replaceFirst("\"id\": \"[^\"]*\"", "\"id\": \"" + id + "\"");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
