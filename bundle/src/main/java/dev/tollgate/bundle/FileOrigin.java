package dev.tollgate.bundle;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A bundle file, or the newest {@code *.bundle} file in a folder. The folder is watched, so a bundle moved
 * into place is seen at once; the interval is the fallback where watching is not possible (some network
 * file systems).
 */
final class FileOrigin implements Origin {
  private final Path path;
  private WatchService watch;

  FileOrigin(Path path) {
    this.path = path;
  }

  @Override
  public byte[] fetch() {
    Path file = Files.isDirectory(path) ? newest() : path;
    try {
      if (Files.size(file) > Bundle.MAX_BYTES) {
        throw new BundleException(BundleException.Reason.UNREADABLE, file + " is larger than " + Bundle.MAX_BYTES + " bytes");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new BundleException(BundleException.Reason.NOT_FETCHED, file + " does not exist", e);
    } catch (IOException e) {
      throw new BundleException(BundleException.Reason.NOT_FETCHED, "cannot read " + file + ": " + e, e);
    }
  }

  private Path newest() {
    try (Stream<Path> files = Files.list(path)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".bundle") && Files.isRegularFile(f))
          .max(Comparator.comparing(FileOrigin::modified).thenComparing(Path::getFileName))
          .orElseThrow(() -> new BundleException(BundleException.Reason.NOT_FETCHED, "no *.bundle file in " + path));
    } catch (IOException e) {
      throw new BundleException(BundleException.Reason.NOT_FETCHED, "cannot list " + path + ": " + e, e);
    }
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  @Override
  public void await(Duration interval) throws InterruptedException {
    WatchService service = watching();
    if (service == null) {
      Thread.sleep(interval.toMillis());
      return;
    }
    try {
      WatchKey key = service.poll(interval.toMillis(), TimeUnit.MILLISECONDS);
      if (key != null) {
        key.pollEvents();
        key.reset();
      }
    } catch (ClosedWatchServiceException e) {
      Thread.sleep(interval.toMillis());
    }
  }

  private synchronized WatchService watching() {
    if (watch == null) {
      Path dir = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
      try {
        WatchService service = dir.getFileSystem().newWatchService();
        dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
            StandardWatchEventKinds.ENTRY_DELETE);
        watch = service;
      } catch (IOException | UnsupportedOperationException e) {
        return null;
      }
    }
    return watch;
  }

  @Override
  public synchronized void close() {
    if (watch != null) {
      try {
        watch.close();
      } catch (IOException e) {
        // Closing a watch only releases it; nothing is lost if that fails.
      }
    }
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
