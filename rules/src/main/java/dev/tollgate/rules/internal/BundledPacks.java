package dev.tollgate.rules.internal;

import dev.tollgate.rules.RulePack;
import dev.tollgate.rules.RulePackException;
import dev.tollgate.rules.RulePackLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The packs shipped on the classpath under {@code tollgate/packs/} (the tollgate-rulepacks jar): the build
 * step that lists them in an index beside them, and the reader that finds them through it.
 *
 * <p>Stateless and thread-safe.
 */
public final class BundledPacks {
  /** Where bundled packs live on the classpath. */
  static final String ROOT = "tollgate/packs";
  /**
   * The file the rulepacks build writes at the top of a jar's packs, listing their
   * {@code <id>/<version>/pack.yaml} files a line each; the bundled packs are those it lists.
   */
  static final String INDEX_FILE = "index.txt";

  private BundledPacks() {}

  /**
   * The rulepacks module's build step: checks every pack under the folder {@code args[0]} as
   * {@link RulePackLoader#load} does and lists them in {@link #INDEX_FILE} in the folder {@code args[1]}.
   *
   * <p>If a pack has problems it writes no index, removes an earlier one and says so in one line: the jar
   * then ships the packs unlisted, and loading them reports the problems at file:line:col, as for any
   * folder of packs, where a failed build would bury them in the build's output.
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: BundledPacks PACKS-DIR OUTPUT-DIR");
    }
    Path out = Path.of(args[1]);
    Files.deleteIfExists(out.resolve(INDEX_FILE));
    List<RulePack> packs;
    try {
      packs = RulePackLoader.load(Path.of(args[0]));
    } catch (RulePackException e) {
      // A build step's own output, in the build log: the packs still ship, and loading them reports these
      // problems wherever they are used.
      System.err.println("[tollgate] the bundled packs have problems, so the jar gets no index of them: "
          + e.problems().size() + " problems, the first " + e.problems().get(0));
      return;
    }
    StringBuilder index = new StringBuilder();
    for (RulePack pack : packs) {
      index.append(pack.id()).append('/').append(pack.version()).append('/').append(RulePackLoader.PACK_FILE).append('\n');
    }
    Files.createDirectories(out);
    Files.writeString(out.resolve(INDEX_FILE), index);
  }

  /**
   * Loads the bundled packs.
   *
   * @throws IllegalStateException if no bundled packs are on the classpath, or one is not in the folder
   *     its id and version name
   */
  public static List<RulePack> load() {
    URL url = BundledPacks.class.getClassLoader().getResource(ROOT);
    if (url == null) {
      throw new IllegalStateException("no bundled packs on the classpath (" + ROOT
          + "/): add the dev.tollgate:tollgate-rulepacks jar, or load packs from a folder");
    }
    try {
      URI uri = url.toURI();
      if (!uri.getScheme().equals("jar")) {
        return RulePackLoader.load(Path.of(uri));
      }
      Path jar = jarFile(uri);
      return jar != null ? fromJar(jar) : RulePackLoader.load(jarFileSystem(uri).provider().getPath(uri));
    } catch (URISyntaxException e) {
      throw new IllegalStateException("unreadable location of bundled packs: " + url, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundled packs at " + url, e);
    }
  }

  /** The jar file of {@code jar:file:/...!/tollgate/packs}; null for any other kind of jar URI (a jar in a jar). */
  private static Path jarFile(URI uri) throws URISyntaxException {
    String part = uri.getRawSchemeSpecificPart();
    int bang = part.indexOf("!/");
    if (bang < 0 || part.indexOf("!/", bang + 2) >= 0 || !part.startsWith("file:")) {
      return null;
    }
    Path file = Path.of(new URI(part.substring(0, bang)));
    return Files.isRegularFile(file) ? file : null;
  }

  /**
   * Reads the packs from the jar's entries. The class loader has the jar open already, and its table of
   * entries is shared with this reader, which makes it much cheaper than opening the jar as a file system
   * (measurably so in a fat jar, BENCHMARKS.md).
   */
  static List<RulePack> fromJar(Path jar) throws IOException {
    List<RulePack> packs = new ArrayList<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      for (String name : packFiles(file)) {
        JarEntry entry = file.getJarEntry(name);
        if (entry == null) {
          throw new IllegalStateException(ROOT + "/" + INDEX_FILE + " in " + jar + " lists " + name
              + ", which the jar does not hold");
        }
        RulePack pack = RulePackLoader.parse("/" + name, read(file, entry));
        String[] parts = name.split("/");
        if (!pack.id().equals(parts[2]) || !pack.version().toString().equals(parts[3])) {
          throw new IllegalStateException("bundled pack " + pack.ref() + " must live in " + ROOT + "/" + pack.id() + "/"
              + pack.version() + "/, not in /" + name);
        }
        packs.add(pack);
      }
    }
    if (packs.isEmpty()) {
      throw new IllegalStateException("no bundled packs in " + jar + " under " + ROOT + "/");
    }
    return RulePackLoader.combine(packs);
  }

  /**
   * The names of the jar's pack files ({@code tollgate/packs/<id>/<version>/pack.yaml}): those its index
   * lists, which the rulepacks build writes, or else every one among its entries, which in a fat jar means
   * passing over thousands of classes. With an index, a pack file it does not list is not read: a jar that
   * merges packs from elsewhere under {@code tollgate/packs/} must list them in it too, or have no index.
   */
  private static List<String> packFiles(JarFile file) throws IOException {
    List<String> names = new ArrayList<>();
    JarEntry index = file.getJarEntry(ROOT + "/" + INDEX_FILE);
    if (index != null) {
      for (String line : new String(read(file, index), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          String name = ROOT + "/" + line.strip();
          if (!isPackFile(name)) {
            throw new IllegalStateException(ROOT + "/" + INDEX_FILE + " lists '" + line.strip()
                + "', which is not a <id>/<version>/" + RulePackLoader.PACK_FILE);
          }
          if (names.contains(name)) {
            throw new IllegalStateException(ROOT + "/" + INDEX_FILE + " lists '" + line.strip() + "' twice");
          }
          names.add(name);
        }
      }
      return names;
    }
    for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
      String name = entries.nextElement().getName();
      if (isPackFile(name)) {
        names.add(name);
      }
    }
    return names;
  }

  private static boolean isPackFile(String name) {
    return name.startsWith(ROOT + "/") && name.endsWith("/" + RulePackLoader.PACK_FILE) && name.split("/").length == 5;
  }

  private static byte[] read(JarFile file, JarEntry entry) throws IOException {
    try (InputStream in = file.getInputStream(entry)) {
      return in.readAllBytes();
    }
  }

  /**
   * For a jar that is not a plain file: its file system, opened once and left open for the life of the
   * process, since engines built at the same time read it together and closing it under one of them would
   * fail its build.
   */
  private static synchronized FileSystem jarFileSystem(URI uri) throws IOException {
    try {
      return FileSystems.newFileSystem(uri, Map.of());
    } catch (FileSystemAlreadyExistsException e) {
      return FileSystems.getFileSystem(uri);
    }
  }
}
