package dev.tollgate.internal;

import dev.tollgate.rules.RulePack;
import dev.tollgate.rules.RulePackLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Finds the packs shipped on the classpath under {@code tollgate/packs/} (the tollgate-rulepacks jar). */
public final class BundledPacks {
  /** Where bundled packs live on the classpath. */
  public static final String ROOT = "tollgate/packs";

  private BundledPacks() {}

  /**
   * The jar's file system, opened once and left open for the life of the process: engines built at the
   * same time read it together, and closing it under one of them would fail its build.
   */
  private static synchronized FileSystem jarFileSystem(URI uri) throws IOException {
    try {
      return FileSystems.newFileSystem(uri, Map.of());
    } catch (FileSystemAlreadyExistsException e) {
      return FileSystems.getFileSystem(uri);
    }
  }

  /**
   * Loads the bundled packs.
   *
   * @throws IllegalStateException if no bundled packs are on the classpath
   */
  public static List<RulePack> load() {
    URL url = BundledPacks.class.getClassLoader().getResource(ROOT);
    if (url == null) {
      throw new IllegalStateException("no bundled packs on the classpath (" + ROOT
          + "/): add the dev.tollgate:tollgate-rulepacks jar, or load packs from a folder");
    }
    try {
      URI uri = url.toURI();
      if (uri.getScheme().equals("jar")) {
        return RulePackLoader.load(jarFileSystem(uri).provider().getPath(uri));
      }
      return RulePackLoader.load(Path.of(uri));
    } catch (URISyntaxException e) {
      throw new IllegalStateException("unreadable location of bundled packs: " + url, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundled packs at " + url, e);
    }
  }
}
