package dev.tollgate.server;

import dev.tollgate.LedgerException;
import dev.tollgate.decisionlog.DecisionLog;
import dev.tollgate.rules.RulePackException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tollgate serve}: starts a {@link DecisionServer} from command-line options and runs it until the
 * process is told to stop (SIGTERM or SIGINT), then drains and exits 0. Bad options exit 2 before anything
 * listens. The {@code tollgate} command mounts it as a subcommand; {@link #main} runs it alone.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serves decisions over HTTP (docs/http-api.md) until SIGTERM, then drains and exits 0.",
        "Without --token-file it listens on loopback only."},
    footer = {"", "Example: tollgate serve --port 8181 --token-file tokens.txt --bind 0.0.0.0",
        "", "Exit status: 0 after a drain, 1 if the drain timed out, 2 bad options, packs, token file, keystore or ledger."})
public final class ServeCommand implements Callable<Integer> {
  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8181",
      description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  private int port;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}); anything but loopback needs --token-file.")
  private String bind;

  @Option(names = "--packs", paramLabel = "DIR",
      description = "Load the packs under DIR instead of the bundled ones; repeatable.")
  private List<Path> packs = List.of();

  @Option(names = "--bundle", paramLabel = "FILE|URL",
      description = "Load the packs from this signed bundle (a file, a folder's newest *.bundle, or an http(s) URL) and reload it as it changes; a bad one is refused and the last good one kept.")
  private String bundle;

  @Option(names = "--public-key", paramLabel = "KEY", description = "The Ed25519 public key (PEM) the --bundle must be signed with.")
  private Path publicKey;

  @Option(names = "--overrides", paramLabel = "FILE", description = "The institution's parameter overlay, {pack-id: {parameter: value}}.")
  private Path overrides;

  @Option(names = "--pin", paramLabel = "PACK@VERSION", description = "Use exactly this version of a pack; repeatable.")
  private List<String> pins = List.of();

  @Option(names = "--ledger", paramLabel = "JDBC_URL",
      description = {"The contact ledger's database: jdbc:postgresql://... for servers sharing caps, or jdbc:h2:...",
          "(default: an H2 file in --data-dir)."})
  private String ledger;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "tollgate-data",
      description = "Folder of the default H2 ledger (default: ./${DEFAULT-VALUE}).")
  private Path dataDir;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "Bearer tokens, one a line, that every /v1 call and /metrics must carry (Authorization: Bearer TOKEN).")
  private Path tokenFile;

  @Option(names = "--tls-keystore", paramLabel = "FILE", description = "Serve HTTPS with this PKCS#12 or JKS keystore.")
  private Path keystore;

  @Option(names = "--tls-password-file", paramLabel = "FILE", description = "File whose first line is the keystore's password.")
  private Path passwordFile;

  @Option(names = "--tls-password-env", paramLabel = "VAR", defaultValue = "TOLLGATE_TLS_PASSWORD",
      description = "Environment variable holding the keystore's password, if no file is given (default: ${DEFAULT-VALUE}).")
  private String passwordEnv;

  @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "1048576",
      description = "Largest request body, and longest batch line, in bytes; larger gets 413 (default: ${DEFAULT-VALUE}).")
  private int maxBody;

  @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "Close a connection that sends nothing for this long, idle or mid-request (default: ${DEFAULT-VALUE}).")
  private int idleTimeout;

  @Option(names = "--drain-timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "On SIGTERM, wait this long for requests in flight (default: ${DEFAULT-VALUE}).")
  private int drainTimeout;

  @CommandLine.Mixin
  private DecisionLogOptions decisionLog;

  @Spec
  private CommandSpec spec;

  /** Runs {@code serve} alone, e.g. {@code java -cp ... dev.tollgate.server.ServeCommand --port 0}. */
  public static void main(String... args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int status = new CommandLine(new ServeCommand()).setOut(out).setErr(err).execute(args);
    System.exit(status);
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    DecisionServer server;
    try {
      server = configure().start();
    } catch (RulePackException e) {
      err.println(e.getMessage());
      err.flush();
      return CommandLine.ExitCode.USAGE;
    } catch (dev.tollgate.bundle.BundleException e) {
      err.println("tollgate serve: " + e.reason() + ": " + e.getMessage());
      err.flush();
      return CommandLine.ExitCode.USAGE;
    } catch (IllegalArgumentException | IllegalStateException | LedgerException e) {
      err.println("tollgate serve: " + e.getMessage());
      err.flush();
      return CommandLine.ExitCode.USAGE;
    } catch (UncheckedIOException e) {
      String cause = e.getCause().getMessage();
      err.println("tollgate serve: " + e.getMessage() + (cause == null || e.getMessage().contains(cause) ? "" : ": " + cause));
      err.flush();
      return CommandLine.ExitCode.USAGE;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      err.println("tollgate serve: stopping; finishing the requests in flight");
      err.flush();
      server.close();
      err.println(server.drained() ? "tollgate serve: stopped"
          : "tollgate serve: stopped; requests still running at the drain timeout were cut off");
      err.flush();
      // A JVM stopped by a signal exits 128+signal once its hooks end; process supervisors read anything but
      // 0 as a crash, so the status is set here: 0 after a clean drain, 1 if requests were cut off.
      Runtime.getRuntime().halt(server.drained() ? 0 : 1);
    }, "tollgate-drain"));
    err.println("tollgate serve: listening on " + server.uri()
        + (tokenFile == null ? " (no tokens: loopback only)" : " (bearer tokens from " + tokenFile + ")")
        + ", ledger " + (ledger == null ? "H2 in " + dataDir.toAbsolutePath() : DecisionServer.redacted(ledger)));
    err.flush();
    server.awaitClosed();
    return CommandLine.ExitCode.OK;
  }

  private DecisionServer.Builder configure() {
    DecisionServer.Builder b = DecisionServer.builder()
        .port(port)
        .bind(bind)
        .dataDir(dataDir)
        .maxBodyBytes(maxBody)
        .idleTimeout(Duration.ofSeconds(idleTimeout))
        .drainTimeout(Duration.ofSeconds(drainTimeout));
    packs.forEach(b::packs);
    if (bundle != null || publicKey != null) {
      if (bundle == null || publicKey == null) {
        throw new IllegalArgumentException("--bundle and --public-key go together");
      }
      b.bundle(bundle, publicKey);
    }
    pins.forEach(b::pin);
    if (overrides != null) {
      b.overrides(overrides);
    }
    if (ledger != null) {
      b.ledgerUrl(ledger);
    }
    if (tokenFile != null) {
      b.tokenFile(tokenFile);
    }
    DecisionLog log = decisionLog.open();
    if (log != null) {
      b.decisionLog(log);
    }
    if (keystore != null) {
      b.tls(keystore, password());
    } else if (passwordFile != null) {
      throw new IllegalArgumentException("--tls-password-file needs --tls-keystore");
    }
    return b;
  }

  private String password() {
    if (passwordFile != null) {
      try {
        List<String> lines = Files.readAllLines(passwordFile, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
          throw new IllegalArgumentException("the password file " + passwordFile + " is empty");
        }
        return lines.get(0);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the password file " + passwordFile, e);
      }
    }
    String value = System.getenv(passwordEnv);
    if (value == null) {
      throw new IllegalArgumentException("--tls-keystore needs a password: --tls-password-file FILE or the environment variable "
          + passwordEnv);
    }
    return value;
  }
}
