package dev.tollgate.cli;

import dev.tollgate.rules.RulePackException;
import dev.tollgate.server.ServeCommand;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The {@code tollgate} command: decides requests, and checks, tests, compares and documents rule packs,
 * with the exit status scripts branch on (0 ALLOW or clean, 1 DENY or a failure, 2 bad input, bad packs or
 * bad usage).
 *
 * <p>{@link #run} builds a fresh command each time and never calls {@code System.exit}, so tests and
 * embedding programs can call it; it is not meant to be called on one stream from two threads.
 */
@Command(name = "tollgate", mixinStandardHelpOptions = true, versionProvider = Tollgate.Version.class,
    synopsisSubcommandLabel = "COMMAND",
    description = "Decides proposed calls and data shares against rule packs.",
    footer = {"", "Exit status: 0 ALLOW or clean, 1 DENY, 2 bad input, bad packs or bad usage."},
    subcommands = {CheckCommand.class, ValidateCommand.class, TestCommand.class, LintCommand.class, DiffCommand.class, DocsCommand.class,
        SchemasCommand.class, BundleCommand.class, ServeCommand.class, LogCommand.class, CommandLine.HelpCommand.class})
public final class Tollgate implements Callable<Integer> {
  /** Exit status: every decision ALLOW, or no problem found. */
  static final int OK = 0;
  /** Exit status: some decision DENY. */
  static final int DENIED = 1;
  /** Exit status: a bad request, file, pack or usage; wins over {@link #DENIED}. */
  static final int BAD_INPUT = 2;

  /** Big enough that streaming decisions costs one write call per few hundred lines. */
  private static final int BUFFER = 1 << 16;
  /** slf4j-simple's level of the engine's logger (simplelogger.properties). */
  private static final String ENGINE_LOG_LEVEL = "org.slf4j.simpleLogger.log.dev.tollgate.PolicyEngine";

  final InputStream in;
  final PrintWriter out;
  /** What {@link #out} writes to, for output already encoded as UTF-8; flush {@link #out} before writing here. */
  final OutputStream outBytes;
  final PrintWriter err;
  /** Whether {@link #err} is a terminal, where a long run may show its progress. */
  final boolean errIsTerminal;

  @Spec
  private CommandSpec spec;

  private Tollgate(InputStream in, PrintWriter out, OutputStream outBytes, PrintWriter err, boolean errIsTerminal) {
    this.in = in;
    this.out = out;
    this.outBytes = outBytes;
    this.err = err;
    this.errIsTerminal = errIsTerminal;
  }

  public static void main(String... args) {
    if (args.length == 0 || !args[0].equals("serve")) {
      // The engine logs each decision that failed closed, with its stack trace. A server has no other place to
      // say so; the other commands print each one as a problem of its request ("line N: ..."), so their log
      // keeps only the rarer warnings, such as a decision log's outage. Set before the first logger is made.
      System.setProperty(ENGINE_LOG_LEVEL, System.getProperty(ENGINE_LOG_LEVEL, "error"));
    }
    System.exit(run(System.in, System.out, System.err, stderrIsTerminal(), args));
  }


  /**
   * Whether the process's stderr is a terminal. Java 17 cannot ask (System.console() needs stdin and stdout
   * to be terminals too, and check --jsonl's stdout is usually a file), so this reads where file
   * descriptor 2 points on Linux; elsewhere it answers no, which only hides the progress line.
   */
  private static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  /**
   * Runs the command with the given standard streams, read and written as UTF-8.
   *
   * @return the exit status
   */
  public static int run(InputStream in, OutputStream out, OutputStream err, String... args) {
    return run(in, out, err, false, args);
  }

  private static int run(InputStream in, OutputStream out, OutputStream err, boolean errIsTerminal, String... args) {
    PrintWriter o = writer(out);
    PrintWriter e = writer(err);
    try {
      return new CommandLine(new Tollgate(in, o, out, e, errIsTerminal))
          .setOut(o)
          .setErr(e)
          .setExecutionExceptionHandler(Tollgate::failed)
          .execute(args);
    } finally {
      o.flush();
      e.flush();
    }
  }

  /** Without a subcommand there is nothing to do; picocli reports that as a usage error. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(),
        "Missing command: check, validate, test, lint, diff, docs, schemas, bundle or serve");
  }

  // Explicit UTF-8 because decisions carry Chinese text and the platform default may be ASCII; no
  // auto-flush because a flush per line would cap streaming far below the lines a second wanted.
  private static PrintWriter writer(OutputStream stream) {
    return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), BUFFER), false);
  }

  /**
   * Reports what a subcommand threw. Exit status 2, never 1: a script must not read a failure as an
   * ordinary DENY, and must never read it as an ALLOW.
   */
  private static int failed(Exception e, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    if (e instanceof RulePackException) {
      err.println(e.getMessage());
    } else if (e instanceof dev.tollgate.bundle.BundleException bad) {
      err.println("tollgate: " + bad.reason() + ": " + bad.getMessage());
    } else if (e instanceof UncheckedIOException io) {
      String cause = io.getCause().getMessage();
      err.println("tollgate: " + io.getMessage() + (cause == null || io.getMessage().contains(cause) ? "" : ": " + cause));
    } else if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
      // The engine builder's misuse messages name the bad value (a pin, a folder), which is all a user needs.
      err.println("tollgate: " + e.getMessage());
    } else {
      e.printStackTrace(err);
    }
    return BAD_INPUT;
  }

  /** Reads the version from the jar manifest, which the build writes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Tollgate.class.getPackage().getImplementationVersion();
      return new String[] {"tollgate " + (version == null ? "(development build)" : version)};
    }
  }
}
