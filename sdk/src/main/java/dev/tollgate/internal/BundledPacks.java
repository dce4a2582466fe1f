package dev.tollgate.internal;

import dev.tollgate.rules.RulePack;
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

/** Finds the packs shipped on the classpath under {@code tollgate/packs/} (the tollgate-rulepacks jar). */
public final class BundledPacks {
  /** Where bundled packs live on the classpath. */
  public static final String ROOT = "tollgate/packs";

  private BundledPacks() {}

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
   * (measurably so in a fat jar, BENCHMARKS.md). A pack with the tree the build parsed beside it is read from
   * that tree, which skips the YAML parser and the digest (BENCHMARKS.md).
   */
  static List<RulePack> fromJar(Path jar) throws IOException {
    List<RulePack> packs = new ArrayList<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      for (String name : packFiles(file)) {
        JarEntry entry = file.getJarEntry(name);
        if (entry == null) {
          throw new IllegalStateException(ROOT + "/" + RulePackLoader.INDEX_FILE + " in " + jar + " lists " + name
              + ", which the jar does not hold");
        }
        byte[] yaml = read(file, entry);
        JarEntry parsedEntry = file.getJarEntry(name.substring(0, name.length() - RulePackLoader.PACK_FILE.length())
            + RulePackLoader.PARSED_FILE);
        RulePack pack = parsedEntry == null ? RulePackLoader.parse("/" + name, yaml)
            : RulePackLoader.parse("/" + name, yaml, read(file, parsedEntry));
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
    JarEntry index = file.getJarEntry(ROOT + "/" + RulePackLoader.INDEX_FILE);
    if (index != null) {
      for (String line : new String(read(file, index), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          String name = ROOT + "/" + line.strip();
          if (!isPackFile(name)) {
            throw new IllegalStateException(ROOT + "/" + RulePackLoader.INDEX_FILE + " lists '" + line.strip()
                + "', which is not a <id>/<version>/" + RulePackLoader.PACK_FILE);
          }
          if (names.contains(name)) {
            throw new IllegalStateException(ROOT + "/" + RulePackLoader.INDEX_FILE + " lists '" + line.strip() + "' twice");
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
