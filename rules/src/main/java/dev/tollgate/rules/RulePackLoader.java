package dev.tollgate.rules;

import dev.tollgate.rules.internal.BundledPacks;
import dev.tollgate.rules.internal.Node;
import dev.tollgate.rules.internal.PackReader;
import dev.tollgate.rules.internal.Problems;
import dev.tollgate.rules.internal.YamlReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads rule packs from {@code <pack-id>/<version>/pack.yaml} files and checks them, alone and together.
 *
 * <p>Stateless and thread-safe. Every problem in every file is collected before anything is thrown.
 */
public final class RulePackLoader {
  /** The file name of a pack inside its version folder. */
  public static final String PACK_FILE = "pack.yaml";

  private RulePackLoader() {}

  /**
   * Loads every pack under the given paths. A path may be a folder of packs ({@code <id>/<version>/pack.yaml}
   * below it), one pack's version folder, or a {@code pack.yaml} file.
   *
   * @return the packs, ordered by id and then version
   * @throws RulePackException with every problem found, if any
   * @throws UncheckedIOException if a file cannot be read
   */
  public static List<RulePack> load(Path... paths) {
    List<Source> sources = new ArrayList<>();
    for (Path path : paths) {
      for (Path file : packFiles(path)) {
        try {
          sources.add(new Source(file.toString(), file, YamlReader.readFile(file)));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + file, e);
        }
      }
    }
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("no " + PACK_FILE + " found under " + List.of(paths));
    }
    return loadAll(sources);
  }

  /**
   * Reads one pack from YAML bytes, as {@link #load} does for a file.
   *
   * @param source the name to report problems against, usually the file path
   * @throws RulePackException with every problem found, if any
   */
  public static RulePack parse(String source, byte[] yaml) {
    return loadAll(List.of(new Source(source, null, yaml))).get(0);
  }

  /**
   * Loads the packs shipped on the classpath under {@code tollgate/packs/}, as the
   * {@code dev.tollgate:tollgate-rulepacks} jar ships them.
   *
   * @return the packs, ordered by id and then version
   * @throws IllegalStateException if no bundled packs are on the classpath, or one is not in the folder its
   *     id and version name
   * @throws RulePackException with every problem found, if any
   * @throws UncheckedIOException if the packs cannot be read
   */
  public static List<RulePack> loadBundled() {
    return BundledPacks.load();
  }

  /**
   * Checks packs loaded separately (bundled ones and an institution's, say) as one set: no pack version
   * twice, no rule id in two different packs.
   *
   * @return the packs, ordered by id and then version
   * @throws RulePackException if the set has problems
   */
  public static List<RulePack> combine(List<RulePack> packs) {
    List<Problem> problems = crossPackProblems(packs);
    if (!problems.isEmpty()) {
      throw new RulePackException(packs.size() + " rule packs", problems);
    }
    List<RulePack> sorted = new ArrayList<>(packs);
    sorted.sort(Comparator.comparing(RulePack::id).thenComparing(RulePack::version));
    return List.copyOf(sorted);
  }

  /** A pack file: the name problems are reported against, its path if it is a file, and its bytes. */
  private record Source(String name, Path path, byte[] bytes) {}

  private static List<RulePack> loadAll(List<Source> sources) {
    List<Problem> problems = new ArrayList<>();
    List<RulePack> packs = new ArrayList<>();
    for (Source s : sources) {
      Problems p = new Problems(s.name());
      Node root = YamlReader.read(s.bytes(), p);
      RulePack pack = root == null ? null : PackReader.read(root, digest(s.bytes()), p);
      if (pack != null && s.path() != null) {
        checkLocation(pack, s.path(), p);
      }
      problems.addAll(p.list());
      if (pack != null && p.isEmpty()) {
        packs.add(pack);
      }
    }
    problems.addAll(crossPackProblems(packs));
    if (!problems.isEmpty()) {
      String subject = sources.size() == 1 ? "rule pack file " + sources.get(0).name() : sources.size() + " rule pack files";
      throw new RulePackException(subject, problems);
    }
    packs.sort(Comparator.comparing(RulePack::id).thenComparing(RulePack::version));
    return List.copyOf(packs);
  }

  /** The SHA-256 digest of a pack file, as decisions cite it. */
  private static String digest(byte[] yaml) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(yaml));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }

  private static void checkLocation(RulePack pack, Path file, Problems p) {
    Path versionDir = file.toAbsolutePath().getParent();
    Path idDir = versionDir == null ? null : versionDir.getParent();
    if (idDir == null || idDir.getFileName() == null) {
      return;
    }
    String dirId = idDir.getFileName().toString();
    String dirVersion = versionDir.getFileName().toString();
    if (!dirId.equals(pack.id()) || !dirVersion.equals(pack.version().toString())) {
      p.add("pack_location_mismatch", new Node.Mark(1, 1), "$",
          "pack " + pack.ref() + " must live in " + pack.id() + "/" + pack.version() + "/" + PACK_FILE
              + ", not in " + dirId + "/" + dirVersion + "/");
    }
  }

  private static List<Problem> crossPackProblems(List<RulePack> packs) {
    List<Problem> out = new ArrayList<>();
    Map<String, RulePack> byRef = new LinkedHashMap<>();
    Map<String, RulePack> ruleOwner = new LinkedHashMap<>();
    for (RulePack pack : packs) {
      RulePack twin = byRef.putIfAbsent(pack.ref(), pack);
      if (twin != null) {
        out.add(new Problem("duplicate_pack", pack.source(), 1, 1, "$",
            "pack " + pack.ref() + " is also defined in " + twin.source()));
      }
      for (Rule rule : pack.rules()) {
        RulePack owner = ruleOwner.putIfAbsent(rule.id(), pack);
        if (owner != null && !owner.id().equals(pack.id())) {
          out.add(new Problem("duplicate_rule_id", pack.source(), 1, 1, "$.rules",
              "rule id " + rule.id() + " is also used by pack " + owner.ref() + "; rule ids are unique across packs"));
        }
      }
    }
    return out;
  }

  private static List<Path> packFiles(Path path) {
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (!Files.isDirectory(path)) {
      throw new IllegalArgumentException("no such file or folder: " + path);
    }
    try (Stream<Path> walk = Files.walk(path, 3)) {
      return walk.filter(p -> p.getFileName().toString().equals(PACK_FILE) && Files.isRegularFile(p)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + path, e);
    }
  }
}
