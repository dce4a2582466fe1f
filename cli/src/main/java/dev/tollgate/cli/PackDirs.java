package dev.tollgate.cli;

import dev.tollgate.PolicyEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Parameters;

/**
 * The {@code DIR...} arguments of the commands that read packs as files (validate, test, lint, docs): the
 * folders named, or the bundled packs inside the tollgate-rulepacks jar.
 */
final class PackDirs {
  @Parameters(paramLabel = "DIR", arity = "0..*",
      description = "Folders of packs (<pack-id>/<version>/pack.yaml), pack folders, version folders or pack.yaml files; default: the bundled packs.")
  private List<Path> dirs = new ArrayList<>();

  /** Where the rulepacks jar keeps the packs; the same as the engine's bundled packs. */
  private static final String BUNDLED = "tollgate/packs";

  /** The folders, or the bundled packs' folder inside the jar (for files beside the packs: tests, changelogs). */
  List<Path> roots() {
    return dirs.isEmpty() ? List.of(bundled()) : dirs;
  }

  /** An engine builder loading these packs. */
  PolicyEngine.Builder builder() {
    return PackOptions.builder(dirs);
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
