package dev.tollgate.decisionlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.Decision;
import dev.tollgate.InvalidRequestException;
import dev.tollgate.PolicyEngine;
import dev.tollgate.Request;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Decides every logged request again, as of its logged {@code at} and with its logged contacts, and compares
 * the decision with the logged one. Under the same packs (same digests) every decision must come back
 * identical, so any difference is a defect; under other packs the differences are what the new packs would
 * have changed on real traffic.
 *
 * <p>Entries without a request (JSON that could not be read) and entries whose decision was
 * {@code TOLLGATE-INVALID-REQUEST} or {@code TOLLGATE-EVALUATION-ERROR} are skipped: masking changes what
 * made a request invalid (a phone number as subject is hashed), and an evaluation error is not an answer
 * to reproduce. Stateless.
 */
public final class LogReplay {
  private static final List<String> SKIPPED_RULES = List.of("TOLLGATE-INVALID-REQUEST", "TOLLGATE-EVALUATION-ERROR");

  private LogReplay() {}

  /**
   * A finding as a change lists it.
   *
   * @param rule the rule id
   * @param effect DENY, WARN or OBLIGATION
   * @param shadow whether the rule is in shadow
   * @param pack {@code id@version}
   * @param message the finding's English message
   */
  public record Cited(String rule, String effect, boolean shadow, String pack, String message) {}

  /**
   * One logged decision that came out differently.
   *
   * @param seq the entry's seq
   * @param id the request's id
   * @param before the logged verdict
   * @param after the verdict now
   * @param gone findings logged but not cited now
   * @param added findings cited now but not logged
   * @param fieldsBefore the logged {@code allowedFields}, null for calls
   * @param fieldsAfter {@code allowedFields} now
   * @param others the other top-level fields of the decision that differ ({@code nextAllowedAt}, ...)
   * @param samePacks whether the packs, their digests and the overrides were the same, which makes this a defect
   */
  public record Change(long seq, String id, String before, String after, List<Cited> gone, List<Cited> added,
      List<String> fieldsBefore, List<String> fieldsAfter, List<String> others, boolean samePacks) {
    public Change {
      gone = List.copyOf(gone);
      added = List.copyOf(added);
      others = List.copyOf(others);
    }
  }

  /**
   * What a replay found.
   *
   * @param replayed the entries decided again
   * @param skipped the entries not replayable (see the class comment)
   * @param changes the decisions that came out differently, in log order
   */
  public record Result(long replayed, long skipped, List<Change> changes) {
    public Result {
      changes = List.copyOf(changes);
    }

    /** The changes under the same packs: each is a defect. */
    public List<Change> defects() {
      return changes.stream().filter(Change::samePacks).toList();
    }
  }

  /**
   * Replays the log at {@code log} (its folder, or one file) on {@code engine}. The engine should have an
   * empty ledger: a logged request carries the contacts that were counted.
   *
   * @throws UncheckedIOException if the log cannot be read
   * @throws IllegalArgumentException naming file:line if a line is not an entry or a checkpoint
   */
  public static Result replay(Path log, PolicyEngine engine) {
    Objects.requireNonNull(log, "log");
    return replay(visitor -> Lines.ofFiles(log, visitor), log.toString(), engine);
  }

  /** As {@link #replay(Path, PolicyEngine)}, for a log kept in a table (see {@link DecisionLog#toDatabase}). */
  public static Result replay(DataSource dataSource, String table, PolicyEngine engine) {
    Objects.requireNonNull(dataSource, "dataSource");
    JdbcSink.checkTable(table);
    return replay(visitor -> JdbcSink.read(dataSource, table, visitor), "table " + table, engine);
  }

  /** Reads a log's lines into a visitor. */
  private interface Source {
    void read(Lines.Visitor visitor) throws IOException;
  }

  private static Result replay(Source source, String name, PolicyEngine engine) {
    Objects.requireNonNull(engine, "engine");
    long[] counts = new long[2];
    List<Change> changes = new ArrayList<>();
    try {
      source.read((where, line) -> {
        ObjectNode entry;
        try {
          entry = Entries.read(line);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        if (entry.has("checkpoint")) {
          return;
        }
        JsonNode logged = entry.get("decision");
        JsonNode request = entry.get("request");
        if (logged == null || request == null || request.isNull() || cites(logged, SKIPPED_RULES)) {
          counts[1]++;
          return;
        }
        Decision now;
        try {
          now = engine.decide(Request.fromJson(Entries.write(request)));
        } catch (InvalidRequestException e) {
          throw new IllegalArgumentException(where + ": the logged request is not a request: " + e.getMessage(), e);
        }
        counts[0]++;
        Change change = compare(entry.path("seq").asLong(), (ObjectNode) logged, Entries.read(now.toJson()));
        if (change != null) {
          changes.add(change);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the decision log " + name + ": " + e.getMessage(), e);
    }
    return new Result(counts[0], counts[1], changes);
  }

  private static boolean cites(JsonNode decision, List<String> rules) {
    for (JsonNode finding : decision.path("findings")) {
      if (rules.contains(finding.path("rule").asText())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The change from the logged decision to the one made now, or null if there is none: under the same packs
   * and overrides, any difference but the decision id; under others, as {@code tollgate diff} counts one (the
   * verdict, the rules cited, {@code allowedFields}, {@code nextAllowedAt} or the obligations).
   */
  static Change compare(long seq, ObjectNode before, ObjectNode after) {
    boolean samePacks = Objects.equals(before.get("packs"), after.get("packs"))
        && Objects.equals(before.get("overrides"), after.get("overrides"));
    Map<String, Cited> gone = cited(before);
    Map<String, Cited> added = cited(after);
    List<String> kept = new ArrayList<>(gone.keySet());
    kept.retainAll(added.keySet());
    kept.forEach(rule -> {
      if (gone.get(rule).effect().equals(added.get(rule).effect()) && gone.get(rule).shadow() == added.get(rule).shadow()) {
        gone.remove(rule);
        added.remove(rule);
      }
    });
    List<String> others = new ArrayList<>();
    List<String> fields = samePacks ? List.of("id", "at", "nextAllowedAt", "obligations", "findings")
        : List.of("nextAllowedAt", "obligations");
    for (String field : fields) {
      if (!Objects.equals(before.get(field), after.get(field)) && !(field.equals("findings") && (!gone.isEmpty() || !added.isEmpty()))) {
        others.add(field);
      }
    }
    String was = before.path("decision").asText();
    String now = after.path("decision").asText();
    List<String> fieldsBefore = texts(before.get("allowedFields"));
    List<String> fieldsAfter = texts(after.get("allowedFields"));
    if (was.equals(now) && gone.isEmpty() && added.isEmpty() && others.isEmpty() && Objects.equals(fieldsBefore, fieldsAfter)) {
      return null;
    }
    return new Change(seq, after.path("id").asText(), was, now, List.copyOf(gone.values()), List.copyOf(added.values()),
        fieldsBefore, fieldsAfter, others, samePacks);
  }

  private static Map<String, Cited> cited(JsonNode decision) {
    Map<String, Cited> out = new LinkedHashMap<>();
    for (JsonNode f : decision.path("findings")) {
      out.putIfAbsent(f.path("rule").asText(), new Cited(f.path("rule").asText(), f.path("effect").asText(),
          f.path("shadow").asBoolean(false), f.path("pack").asText(), f.path("message").path("en").asText()));
    }
    return out;
  }

  private static List<String> texts(JsonNode list) {
    if (list == null || !list.isArray()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    list.forEach(v -> out.add(v.asText()));
    return out;
  }
}
