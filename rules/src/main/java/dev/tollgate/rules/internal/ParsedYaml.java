package dev.tollgate.rules.internal;

import dev.tollgate.rules.RulePack;
import dev.tollgate.rules.RulePackException;
import dev.tollgate.rules.RulePackLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * A pack's YAML tree as the build parsed it, saved beside the {@code pack.yaml} it came from: reading it
 * back skips the YAML parser and the digest, a large part of a cold build (BENCHMARKS.md).
 *
 * <p>{@link #read} gives the tree only if the YAML beside it is still the one it was made from (its length
 * and CRC-32), so an edited {@code pack.yaml} is parsed again, never decided on a stale tree; and only if
 * the file itself is whole (a CRC-32 of everything after it), so a damaged file is parsed again too. The
 * format is {@link DataOutputStream}'s: {@code TGPY}, the format, the file's CRC-32, the YAML's length,
 * CRC-32 and digest, then each node as a kind byte ({@code m} mapping, {@code l} list, {@code s i d b n}
 * a scalar), its line and column, and then a mapping's count and entries (key, line, column, value), a
 * list's count and items, or a scalar's text; texts are a length and UTF-8 bytes. Java's own classes
 * read it, which keeps a cold build from loading a parser.
 *
 * <p>Stateless and thread-safe.
 */
public final class ParsedYaml {
  private static final int MAGIC = 0x54475059;
  private static final int FORMAT = 1;
  /** The bytes before those the file's CRC-32 covers: magic, format and the CRC itself. */
  private static final int HEADER = 16;

  private ParsedYaml() {}

  /**
   * The rulepacks module's build step: checks every pack under the folder {@code args[0]} as
   * {@link RulePackLoader#load} does, writes each pack's parsed file into {@code args[1]} at the same
   * {@code <id>/<version>/} path, and lists the packs there in {@link RulePackLoader#INDEX_FILE}.
   *
   * <p>If a pack has problems it writes neither for any pack, removes an earlier index and says so in one
   * line: the jar then ships the packs as YAML alone (trees left from an earlier build no longer match
   * them), and loading them reports the problems at file:line:col, as for any folder of packs, where a
   * failed build would bury them in the build's output.
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: ParsedYaml PACKS-DIR OUTPUT-DIR");
    }
    Path out = Path.of(args[1]);
    Files.deleteIfExists(out.resolve(RulePackLoader.INDEX_FILE));
    List<RulePack> packs;
    try {
      packs = RulePackLoader.load(Path.of(args[0]));
    } catch (RulePackException e) {
      // A build step's own output, in the build log: the packs still ship, as YAML, and loading them
      // reports these problems wherever they are used.
      System.err.println("[tollgate] the bundled packs have problems, so the jar gets no parsed trees and loads"
          + " them from YAML: " + e.problems().size() + " problems, the first " + e.problems().get(0));
      return;
    }
    StringBuilder index = new StringBuilder();
    for (RulePack pack : packs) {
      byte[] yaml = Files.readAllBytes(Path.of(pack.source()));
      Node root = YamlReader.read(yaml, new Problems(pack.source()));
      String folder = pack.id() + "/" + pack.version();
      Path file = out.resolve(folder).resolve(RulePackLoader.PARSED_FILE);
      Files.createDirectories(file.getParent());
      Files.write(file, write(yaml, root));
      index.append(folder).append('/').append(RulePackLoader.PACK_FILE).append('\n');
    }
    Files.writeString(out.resolve(RulePackLoader.INDEX_FILE), index);
  }

  /** A tree read back, with the digest of the YAML it was parsed from. */
  public record Tree(Node root, String digest) {}

  /** The SHA-256 digest of a pack file, as decisions cite it. */
  public static String digest(byte[] yaml) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(yaml));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }

  /**
   * The parsed file of {@code root}, the tree of {@code yaml}. Only for a tree read without problems: one
   * read back skips the YAML reader, and with it the problems (duplicate keys, aliases) that it finds.
   */
  public static byte[] write(byte[] yaml, Node root) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(body)) {
      out.writeInt(yaml.length);
      out.writeLong(crc32(yaml, 0, yaml.length));
      text(out, digest(yaml));
      write(out, root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] bytes = body.toByteArray();
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(file)) {
      out.writeInt(MAGIC);
      out.writeInt(FORMAT);
      out.writeLong(crc32(bytes, 0, bytes.length));
      out.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file.toByteArray();
  }

  /**
   * Reads a parsed file back.
   *
   * @return the tree, or null if the file was not made from these YAML bytes or is not one this version
   *     reads; the caller then parses the YAML itself
   */
  public static Tree read(byte[] parsed, byte[] yaml) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(parsed));
      if (in.readInt() != MAGIC || in.readInt() != FORMAT || in.readLong() != crc32(parsed, HEADER, parsed.length - HEADER)
          || in.readInt() != yaml.length || in.readLong() != crc32(yaml, 0, yaml.length)) {
        return null;
      }
      String digest = text(in);
      Node root = node(in, 0);
      return in.read() == -1 ? new Tree(root, digest) : null;
    } catch (IOException | RuntimeException e) {
      // A file this version cannot read is not an error: the YAML is still there to parse.
      return null;
    }
  }

  private static long crc32(byte[] bytes, int offset, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, offset, length);
    return crc.getValue();
  }

  private static void write(DataOutputStream out, Node node) throws IOException {
    if (node instanceof Node.Mapping m) {
      out.writeByte('m');
      mark(out, m.mark());
      out.writeInt(m.entries().size());
      for (Node.Entry e : m.entries().values()) {
        text(out, e.key());
        mark(out, e.keyMark());
        write(out, e.value());
      }
    } else if (node instanceof Node.Sequence s) {
      out.writeByte('l');
      mark(out, s.mark());
      out.writeInt(s.items().size());
      for (Node item : s.items()) {
        write(out, item);
      }
    } else {
      Node.Scalar s = (Node.Scalar) node;
      out.writeByte(switch (s.kind()) {
        case STRING -> 's';
        case INTEGER -> 'i';
        case DECIMAL -> 'd';
        case BOOLEAN -> 'b';
        case NULL -> 'n';
      });
      mark(out, s.mark());
      text(out, s.text());
    }
  }

  /** The next node, below {@code depth} mappings and lists. */
  private static Node node(DataInputStream in, int depth) throws IOException {
    int kind = in.readByte();
    Node.Mark mark = mark(in);
    if ((kind == 'm' || kind == 'l') && depth >= YamlReader.MAX_DEPTH) {
      throw new IOException("nested deeper than a pack may be");
    }
    switch (kind) {
      case 'm' -> {
        Map<String, Node.Entry> entries = new LinkedHashMap<>();
        for (int n = count(in); n > 0; n--) {
          String key = text(in);
          Node.Mark keyMark = mark(in);
          if (entries.put(key, new Node.Entry(key, keyMark, node(in, depth + 1))) != null) {
            throw new IOException("key " + key + " twice");
          }
        }
        return new Node.Mapping(entries, mark);
      }
      case 'l' -> {
        List<Node> items = new ArrayList<>();
        for (int n = count(in); n > 0; n--) {
          items.add(node(in, depth + 1));
        }
        return new Node.Sequence(items, mark);
      }
      default -> {
        Node.Scalar.Kind scalar = switch (kind) {
          case 's' -> Node.Scalar.Kind.STRING;
          case 'i' -> Node.Scalar.Kind.INTEGER;
          case 'd' -> Node.Scalar.Kind.DECIMAL;
          case 'b' -> Node.Scalar.Kind.BOOLEAN;
          case 'n' -> Node.Scalar.Kind.NULL;
          default -> throw new IOException("unknown node kind " + kind);
        };
        return new Node.Scalar(scalar, text(in), mark);
      }
    }
  }

  private static int count(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available()) {
      throw new IOException("a count of " + n + " in a file with " + in.available() + " bytes left");
    }
    return n;
  }

  private static void mark(DataOutputStream out, Node.Mark mark) throws IOException {
    out.writeInt(mark == null ? 0 : mark.line());
    out.writeInt(mark == null ? 0 : mark.column());
  }

  private static Node.Mark mark(DataInputStream in) throws IOException {
    int line = in.readInt();
    int column = in.readInt();
    if (line < 0 || column < 0) {
      throw new IOException("a mark is two positive numbers");
    }
    return line == 0 ? null : new Node.Mark(line, column);
  }

  private static void text(DataOutputStream out, String text) throws IOException {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String text(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IOException("a text longer than the file");
    }
    byte[] utf8 = new byte[length];
    in.readFully(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }
}
