package dev.tollgate.decisionlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Checks a decision log: every entry matches its hash, follows the one before it (seq and {@code prev}), and
 * every checkpoint carries a valid signature over the chain as it stood. Reports the first entry that was
 * changed, removed, inserted or reordered, or the first forged checkpoint.
 *
 * <p>What a hash chain cannot show: entries cut off after the last checkpoint (the log simply looks
 * shorter). Ship checkpoints elsewhere as they are written (another host, a ticket, a notary) and compare;
 * the result says how many entries follow the last checkpoint. Stateless.
 */
public final class LogVerifier {
  private LogVerifier() {}

  /** The outcome of a check. */
  public enum Status {
    /** Every entry and checkpoint checks out. */
    INTACT,
    /** Something was changed, removed, inserted or reordered, or a checkpoint is forged. */
    BROKEN,
    /** The log or the key could not be read. */
    UNREADABLE
  }

  /**
   * What a check found.
   *
   * @param status intact, broken or unreadable
   * @param message one paragraph for a person: the first problem at file:line, or what was checked
   * @param entries the entries read
   * @param checkpointedSeq the seq of the last checkpoint that checked out, 0 if none
   */
  public record Result(Status status, String message, long entries, long checkpointedSeq) {
    public Result {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * Checks the log at {@code log} (its folder, or one file) with the public key in {@code publicKeyPem}.
   * Never throws for a bad log or key: that is a result.
   */
  public static Result verify(Path log, Path publicKeyPem) {
    PublicKey key;
    try {
      key = Keys.publicKey(publicKeyPem);
    } catch (RuntimeException e) {
      return new Result(Status.UNREADABLE, e.getMessage(), 0, 0);
    }
    return verify(log, key);
  }

  /** As {@link #verify(Path, Path)}, with the key given. */
  public static Result verify(Path log, PublicKey key) {
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(key, "key");
    if (!java.nio.file.Files.exists(log)) {
      return new Result(Status.UNREADABLE, "no decision log at " + log, 0, 0);
    }
    return verify(visitor -> Lines.ofFiles(log, visitor), key);
  }

  /** As {@link #verify(DataSource, String, Path)}, with the key given. */
  public static Result verify(DataSource dataSource, String table, PublicKey key) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(key, "key");
    try {
      JdbcSink.checkTable(table);
    } catch (IllegalArgumentException e) {
      return new Result(Status.UNREADABLE, e.getMessage(), 0, 0);
    }
    return verify(visitor -> JdbcSink.read(dataSource, table, visitor), key);
  }

  /**
   * Checks the log kept in a table (see {@link DecisionLog#toDatabase}) with the public key in {@code publicKeyPem}.
   * Never throws for a bad log or key: that is a result.
   */
  public static Result verify(DataSource dataSource, String table, Path publicKeyPem) {
    Objects.requireNonNull(dataSource, "dataSource");
    PublicKey key;
    try {
      key = Keys.publicKey(publicKeyPem);
    } catch (RuntimeException e) {
      return new Result(Status.UNREADABLE, e.getMessage(), 0, 0);
    }
    return verify(dataSource, table, key);
  }

  /** Reads a log's lines into a visitor. */
  private interface Source {
    void read(Lines.Visitor visitor) throws IOException;
  }

  private static Result verify(Source source, PublicKey key) {
    List<Line> lines = new ArrayList<>();
    try {
      source.read((where, text) -> lines.add(new Line(where, text)));
    } catch (IOException e) {
      return new Result(Status.UNREADABLE, "cannot read the log: " + e.getMessage(), 0, 0);
    }
    if (lines.isEmpty()) {
      return new Result(Status.UNREADABLE, "the log has no lines", 0, 0);
    }
    return check(lines, key);
  }

  private record Line(String where, String text) {}

  private record Seen(String where, String hash) {}

  private static Result check(List<Line> lines, PublicKey key) {
    Map<Long, Seen> bySeq = new HashMap<>();
    List<ObjectNode> nodes = new ArrayList<>(lines.size());
    for (Line line : lines) {
      try {
        nodes.add(Entries.read(line.text()));
      } catch (IllegalArgumentException e) {
        return broken("changed: " + line.where() + " is not a log line (" + e.getMessage() + ")", 0, 0);
      }
    }
    // Where each seq first appears, to tell a reordered entry from a removed one.
    Map<Long, Integer> firstIndex = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      JsonNode seq = nodes.get(i).get("seq");
      if (seq != null && seq.canConvertToLong()) {
        firstIndex.putIfAbsent(seq.asLong(), i);
      }
    }
    long expected = 1;
    String prev = Entries.GENESIS;
    long entries = 0;
    long checkpointed = 0;
    for (int i = 0; i < nodes.size(); i++) {
      ObjectNode node = nodes.get(i);
      String where = lines.get(i).where();
      if (node.has("checkpoint")) {
        String problem = checkpoint(node, where, key, bySeq, expected - 1);
        if (problem != null) {
          return broken(problem, entries, checkpointed);
        }
        checkpointed = node.get("checkpoint").get("seq").asLong();
        continue;
      }
      JsonNode seqNode = node.get("seq");
      JsonNode hashNode = node.get("hash");
      if (seqNode == null || !seqNode.canConvertToLong() || hashNode == null || !node.has("prev")) {
        return broken("changed: " + where + " is neither an entry nor a checkpoint", entries, checkpointed);
      }
      long seq = seqNode.asLong();
      String hash = hashNode.asText();
      if (!Entries.hash(node).equals(hash)) {
        return broken("changed: the entry at " + where + " (seq " + seq + ") does not match its hash", entries, checkpointed);
      }
      if (seq > expected) {
        Integer later = firstIndex.get(expected);
        return broken(later != null && later > i
            ? "reordered: the entry at " + where + " (seq " + seq + ") comes before seq " + expected + " at " + lines.get(later).where()
            : "removed: " + (seq - expected == 1 ? "entry seq " + expected + " is" : "entries seq " + expected + " to " + (seq - 1) + " are")
                + " missing before " + where, entries, checkpointed);
      }
      if (seq < expected) {
        Seen earlier = bySeq.get(seq);
        return broken("inserted: the entry at " + where + " claims seq " + seq + ", which "
            + (earlier == null ? "comes before the log's start" : "the entry at " + earlier.where() + " already has")
            + "; seq " + expected + " was expected", entries, checkpointed);
      }
      if (!node.get("prev").asText().equals(prev)) {
        return broken("inserted: the entry at " + where + " (seq " + seq + ") does not follow the entry before it"
            + " (its prev hash is not that entry's hash)", entries, checkpointed);
      }
      bySeq.put(seq, new Seen(where, hash));
      prev = hash;
      expected = seq + 1;
      entries++;
    }
    long unsigned = entries - checkpointed;
    String tail = checkpointed == 0
        ? "no checkpoint was found, so a log rewritten from some entry on, or cut short, would look intact"
        : unsigned == 0 ? "the last checkpoint covers every entry"
        : unsigned + (unsigned == 1 ? " entry" : " entries") + " after the last checkpoint (seq " + checkpointed + ") "
            + (unsigned == 1 ? "is" : "are") + " held by the hash chain only:"
            + " if they were cut off, the log would look intact; compare with checkpoints shipped elsewhere";
    return new Result(Status.INTACT, "intact: " + entries + " entries; " + tail + ".", entries, checkpointed);
  }

  /** The problem with a checkpoint line, or null if it is signed and matches the chain at its seq. */
  private static String checkpoint(ObjectNode node, String where, PublicKey key, Map<Long, Seen> bySeq, long lastSeq) {
    JsonNode point = node.get("checkpoint");
    JsonNode signature = node.get("signature");
    if (!(point instanceof ObjectNode) || signature == null || !point.path("seq").canConvertToLong()) {
      return "forged checkpoint at " + where + ": it is not a checkpoint of the expected form";
    }
    boolean valid;
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(Entries.canonical(point));
      valid = verifier.verify(Base64.getDecoder().decode(signature.asText()));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      valid = false;
    }
    if (!valid) {
      return "forged checkpoint at " + where + ": its signature does not verify with the public key";
    }
    long seq = point.get("seq").asLong();
    if (seq > lastSeq) {
      return "removed: the checkpoint at " + where + " signs seq " + seq + " but the log has " + lastSeq + " entries before it";
    }
    Seen seen = bySeq.get(seq);
    if (seen == null || !seen.hash().equals(point.path("hash").asText())) {
      return "changed: the checkpoint at " + where + " signs the chain at seq " + seq + " with another hash than the log's"
          + (seen == null ? "" : " entry at " + seen.where()) + ": entries up to seq " + seq + " were rewritten";
    }
    return null;
  }

  private static Result broken(String message, long entries, long checkpointed) {
    return new Result(Status.BROKEN, message, entries, checkpointed);
  }
}
