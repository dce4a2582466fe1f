package dev.tollgate.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tollgate.CallRequest;
import dev.tollgate.ContactLedger;
import dev.tollgate.Decision;
import dev.tollgate.InvalidRequestException;
import dev.tollgate.LedgerException;
import dev.tollgate.MessageRequest;
import dev.tollgate.PolicyEngine;
import dev.tollgate.bundle.BundleSource;
import dev.tollgate.bundle.Reload;
import dev.tollgate.decisionlog.DecisionLog;
import dev.tollgate.rules.EffectivePeriod;
import dev.tollgate.rules.Rule;
import dev.tollgate.rules.RulePack;
import dev.tollgate.rules.Text;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoints of the HTTP API (docs/http-api.md). Blocking: a decision takes microseconds, so each
 * request is read, decided and answered on one of Jetty's threads.
 */
final class Routes extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(Routes.class);
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final String JSON_TYPE = "application/json";
  private static final String JSONL_TYPE = "application/x-ndjson";
  private static final String INVALID = "TOLLGATE-INVALID-REQUEST";
  private static final String CALLS = "/v1/calls/";
  private static final String OUTCOME = "/outcome";
  private static final String DECISIONS = "/v1/decisions/";
  private static final java.util.regex.Pattern DECISION_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private final PolicyEngine engine;
  private final ContactLedger ledger;
  private final BearerTokens tokens;
  private final ServerMetrics metrics;
  private final Readiness readiness;
  private final int maxBody;
  /** The packs as /v1/packs lists them, and the list they were made from (a bundle replaces it). */
  private volatile PacksJson packs;
  /** Null unless the packs come from a bundle. */
  private final BundleSource bundle;
  private final byte[] openApi;
  private final Console console = new Console();
  private final PinnedEngines pinned;
  /** Where GET /v1/decisions/{id} looks; null if the server keeps no decision log. */
  private final DecisionLog decisionLog;

  Routes(PolicyEngine engine, BundleSource bundle, PinnedEngines pinned, ContactLedger ledger, BearerTokens tokens,
      ServerMetrics metrics, Readiness readiness, int maxBody, DecisionLog decisionLog) {
    this.engine = engine;
    this.bundle = bundle;
    this.decisionLog = decisionLog;
    this.pinned = pinned;
    this.ledger = ledger;
    this.tokens = tokens;
    this.metrics = metrics;
    this.readiness = readiness;
    this.maxBody = maxBody;
    this.packs = new PacksJson(engine.packs(), packsJson(engine.packs()));
    this.openApi = OpenApi.document();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    String path = Request.getPathInContext(request);
    String method = request.getMethod();
    try {
      // Each "!get(...) || answer" below: a request with the wrong method or content type was answered by
      // get or post already; either way the request is handled.
      if (path.equals("/health/live")) {
        return !get(method, response, callback) || send(response, callback, 200, JSON_TYPE, json(Map.of("status", "UP")));
      }
      if (path.equals("/health/ready")) {
        return !get(method, response, callback) || ready(response, callback);
      }
      if (path.equals("/openapi.json")) {
        return !get(method, response, callback) || send(response, callback, 200, JSON_TYPE, openApi);
      }
      Console.Asset asset = console.get(path);
      if (asset != null) {
        return get(method, response, callback) && page(response, callback, asset);
      }
      if (!path.startsWith("/v1/") && !path.equals("/metrics")) {
        return reject(response, callback, 404, "no endpoint at " + path);
      }
      if (tokens.required() && !tokens.accepts(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"tollgate\"");
        return reject(response, callback, 401, "a valid bearer token is required");
      }
      switch (path) {
        case "/metrics":
          return !get(method, response, callback)
              || send(response, callback, 200, "text/plain; version=0.0.4; charset=utf-8",
                  metrics.scrape().getBytes(StandardCharsets.UTF_8));
        case "/v1/packs":
          return !get(method, response, callback) || send(response, callback, 200, JSON_TYPE, packs());
        case "/v1/decisions":
          return !post(method, request, response, callback, JSON_TYPE) || decide(request, response, callback);
        case "/v1/decisions/batch":
          return !post(method, request, response, callback, JSONL_TYPE) || batch(request, response, callback);
        case "/v1/reservations":
          return !post(method, request, response, callback, JSON_TYPE) || reserve(request, response, callback);
        default:
          break;
      }
      if (path.startsWith(DECISIONS) && path.length() > DECISIONS.length()) {
        return !get(method, response, callback) || lookup(path.substring(DECISIONS.length()), response, callback);
      }
      if (path.startsWith(CALLS) && path.endsWith(OUTCOME) && path.length() > CALLS.length() + OUTCOME.length()) {
        String id = path.substring(CALLS.length(), path.length() - OUTCOME.length());
        return !post(method, request, response, callback, JSON_TYPE) || outcome(id, request, response, callback);
      }
      return reject(response, callback, 404, "no endpoint at " + path);
    } catch (BodyTooLarge e) {
      return reject(response, callback, 413, "the request body is over " + maxBody + " bytes");
    } catch (NotUtf8 e) {
      return reject(response, callback, 400, "the request body is not UTF-8");
    } catch (UncheckedIOException e) {
      // The client went away or stalled past the idle timeout mid-body: nothing was decided, and there is
      // usually no one left to answer.
      return reject(response, callback, 400, "the request body could not be read to its end");
    } catch (RuntimeException e) {
      // The message may quote the request, so only the exception's class is logged, and nothing is returned.
      LOG.error("{} {} failed: {}", method, path, e.getClass().getName());
      return send(response, callback, 500, JSON_TYPE, errorBody(500, "the server failed; the request was not decided"));
    }
  }

  // --- endpoints

  private boolean ready(Response response, Callback callback) {
    boolean ledgerUp = readiness.ledgerAnswers();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", ledgerUp ? "UP" : "DOWN");
    body.put("packs", "UP");
    body.put("ledger", ledgerUp ? "UP" : "DOWN");
    if (bundle != null) {
      // A stale bundle does not make the service unready: it decides on the last good one, and says so.
      body.put("bundle", bundleStatus());
    }
    return send(response, callback, ledgerUp ? 200 : 503, JSON_TYPE, json(body));
  }

  private boolean decide(Request request, Response response, Callback callback) {
    String pin = request.getHttpURI().getQuery() == null ? null : Request.extractQueryParameters(request).getValue("pin");
    PolicyEngine decider = engine;
    if (pin != null) {
      try {
        decider = pinned.get(pin);
      } catch (IllegalArgumentException e) {
        return reject(response, callback, 400, "pin: " + e.getMessage());
      }
    }
    String body = text(read(request));
    long start = System.nanoTime();
    Decision decision = decider.decideJson(body);
    return answer("decisions", decision, start, response, callback);
  }

  /** 200 with a decision's entry in the decision log (its request masked), or 404. */
  private boolean lookup(String id, Response response, Callback callback) {
    if (decisionLog == null) {
      return reject(response, callback, 404, "this server keeps no decision log (tollgate serve --decision-log DIR|JDBC_URL)");
    }
    if (!DECISION_ID.matcher(id).matches()) {
      return reject(response, callback, 400, "a decision id is 1 to 128 letters, digits, '.', '_', ':' or '-'");
    }
    String entry = decisionLog.find(id);
    if (entry == null) {
      return reject(response, callback, 404, "no decision " + id + " in the decision log");
    }
    return send(response, callback, 200, JSON_TYPE, entry.getBytes(StandardCharsets.UTF_8));
  }

  private boolean reserve(Request request, Response response, Callback callback) {
    String body = text(read(request));
    long start = System.nanoTime();
    dev.tollgate.Request parsed;
    try {
      parsed = dev.tollgate.Request.fromJson(body);
    } catch (InvalidRequestException e) {
      return answer("reservations", engine.decideJson(body), start, response, callback);
    }
    if (parsed instanceof CallRequest call) {
      return answer("reservations", engine.decideAndRecord(call), start, response, callback);
    }
    if (parsed instanceof MessageRequest message) {
      return answer("reservations", engine.decideAndRecord(message), start, response, callback);
    }
    return reject(response, callback, 400, "a reservation is a call or message request; $.type was data-share");
  }

  /** 200 with the decision, or 400 with it when it is the DENY of a request that breaks the contract. */
  private boolean answer(String endpoint, Decision decision, long start, Response response, Callback callback) {
    metrics.decided(endpoint, decision, start);
    boolean invalid = invalid(decision);
    if (invalid) {
      metrics.rejected(400);
    }
    return send(response, callback, invalid ? 400 : 200, JSON_TYPE, decision.toJson().getBytes(StandardCharsets.UTF_8));
  }

  private static boolean invalid(Decision decision) {
    if (decision.isAllowed()) {
      return false;
    }
    for (dev.tollgate.Finding f : decision.findings()) {
      if (f.rule().equals(INVALID)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Decides each line as it arrives and streams its decision back: one output line per non-blank input line,
   * in order. A line that breaks the contract gets its TOLLGATE-INVALID-REQUEST DENY; one that cannot be
   * read at all (too long, not UTF-8) gets an error object naming its line. Neither stops the rest.
   */
  private boolean batch(Request request, Response response, Callback callback) {
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSONL_TYPE);
    InputStream in = Content.Source.asInputStream(request);
    try (OutputStream out = new BufferedOutputStream(Content.Sink.asOutputStream(response), 1 << 16)) {
      LineReader lines = new LineReader(in, maxBody);
      byte[] line;
      while ((line = lines.next()) != null) {
        if (lines.tooLong()) {
          metrics.rejected(413);
          out.write(lineError(lines.number(), 413, "the line is over " + maxBody + " bytes"));
        } else if (!blank(line)) {
          String text;
          try {
            text = text(line);
          } catch (NotUtf8 e) {
            metrics.rejected(400);
            out.write(lineError(lines.number(), 400, "the line is not UTF-8"));
            continue;
          }
          long start = System.nanoTime();
          Decision decision = engine.decideJson(text);
          metrics.decided("batch", decision, start);
          out.write(decision.toJson().getBytes(StandardCharsets.UTF_8));
          out.write('\n');
        }
        // Sends what is decided whenever the client has sent nothing more yet, so a slow producer still
        // sees its answers as it goes.
        if (in.available() == 0) {
          out.flush();
        }
      }
    } catch (IOException e) {
      // The client went away mid-stream; what it sent before was decided and answered line by line.
      callback.failed(e);
      return true;
    }
    callback.succeeded();
    return true;
  }

  private boolean outcome(String id, Request request, Response response, Callback callback) {
    JsonNode body;
    try {
      body = JSON.readTree(text(read(request)));
    } catch (JsonProcessingException e) {
      return reject(response, callback, 400, "the body is not JSON: " + e.getOriginalMessage());
    }
    if (body == null || !body.isObject()) {
      return reject(response, callback, 400, "$: expected an object {\"outcome\": ...}");
    }
    for (var names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("outcome")) {
        return reject(response, callback, 400, "$." + name + ": unknown field; only outcome is allowed");
      }
    }
    JsonNode value = body.get("outcome");
    CallRequest.Outcome outcome = null;
    if (value != null && value.isTextual()) {
      for (CallRequest.Outcome o : CallRequest.Outcome.values()) {
        if (o.name().equals(value.textValue())) {
          outcome = o;
        }
      }
    }
    if (outcome == null) {
      return reject(response, callback, 400, "$.outcome: must be one of " + List.of(CallRequest.Outcome.values()));
    }
    boolean recorded;
    try {
      recorded = ledger.recordOutcome(id, outcome);
    } catch (LedgerException e) {
      return send(response, callback, 503, JSON_TYPE, errorBody(503, "the ledger is unavailable; the outcome was not recorded"));
    }
    if (!recorded) {
      return reject(response, callback, 404, "no call '" + id + "' is recorded (never reserved, or pruned)");
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("id", id);
    answer.put("outcome", outcome.name());
    answer.put("recorded", true);
    return send(response, callback, 200, JSON_TYPE, json(answer));
  }

  private record PacksJson(List<RulePack> packs, byte[] json) {}

  /** The /v1/packs body: the packs in force, and with a bundle, its revision and the last attempt to load one. */
  private byte[] packs() {
    if (bundle == null) {
      return packs.json();
    }
    List<RulePack> now = engine.packs();
    PacksJson made = packs;
    if (made.packs() != now) {
      made = new PacksJson(now, packsJson(now));
      packs = made;
    }
    byte[] list = made.json();
    byte[] status = json(Map.of("bundle", bundleStatus()));
    // {"packs":[...]} and {"bundle":{...}} joined as one object.
    byte[] out = java.util.Arrays.copyOf(list, list.length + status.length - 1);
    out[list.length - 1] = ',';
    System.arraycopy(status, 1, out, list.length, status.length - 1);
    return out;
  }

  private Map<String, Object> bundleStatus() {
    BundleSource.Status s = bundle.status();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("revision", s.revision());
    out.put("loadedAt", String.valueOf(s.loadedAt()));
    out.put("lastCheck", s.lastCheck() == null ? null : s.lastCheck().toString());
    Reload last = s.lastAttempt();
    if (last != null) {
      Map<String, Object> attempt = new LinkedHashMap<>();
      attempt.put("at", last.at().toString());
      attempt.put("outcome", last.outcome().name());
      attempt.put("revision", last.revision());
      if (!last.loaded()) {
        attempt.put("reason", last.reason().name());
        attempt.put("message", last.message());
      }
      out.put("lastAttempt", attempt);
    }
    out.put("staleSince", s.staleSince() == null ? null : s.staleSince().toString());
    out.put("staleSeconds", s.staleFor(java.time.Instant.now()).toSeconds());
    return out;
  }

  private static byte[] packsJson(List<RulePack> packs) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (RulePack p : packs) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", p.id());
      m.put("version", p.version().toString());
      m.put("digest", p.digest());
      m.put("jurisdiction", p.jurisdiction());
      m.put("title", Map.of("zh", p.title().zh(), "en", p.title().en()));
      m.put("effective", period(p.effective()));
      List<Map<String, Object>> rules = new ArrayList<>();
      for (Rule r : p.rules()) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", r.id());
        rule.put("title", text(r.title()));
        rule.put("effect", r.effect().name());
        rule.put("status", r.status().name());
        rule.put("confidence", r.confidence().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        Map<String, Object> citation = new LinkedHashMap<>();
        citation.put("instrument", r.citation().instrument());
        citation.put("article", r.citation().article());
        citation.put("url", r.citation().url());
        rule.put("citation", citation);
        rule.put("effective", period(r.effective()));
        rule.put("message", text(r.message()));
        rules.add(rule);
      }
      m.put("rules", rules);
      list.add(m);
    }
    return json(Map.of("packs", list));
  }

  private static Map<String, Object> period(EffectivePeriod e) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("from", e.from() == null ? null : e.from().toString());
    out.put("to", e.to() == null ? null : e.to().toString());
    return out;
  }

  private static Map<String, Object> text(Text t) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("zh", t.zh());
    out.put("en", t.en());
    return out;
  }

  /** A file of the console, under a policy that lets nothing but the service's own script run. */
  private boolean page(Response response, Callback callback, Console.Asset asset) {
    response.getHeaders().put("Content-Security-Policy", Console.POLICY);
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.getHeaders().put("Referrer-Policy", "no-referrer");
    return send(response, callback, 200, asset.type(), asset.body());
  }

  @Override
  protected void doStop() throws Exception {
    super.doStop();
    pinned.close();
  }

  // --- method, content type, body

  /** Whether the method is GET or HEAD; if not, answers 405. */
  private boolean get(String method, Response response, Callback callback) {
    if (method.equals("GET") || method.equals("HEAD")) {
      return true;
    }
    response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
    reject(response, callback, 405, "use GET");
    return false;
  }

  /** Whether the method is POST with the endpoint's content type; if not, answers 405 or 415. */
  private boolean post(String method, Request request, Response response, Callback callback, String type) {
    if (!method.equals("POST")) {
      response.getHeaders().put(HttpHeader.ALLOW, "POST");
      reject(response, callback, 405, "use POST");
      return false;
    }
    String given = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (!acceptable(given, type)) {
      reject(response, callback, 415, "Content-Type must be " + type + (type.equals(JSONL_TYPE) ? " (one JSON request a line)" : "")
          + ", in UTF-8");
      return false;
    }
    return true;
  }

  /** {@code type}, optionally with {@code charset=utf-8}; JSON lines are also accepted as application/jsonl. */
  private static boolean acceptable(String given, String type) {
    if (given == null) {
      return false;
    }
    String[] parts = given.toLowerCase(Locale.ROOT).split(";");
    String media = parts[0].strip();
    boolean mediaOk = media.equals(type) || (type.equals(JSONL_TYPE) && media.equals("application/jsonl"));
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip();
      if (p.startsWith("charset=") && !p.equals("charset=utf-8") && !p.equals("charset=\"utf-8\"")) {
        return false;
      }
    }
    return mediaOk;
  }

  /** The whole body, refused past the limit before it is read when its length is declared. */
  private byte[] read(Request request) {
    long declared = request.getLength();
    if (declared > maxBody) {
      throw new BodyTooLarge();
    }
    try (InputStream in = Content.Source.asInputStream(request)) {
      if (declared >= 0) {
        // Read straight into an array of the declared size: the common case, and the one that allocates least.
        byte[] body = new byte[(int) declared];
        int n = in.readNBytes(body, 0, body.length);
        // Reading on to the end of the body lets Jetty keep the connection for the next request.
        if (n < body.length || in.read() >= 0) {
          throw new IOException("the body is not of its declared length");
        }
        return body;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) > 0) {
        if (out.size() + n > maxBody) {
          throw new BodyTooLarge();
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Strict UTF-8: a body with bad bytes is refused, not read with replacement characters in its values.
   * The JDK's lenient decoding is much faster than a strict decoder, and it marks every bad byte with
   * U+FFFD, so only a body in which that character appears is decoded again, strictly, to tell.
   */
  private static String text(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.indexOf('\uFFFD') < 0) {
      return text;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new NotUtf8();
    }
  }

  private static boolean blank(byte[] line) {
    for (byte b : line) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  // --- answers

  private boolean reject(Response response, Callback callback, int status, String message) {
    metrics.rejected(status);
    return send(response, callback, status, JSON_TYPE, errorBody(status, message));
  }

  private static boolean send(Response response, Callback callback, int status, String type, byte[] body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }

  /** {@code {"error":{"status":413,"message":"..."}}}: an answer that is not a decision. */
  static byte[] errorBody(int status, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("status", status);
    error.put("message", message);
    return json(Map.of("error", error));
  }

  private static byte[] lineError(long line, int status, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("line", line);
    error.put("status", status);
    error.put("message", message);
    byte[] body = json(Map.of("error", error));
    byte[] withNewline = java.util.Arrays.copyOf(body, body.length + 1);
    withNewline[body.length] = '\n';
    return withNewline;
  }

  private static byte[] json(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("maps of strings and numbers always serialise", e);
    }
  }

  /** A body over the limit: answered 413. */
  private static final class BodyTooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BodyTooLarge() {
      super(null, null, false, false);
    }
  }

  /** A body that is not UTF-8: answered 400. */
  private static final class NotUtf8 extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotUtf8() {
      super(null, null, false, false);
    }
  }
}
