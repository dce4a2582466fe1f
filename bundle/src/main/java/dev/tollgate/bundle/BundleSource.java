package dev.tollgate.bundle;

import dev.tollgate.PackSource;
import dev.tollgate.rules.RulePack;
import dev.tollgate.rules.RulePackException;
import dev.tollgate.rules.RulePackLoader;
import dev.tollgate.testing.PackTestReport;
import dev.tollgate.testing.PackTests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Feeds an engine from a signed bundle that changes while it runs: a file (or the newest {@code *.bundle} in
 * a folder) watched for changes, or an HTTP(S) URL polled with {@code If-None-Match} and
 * {@code If-Modified-Since}. Each new bundle is verified against the public key, its packs loaded and its
 * own pack tests run, and only then swapped into the engine; a bundle that fails any step is refused with
 * its reason, and the engine keeps deciding on the last good one.
 *
 * <pre>{@code
 * BundleSource source = BundleSource.file(Path.of("/etc/tollgate/packs.bundle"))
 *     .publicKey(Keys.readPublic(Path.of("/etc/tollgate/legal.pub")))
 *     .listener(reload -> log.info("packs: {}", reload))
 *     .build();
 * PolicyEngine engine = PolicyEngine.builder().bundle(source).build();
 * }</pre>
 *
 * <p>Thread-safe. Checks run one at a time, on the thread that opened the source (the first) and then on
 * a daemon thread of its own; {@link #refresh} runs one at once.
 */
public final class BundleSource implements PackSource {
  private final Origin origin;
  private final PublicKey key;
  private final Consumer<Reload> listener;
  private final Duration interval;
  private PackSource.Loader loader;
  private volatile Thread poller;
  private volatile boolean closed;

  /** The digest of the last bytes checked, so the same bundle is not checked twice. */
  private String lastDigest;
  /** The manifest digest of the bundle in force. */
  private String activeManifest;
  private volatile Status status = new Status(null, null, null, null, null);

  private BundleSource(Origin origin, PublicKey key, Consumer<Reload> listener, Duration interval) {
    this.origin = origin;
    this.key = key;
    this.listener = listener;
    this.interval = interval;
  }

  /** A bundle file, or a folder whose newest {@code *.bundle} file is the bundle; watched for changes. */
  public static Builder file(Path path) {
    Objects.requireNonNull(path, "path");
    return new Builder(path, null);
  }

  /** A bundle at a URL if {@code location} starts with {@code http://} or {@code https://}, else a file or folder. */
  public static Builder at(String location) {
    Objects.requireNonNull(location, "location");
    return location.startsWith("http://") || location.startsWith("https://") ? url(URI.create(location))
        : file(Path.of(location));
  }

  /** A bundle served over HTTP or HTTPS, polled. */
  public static Builder url(URI url) {
    Objects.requireNonNull(url, "url");
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new IllegalArgumentException("bundle URL " + url + " must be http or https");
    }
    return new Builder(null, url);
  }

  /**
   * What is in force and how the last attempts went.
   *
   * @param revision the revision in force; null before the first load
   * @param loadedAt when it was loaded
   * @param lastAttempt the last attempt to load a new bundle, loaded or refused
   * @param lastCheck when the source last looked for a new bundle
   * @param staleSince since when every attempt was refused (the first refusal after the last load); null
   *     when the last attempt loaded
   */
  public record Status(String revision, Instant loadedAt, Reload lastAttempt, Instant lastCheck, Instant staleSince) {
    /** How long the engine has been deciding on a bundle older than the one offered; zero when not stale. */
    public Duration staleFor(Instant now) {
      return staleSince == null ? Duration.ZERO : Duration.between(staleSince, now);
    }
  }

  public Status status() {
    return status;
  }

  @Override
  public void open(PackSource.Loader loader) {
    Objects.requireNonNull(loader, "loader");
    synchronized (this) {
      if (this.loader != null) {
        throw new IllegalStateException(this + " is already open");
      }
      this.loader = loader;
    }
    Reload first = refresh();
    if (first == null || !first.loaded()) {
      throw first == null ? new BundleException(BundleException.Reason.NOT_FETCHED, "no bundle at " + origin)
          : new BundleException(first.reason(), this + ": " + first.message());
    }
    poller = new Thread(this::poll, "tollgate-bundle " + origin);
    poller.setDaemon(true);
    poller.start();
  }

  /**
   * Looks for a new bundle now and, if there is one, checks it and loads it.
   *
   * @return the attempt, or null if the bundle is the one last checked (loaded or refused)
   * @throws IllegalStateException if the source was not opened by an engine
   */
  public synchronized Reload refresh() {
    if (loader == null) {
      throw new IllegalStateException(this + " is not open: give it to PolicyEngine.builder().bundle(...)");
    }
    Instant at = Instant.now();
    long start = System.nanoTime();
    Reload result;
    String revision = null;
    try {
      byte[] bytes = origin.fetch();
      if (bytes == null) {
        status = new Status(status.revision(), status.loadedAt(), status.lastAttempt(), at, status.staleSince());
        return null;
      }
      String digest = Bundle.digest(bytes);
      if (digest.equals(lastDigest)) {
        status = new Status(status.revision(), status.loadedAt(), status.lastAttempt(), at, status.staleSince());
        return null;
      }
      lastDigest = digest;
      Bundle bundle = Bundle.read(bytes);
      revision = bundle.manifest().revision();
      bundle.verify(key);
      String manifest = Bundle.digest(bundle.manifestBytes());
      if (revision.equals(status.revision()) && !manifest.equals(activeManifest)) {
        throw new BundleException(BundleException.Reason.BAD_DIGEST, "revision " + revision
            + " is in force with other files; a changed bundle needs a new revision");
      }
      List<RulePack> packs = checked(bundle);
      try {
        loader.load(revision, packs);
      } catch (RuntimeException e) {
        throw new BundleException(BundleException.Reason.NOT_COMPILED, "the engine refused the packs: " + e.getMessage(), e);
      }
      activeManifest = manifest;
      result = new Reload(Reload.Outcome.LOADED, revision, null, null, at, Duration.ofNanos(System.nanoTime() - start));
      status = new Status(revision, at, result, at, null);
    } catch (BundleException e) {
      result = new Reload(Reload.Outcome.REFUSED, revision, e.reason(), e.getMessage(), at,
          Duration.ofNanos(System.nanoTime() - start));
      status = new Status(status.revision(), status.loadedAt(), result, at,
          status.staleSince() == null ? at : status.staleSince());
    }
    if (listener != null) {
      try {
        listener.accept(result);
      } catch (RuntimeException ignored) {
        // A listener's failure must not undo a load or stop the checks; it is the listener's to report.
      }
    }
    return result;
  }

  /** Loads the verified bundle's packs and runs its own tests, from a folder it is unpacked in. */
  private static List<RulePack> checked(Bundle bundle) {
    Path dir;
    try {
      dir = Files.createTempDirectory("tollgate-bundle");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a folder to check the bundle in", e);
    }
    String where = dir + java.io.File.separator;
    String named = "bundle " + bundle.manifest().revision() + ":";
    try {
      bundle.unpack(dir);
      List<RulePack> packs;
      try {
        packs = RulePackLoader.load(dir);
      } catch (RulePackException e) {
        throw new BundleException(BundleException.Reason.INVALID_PACK, e.getMessage().replace(where, named), e);
      }
      PackTestReport report;
      try {
        report = PackTests.run(dir);
      } catch (IllegalArgumentException noTests) {
        return packs;
      } catch (RulePackException e) {
        throw new BundleException(BundleException.Reason.FAILED_TESTS, e.getMessage().replace(where, named), e);
      }
      List<String> failures = report.cases().stream().filter(c -> !c.passed())
          .map(c -> c.file().replace(where, named) + ":" + c.line() + ": " + c.name() + ": " + c.failure()).toList();
      if (!failures.isEmpty()) {
        throw new BundleException(BundleException.Reason.FAILED_TESTS, failures.size() + " of " + report.cases().size()
            + " pack tests fail: " + String.join("; ", failures.subList(0, Math.min(3, failures.size())))
            + (failures.size() > 3 ? "; ..." : ""));
      }
      return packs;
    } finally {
      delete(dir);
    }
  }

  private void poll() {
    while (!closed) {
      try {
        origin.await(interval);
        if (!closed) {
          refresh();
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // An unexpected failure of one check (a full disk while unpacking) is that check's; the next one runs.
        Reload failed = new Reload(Reload.Outcome.REFUSED, null, BundleException.Reason.NOT_FETCHED, String.valueOf(e),
            Instant.now(), Duration.ZERO);
        status = new Status(status.revision(), status.loadedAt(), failed, failed.at(),
            status.staleSince() == null ? failed.at() : status.staleSince());
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    origin.close();
    Thread t = poller;
    if (t != null) {
      t.interrupt();
    }
  }

  @Override
  public String toString() {
    return "bundle " + origin;
  }

  private static void delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A leftover temporary folder is harmless; the check's result stands.
    }
  }

  /** Configures a {@link BundleSource}. Not thread-safe. */
  public static final class Builder {
    private final Path path;
    private final URI url;
    private PublicKey key;
    private Consumer<Reload> listener;
    private Duration interval;
    private Duration timeout;

    private Builder(Path path, URI url) {
      this.path = path;
      this.url = url;
    }

    /** The legal team's public key: only bundles it signed are loaded. Required. */
    public Builder publicKey(PublicKey key) {
      Objects.requireNonNull(key, "key");
      if (!Keys.ALGORITHM.equals(key.getAlgorithm()) && !"EdDSA".equals(key.getAlgorithm())) {
        throw new IllegalArgumentException("public key must be Ed25519, was " + key.getAlgorithm());
      }
      this.key = key;
      return this;
    }

    /** Told of every attempt to load a new bundle, on the checking thread; it should return quickly. */
    public Builder listener(Consumer<Reload> listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * How often to look for a new bundle: default 1 second for a file (a change to a watched file is
     * seen sooner), 30 seconds for a URL.
     */
    public Builder interval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("interval must be positive, was " + interval);
      }
      this.interval = interval;
      return this;
    }

    /** For a URL: how long one download may take, from connecting to the last byte; default 10 seconds. */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** @throws IllegalStateException if no public key was given */
    public BundleSource build() {
      if (key == null) {
        throw new IllegalStateException("a bundle source needs the public key that signs its bundles: call publicKey(...)");
      }
      Origin origin = path != null ? new FileOrigin(path)
          : new HttpOrigin(url, timeout == null ? Duration.ofSeconds(10) : timeout);
      Duration every = interval != null ? interval : path != null ? Duration.ofSeconds(1) : Duration.ofSeconds(30);
      return new BundleSource(origin, key, listener, every);
    }
  }
}
