package dev.tollgate.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The folders a command reads pack files from (tests, changelogs, YAML locations): those named on the
 * command line, or the bundled packs inside the tollgate-rulepacks jar.
 */
final class PackDirs {
  /** Where the rulepacks jar keeps the packs; the same as the engine's bundled packs. */
  private static final String BUNDLED = "tollgate/packs";

  private PackDirs() {}

  static List<Path> orBundled(List<Path> dirs) {
    return dirs.isEmpty() ? List.of(bundled()) : dirs;
  }

  private static Path bundled() {
    URL url = PackDirs.class.getClassLoader().getResource(BUNDLED);
    if (url == null) {
      throw new IllegalStateException("no bundled packs on the classpath; name a folder of packs");
    }
    try {
      URI uri = url.toURI();
      if (!uri.getScheme().equals("jar")) {
        return Path.of(uri);
      }
      try {
        FileSystems.newFileSystem(uri, Map.of());
      } catch (FileSystemAlreadyExistsException e) {
        // Opened by the engine's loader or an earlier command; the path below uses it.
      }
      return Path.of(uri);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("unreadable location of bundled packs: " + url, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundled packs at " + url, e);
    }
  }
}
