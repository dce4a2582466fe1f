package dev.tollgate.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import dev.tollgate.ContactLedger;
import dev.tollgate.PolicyEngine;
import dev.tollgate.bundle.BundleSource;
import dev.tollgate.bundle.Keys;
import dev.tollgate.decisionlog.DecisionLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The decision service: a policy engine, its contact ledger and the HTTP API of CONTRACT.md and
 * docs/http-api.md, listening on one port.
 *
 * <pre>{@code
 * try (DecisionServer server = DecisionServer.builder().port(0).tokenFile(Path.of("tokens")).start()) {
 *   URI base = server.uri();   // e.g. http://127.0.0.1:41234
 *   ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} drains: it stops accepting connections, lets the requests in flight
 * finish (up to the drain timeout), then closes the engine and the ledger's pool.
 */
public final class DecisionServer implements AutoCloseable {
  private final Server jetty;
  private final ServerConnector connector;
  private final PolicyEngine engine;
  private final HikariDataSource dataSource;
  private final boolean tls;
  /** Closed after the engines; null if none. */
  private final DecisionLog decisionLog;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private boolean closed;
  private volatile boolean drained = true;

  private DecisionServer(Server jetty, ServerConnector connector, PolicyEngine engine, HikariDataSource dataSource,
      boolean tls, DecisionLog decisionLog) {
    this.jetty = jetty;
    this.decisionLog = decisionLog;
    this.connector = connector;
    this.engine = engine;
    this.dataSource = dataSource;
    this.tls = tls;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The port it listens on: the one asked for, or the one the system chose for port 0. */
  public int port() {
    return connector.getLocalPort();
  }

  /** Where it listens, e.g. {@code http://127.0.0.1:8181}. */
  public URI uri() {
    String host = connector.getHost();
    if (host.indexOf(':') >= 0) {
      host = "[" + host + "]";
    }
    return URI.create((tls ? "https://" : "http://") + host + ":" + port());
  }

  /** Blocks until {@link #close()} has finished, from whichever thread called it. */
  public void awaitClosed() {
    boolean interrupted = false;
    while (true) {
      try {
        stopped.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops accepting, waits for the requests in flight (up to the drain timeout), then closes the engine
   * and the ledger. Calling it again does nothing.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      jetty.stop();
    } catch (Exception e) {
      // Jetty reports requests still running at the end of the drain timeout as a failure to stop; they are
      // cut off, and the ledger is closed all the same so the process can exit.
      drained = false;
    } finally {
      engine.close();
      dataSource.close();
      if (decisionLog != null) {
        decisionLog.close();
      }
      stopped.countDown();
    }
  }

  /** After {@link #close()}: whether every request in flight finished within the drain timeout. */
  boolean drained() {
    return drained;
  }

  /**
   * Configures and starts a {@link DecisionServer}. Not thread-safe; each setting is checked when it is
   * made, and the combination in {@link #start()}, before anything listens.
   */
  public static final class Builder {
    private String bind = "127.0.0.1";
    private int port = 8181;
    private final List<Path> packs = new ArrayList<>();
    private final List<String> pins = new ArrayList<>();
    private Path overrides;
    private String bundle;
    private Path publicKey;
    private DecisionLog decisionLog;
    private String ledgerUrl;
    private Path dataDir = Path.of("tollgate-data");
    private Path tokenFile;
    private Path keystore;
    private String keystorePassword;
    private int maxBodyBytes = 1 << 20;
    private Duration idleTimeout = Duration.ofSeconds(30);
    private Duration drainTimeout = Duration.ofSeconds(30);
    private Duration ledgerTimeout = Duration.ofSeconds(2);

    private Builder() {}

    /** The address to listen on; default 127.0.0.1. Anything but loopback needs a {@link #tokenFile}. */
    public Builder bind(String address) {
      this.bind = Objects.requireNonNull(address, "address");
      return this;
    }

    /** The port; default 8181; 0 lets the system choose one ({@link DecisionServer#port()}). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /** Loads packs from this folder instead of the bundled ones; may be called several times. */
    public Builder packs(Path dir) {
      Objects.requireNonNull(dir, "dir");
      if (!Files.exists(dir)) {
        throw new IllegalArgumentException("packs folder " + dir + " does not exist");
      }
      packs.add(dir);
      return this;
    }

    /** Uses exactly this version of a pack, {@code pack-id@1.2.3}. */
    public Builder pin(String packAtVersion) {
      pins.add(Objects.requireNonNull(packAtVersion, "packAtVersion"));
      return this;
    }

    /** The institution's overlay of pack parameters. */
    /**
     * Takes the packs from a signed bundle (a file, a folder's newest {@code *.bundle}, or an http(s) URL),
     * reloaded whenever it changes, instead of folders or the bundled packs.
     *
     * @throws IllegalArgumentException if packs folders were given too
     */
    public Builder bundle(String location, Path publicKey) {
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(publicKey, "publicKey");
      if (!packs.isEmpty()) {
        throw new IllegalArgumentException("--bundle and --packs cannot be given together");
      }
      this.bundle = location;
      this.publicKey = publicKey;
      return this;
    }

    public Builder overrides(Path file) {
      Objects.requireNonNull(file, "file");
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("overrides file " + file + " does not exist");
      }
      this.overrides = file;
      return this;
    }

    /**
     * The ledger's database as a JDBC URL ({@code jdbc:postgresql://...} for a fleet of servers sharing caps,
     * or {@code jdbc:h2:...}); default an H2 file in {@link #dataDir}.
     */
    public Builder ledgerUrl(String jdbcUrl) {
      Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      if (!supportedJdbcUrl(jdbcUrl)) {
        throw new IllegalArgumentException("ledger must be a jdbc:postgresql: or jdbc:h2: URL, was '" + redacted(jdbcUrl) + "'");
      }
      this.ledgerUrl = jdbcUrl;
      return this;
    }

    /**
     * Writes every decision, pinned ones too, to this log; {@link DecisionServer#close()} closes it after
     * the engines. A decision that cannot be logged is a DENY unless the log was built to fail open.
     */
    public Builder decisionLog(DecisionLog log) {
      Objects.requireNonNull(log, "log");
      if (this.decisionLog != null) {
        throw new IllegalStateException("a decision log was already set");
      }
      this.decisionLog = log;
      return this;
    }

    /** The folder of the default H2 ledger; default {@code ./tollgate-data}. */
    public Builder dataDir(Path dir) {
      this.dataDir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /** A file of bearer tokens, one a line ({@code #} comments and blank lines ignored), that every /v1 call must carry. */
    public Builder tokenFile(Path file) {
      this.tokenFile = Objects.requireNonNull(file, "file");
      return this;
    }

    /** Serves HTTPS with the key and certificate in this PKCS#12 or JKS keystore, opened with {@code password}. */
    public Builder tls(Path keystore, String password) {
      Objects.requireNonNull(keystore, "keystore");
      Objects.requireNonNull(password, "password");
      if (!Files.isRegularFile(keystore)) {
        throw new IllegalArgumentException("keystore " + keystore + " does not exist");
      }
      this.keystore = keystore;
      this.keystorePassword = password;
      return this;
    }

    /** The largest request body, and the longest line of a batch, in bytes; default 1 MiB. */
    public Builder maxBodyBytes(int bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("max body must be at least 1024 bytes, was " + bytes);
      }
      this.maxBodyBytes = bytes;
      return this;
    }

    /** How long a connection may send nothing, idle or mid-request, before it is closed; default 30 s. */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = positive(timeout, "idle timeout");
      return this;
    }

    /** How long {@link DecisionServer#close()} waits for requests in flight; default 30 s. */
    public Builder drainTimeout(Duration timeout) {
      this.drainTimeout = positive(timeout, "drain timeout");
      return this;
    }

    /** How long a decision waits for the ledger before it is denied; default 2 s, at least 1 s. */
    public Builder ledgerTimeout(Duration timeout) {
      positive(timeout, "ledger timeout");
      if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("ledger timeout must be at least 1 second, was " + timeout);
      }
      this.ledgerTimeout = timeout;
      return this;
    }

    private static Duration positive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive, was " + d);
      }
      return d;
    }

    /**
     * Checks the settings, compiles the packs, opens the ledger and listens.
     *
     * @throws IllegalArgumentException if the bind address is unknown, or the token file holds no token
     * @throws IllegalStateException if it would bind beyond loopback without tokens, or the port is taken
     * @throws UncheckedIOException if the token file cannot be read
     * @throws dev.tollgate.rules.RulePackException if the packs or the overlay have problems
     * @throws dev.tollgate.LedgerException if the ledger's database cannot be reached
     */
    public DecisionServer start() {
      InetAddress address;
      try {
        address = InetAddress.getByName(bind);
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("bind address '" + bind + "' is not known", e);
      }
      BearerTokens tokens = tokenFile == null ? BearerTokens.NONE : BearerTokens.read(tokenFile);
      if (tokens == BearerTokens.NONE && !address.isLoopbackAddress()) {
        throw new IllegalStateException("refusing to listen on " + bind
            + " without --token-file: only loopback addresses may be served without bearer tokens");
      }
      ServerMetrics metrics = new ServerMetrics();
      HikariDataSource pool = pool(metrics);
      PolicyEngine engine = null;
      try {
        ContactLedger ledger = ContactLedger.observed(ContactLedger.jdbc(pool, ledgerTimeout), (op, e) -> metrics.ledgerError());
        BundleSource source = bundleSource(metrics);
        engine = engine(ledger, source).build();
        if (source != null) {
          metrics.bundle(source);
        }
        Readiness readiness = new Readiness(() -> ledgerAnswers(pool), metrics);
        return listen(engine, source, ledger, tokens, metrics, readiness, pool);
      } catch (RuntimeException e) {
        if (engine != null) {
          engine.close();
        }
        pool.close();
        if (decisionLog != null) {
          decisionLog.close();
        }
        throw e;
      }
    }

    /** A source of the bundle, its reloads counted by {@code metrics} if given; null without a bundle. */
    private BundleSource bundleSource(ServerMetrics metrics) {
      if (bundle == null) {
        return null;
      }
      BundleSource.Builder source = BundleSource.at(bundle).publicKey(Keys.readPublic(publicKey));
      if (metrics != null) {
        source.listener(metrics::bundleReload);
      }
      return source.build();
    }

    /** An engine builder with these packs (or this bundle source), pins and overlay, on {@code ledger}. */
    private PolicyEngine.Builder engine(ContactLedger ledger, BundleSource source) {
      PolicyEngine.Builder builder = PolicyEngine.builder().ledger(ledger);
      if (decisionLog != null) {
        // A listener, not the engine's own decision log: the pinned engines share it, and the server closes it.
        builder.listener(decisionLog);
      }
      if (source != null) {
        builder.bundle(source);
      } else if (packs.isEmpty()) {
        builder.bundledPacks();
      }
      packs.forEach(builder::packs);
      pins.forEach(builder::pin);
      if (overrides != null) {
        builder.overrides(overrides);
      }
      return builder;
    }

    private HikariDataSource pool(ServerMetrics metrics) {
      HikariConfig config = new HikariConfig();
      String url = ledgerUrl;
      if (url == null) {
        try {
          Files.createDirectories(dataDir);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot create the ledger folder " + dataDir, e);
        }
        // The server closes the database itself after draining; H2's own exit hook would close it under
        // requests still in flight.
        url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("ledger") + ";DB_CLOSE_ON_EXIT=FALSE";
      }
      config.setJdbcUrl(url);
      config.setPoolName("tollgate-ledger");
      config.setMaximumPoolSize(16);
      config.setConnectionTimeout(ledgerTimeout.toMillis());
      config.setValidationTimeout(Math.min(ledgerTimeout.toMillis(), 1000));
      // A connection whose database or network went away is dropped, not handed out again: HikariCP knows
      // PostgreSQL's SQL states for that, but not H2's (90121 "database is already closed" over TCP), which
      // kept a restored ledger failing until restart. JDBC's own class for it covers both.
      config.setExceptionOverride(new SQLExceptionOverride() {
        @java.lang.Override
        public Override adjudicate(SQLException e) {
          return e instanceof SQLNonTransientConnectionException ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
        }
      });
      try {
        return new HikariDataSource(config);
      } catch (RuntimeException e) {
        metrics.ledgerError();
        throw new dev.tollgate.LedgerException("the ledger's database at " + redacted(url) + " cannot be reached: "
            + rootMessage(e), e);
      }
    }

    private DecisionServer listen(PolicyEngine engine, BundleSource source, ContactLedger ledger, BearerTokens tokens, ServerMetrics metrics,
        Readiness readiness, HikariDataSource pool) {
      QueuedThreadPool threads = new QueuedThreadPool(200, 8, 60_000);
      threads.setName("tollgate-http");
      Server jetty = new Server(threads);
      HttpConfiguration http = new HttpConfiguration();
      http.setSendServerVersion(false);
      http.setSendDateHeader(false);
      http.setRequestHeaderSize(16 * 1024);
      // A client that trickles its body slower than this is cut off, so it cannot hold a thread for long.
      http.setMinRequestDataRate(1024);
      ServerConnector connector;
      if (keystore != null) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(keystore.toAbsolutePath().toString());
        ssl.setKeyStorePassword(keystorePassword);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // Clients commonly reach a server by IP address, which a certificate for its host name does not list.
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        connector = new ServerConnector(jetty, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
      } else {
        connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
      }
      connector.setHost(bind);
      connector.setPort(port);
      connector.setIdleTimeout(idleTimeout.toMillis());
      connector.setAcceptQueueSize(1024);
      jetty.addConnector(connector);
      PinnedEngines pinned = new PinnedEngines(pin -> engine(ledger, bundleSource(null)).pin(pin).build());
      Routes routes = new Routes(engine, source, pinned, ledger, tokens, metrics, readiness, maxBodyBytes, decisionLog);
      jetty.setHandler(new GracefulHandler(routes));
      jetty.setErrorHandler(new JsonErrors(metrics));
      jetty.setStopTimeout(drainTimeout.toMillis());
      jetty.setStopAtShutdown(false);
      try {
        jetty.start();
      } catch (IOException e) {
        stopQuietly(jetty);
        throw new IllegalStateException("cannot listen on " + bind + ":" + port + ": " + rootMessage(e), e);
      } catch (Exception e) {
        stopQuietly(jetty);
        throw new IllegalStateException("cannot start the server: " + rootMessage(e), e);
      }
      return new DecisionServer(jetty, connector, engine, pool, keystore != null, decisionLog);
    }

    private static void stopQuietly(Server jetty) {
      try {
        jetty.stop();
      } catch (Exception ignored) {
        // It failed to start; there is nothing left to drain.
      }
    }
  }

  /** Whether a connection can be had from the ledger's pool and answers, within the pool's timeouts. */
  private static boolean ledgerAnswers(HikariDataSource pool) {
    try (Connection c = pool.getConnection()) {
      if (c.isValid(1)) {
        return true;
      }
      pool.evictConnection(c);
      return false;
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  /** Whether a JDBC URL names a database the server's ledger and decision log run on: PostgreSQL or H2. */
  static boolean supportedJdbcUrl(String url) {
    return url.startsWith("jdbc:postgresql:") || url.startsWith("jdbc:h2:");
  }

  /** A JDBC URL with any password parameter masked, fit for an error message. */
  static String redacted(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
