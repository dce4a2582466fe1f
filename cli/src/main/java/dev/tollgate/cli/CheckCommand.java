package dev.tollgate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.Decision;
import dev.tollgate.Finding;
import dev.tollgate.InvalidRequestException;
import dev.tollgate.PolicyEngine;
import dev.tollgate.Request;
import dev.tollgate.decisionlog.DecisionLog;
import dev.tollgate.server.DecisionLogOptions;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

/** {@code tollgate check}: decides one request file, or a stream of one request per line. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Decides requests and prints each decision as JSON.",
    footer = {"", "Exit status: 0 all ALLOW, 1 a DENY, 2 bad input or bad packs (2 wins over 1)."})
final class CheckCommand implements Callable<Integer> {
  /** System findings of CONTRACT.md that mean the input or the engine failed, not that the law said no. */
  private static final Set<String> SYSTEM_FAILURES = Set.of("TOLLGATE-INVALID-REQUEST", "TOLLGATE-EVALUATION-ERROR");
  private static final int BUFFER = 1 << 16;
  /** Requests per task on the pool: small enough to share the work out evenly, big enough for big writes. */
  private static final int BATCH = 256;
  /**
   * The most bytes of one request held: the engine reads requests of up to 1 Mi characters (and refuses
   * longer ones itself), each at most 4 bytes in UTF-8; a longer input is cut there, never held whole.
   */
  static final int MAX_REQUEST_BYTES = 4 << 20;

  // Strict like the request codec, so that rewriting `at` cannot hide a duplicate key or trailing
  // garbage from it, and exact so that numbers pass through unchanged.
  private static final ObjectMapper TREE = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();

  @ParentCommand
  private Tollgate tollgate;

  @Mixin
  private PackOptions packs;

  @Option(names = "--bundle", paramLabel = "FILE|URL",
      description = "Decide with the packs of this signed bundle (a file, or an http(s) URL) instead of --packs or the bundled packs.")
  private String bundle;

  @Option(names = "--public-key", paramLabel = "KEY", description = "The Ed25519 public key (PEM) the --bundle must be signed with.")
  private java.nio.file.Path publicKey;

  @Mixin
  private DecisionLogOptions decisionLog;

  @Option(names = "--jsonl", description = "FILE holds one request per line; print one decision per line. Blank lines are skipped.")
  private boolean jsonl;

  @Option(names = "--at", paramLabel = "DATE-TIME", converter = DateTimeConverter.class,
      description = "Decide as if at this time, replacing each request's at, e.g. 2025-09-02T21:30:00+08:00.")
  private OffsetDateTime at;

  @Parameters(paramLabel = "FILE", description = "The request file; - reads standard input.")
  private String file;

  /** The bundle to decide with, or null for --packs or the bundled packs. */
  private dev.tollgate.bundle.BundleSource bundleSource() {
    if (bundle == null) {
      if (publicKey != null) {
        throw new IllegalArgumentException("--public-key is for --bundle, which is missing");
      }
      return null;
    }
    if (publicKey == null) {
      throw new IllegalArgumentException("--bundle needs --public-key: the key its signature must be made with");
    }
    return dev.tollgate.bundle.BundleSource.at(bundle).publicKey(dev.tollgate.bundle.Keys.readPublic(publicKey)).build();
  }

  @Override
  public Integer call() {
    // Opened before the packs are compiled, so a mistyped file name fails at once.
    try (InputStream stream = open()) {
      try (PolicyEngine engine = packs.engine(bundleSource(), this::logDecisions)) {
        if (jsonl) {
          return decideLines(engine, new Utf8Lines(stream, BUFFER, MAX_REQUEST_BYTES));
        }
        // Bytes that are not UTF-8 become U+FFFD, which the engine refuses inside a value and the parser
        // outside one: either way the request is invalid, never read as something else.
        Checked checked = decide(engine, withoutBom(new String(stream.readNBytes(MAX_REQUEST_BYTES + 1),
            StandardCharsets.UTF_8)));
        return print(checked, checked.decision().toJson(), file + ": ");
      }
    } catch (IOException e) {
      tollgate.err.println("tollgate: cannot read " + file + ": " + reason(e));
      return Tollgate.BAD_INPUT;
    }
  }

  private void logDecisions(PolicyEngine.Builder builder) {
    DecisionLog log = decisionLog.open();
    if (log != null) {
      builder.decisionLog(log);
    }
  }

  /**
   * Decides the lines in batches on a pool of threads, since the engine is thread-safe and deciding is most
   * of the cost, and prints the decisions in input order. Each batch is bound, decided and written as UTF-8
   * bytes on the pool, while this thread reads the next batches and writes the finished ones.
   */
  private int decideLines(PolicyEngine engine, Utf8Lines reader) throws IOException {
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
      Thread thread = new Thread(task, "tollgate-check");
      thread.setDaemon(true);
      return thread;
    });
    try {
      return decideLines(engine, reader, pool, 2 * threads + 1);
    } finally {
      pool.shutdownNow();
    }
  }

  private int decideLines(PolicyEngine engine, Utf8Lines reader, ExecutorService pool, int inFlight)
      throws IOException {
    tollgate.out.flush();
    Deque<Future<Printed>> pending = new ArrayDeque<>();
    int status = Tollgate.OK;
    int number = 0;
    boolean more = true;
    Tally tally = new Tally(System.nanoTime(), tollgate.errIsTerminal);
    while (more) {
      String[] requests = new String[BATCH];
      int[] numbers = new int[BATCH];
      int count = 0;
      // A batch ends where the input would block, so a process that writes one request and waits for
      // its decision gets it, while a file goes through in full batches and big writes.
      while (count < BATCH && (count == 0 || reader.ready())) {
        String line = reader.readLine();
        if (line == null) {
          more = false;
          break;
        }
        number++;
        if (!line.isBlank()) {
          requests[count] = number == 1 ? withoutBom(line) : line;
          numbers[count++] = number;
        }
      }
      if (count > 0) {
        int n = count;
        pending.add(pool.submit(() -> decideBatch(engine, requests, numbers, n)));
      }
      boolean waiting = !more || !reader.ready();
      // Print what is done; wait for the rest only when enough is in flight or before blocking on input.
      while (!pending.isEmpty() && (waiting || pending.size() >= inFlight || pending.peek().isDone())) {
        Printed printed = await(pending.poll());
        status = Math.max(status, print(printed));
        tally.add(printed);
      }
      if (waiting) {
        quietly(OutputStream::flush);
      }
      tally.progress(tollgate.err);
    }
    tally.summary(tollgate.err);
    return status;
  }

  /**
   * A batch's decisions as UTF-8 JSON lines, the problems to report on stderr, the exit status it calls
   * for, and its count of decisions by outcome.
   */
  private record Printed(ByteArrayOutputStream json, List<String> problems, int status, int allowed, int denied, int invalid) {}

  /**
   * The counts for the summary that ends {@code check --jsonl} on stderr, and the progress line shown
   * meanwhile when stderr is a terminal (a script reading stderr gets only the summary).
   */
  private static final class Tally {
    /** The first progress line comes after this long, so short files print none. */
    private static final long QUIET_NANOS = 1_000_000_000L;
    private static final long EVERY_NANOS = 500_000_000L;
    private final long start;
    private final boolean terminal;
    private long requests;
    private long allowed;
    private long denied;
    private long invalid;
    private long shown;
    private boolean progressShown;

    Tally(long start, boolean terminal) {
      this.start = start;
      this.terminal = terminal;
      this.shown = start + QUIET_NANOS - EVERY_NANOS;
    }

    void add(Printed p) {
      requests += p.allowed() + p.denied();
      allowed += p.allowed();
      denied += p.denied();
      invalid += p.invalid();
    }

    void progress(PrintWriter err) {
      long now = System.nanoTime();
      if (terminal && now - shown >= EVERY_NANOS) {
        shown = now;
        progressShown = true;
        err.print("\r" + counts() + " so far, " + Math.round(requests / ((now - start) / 1e9)) + "/s ");
        err.flush();
      }
    }

    void summary(PrintWriter err) {
      double seconds = (System.nanoTime() - start) / 1e9;
      // Overwrites the progress line, which is never longer than the summary plus its blank.
      err.println((progressShown ? "\r" : "") + "tollgate: " + counts() + String.format(Locale.ROOT, " in %.2f s", seconds)
          + (progressShown ? "        " : ""));
    }

    private String counts() {
      return requests + (requests == 1 ? " request: " : " requests: ") + allowed + " ALLOW, " + denied + " DENY ("
          + invalid + (invalid == 1 ? " invalid line)" : " invalid lines)");
    }
  }

  private Printed decideBatch(PolicyEngine engine, String[] requests, int[] numbers, int count) {
    // A decision citing a rule is one to three kilobytes, its messages in two languages: room for most
    // batches without growing.
    ByteArrayOutputStream json = new ByteArrayOutputStream(count * 4096);
    List<String> problems = new ArrayList<>(0);
    int status = Tollgate.OK;
    int allowed = 0;
    for (int i = 0; i < count; i++) {
      Checked checked = decide(engine, requests[i]);
      json.writeBytes(checked.decision().toJson().getBytes(StandardCharsets.UTF_8));
      json.write('\n');
      String problem = problem(checked);
      if (problem != null) {
        problems.add("line " + numbers[i] + ": " + problem);
      }
      allowed += checked.decision().isAllowed() ? 1 : 0;
      status = Math.max(status, status(checked, problem));
    }
    return new Printed(json, problems, status, allowed, count - allowed, problems.size());
  }

  private int print(Printed printed) {
    quietly(out -> printed.json().writeTo(out));
    for (String problem : printed.problems()) {
      tollgate.err.println(problem);
    }
    return printed.status();
  }

  private interface Output {
    void accept(OutputStream out) throws IOException;
  }

  /**
   * Writes to standard output and, as the PrintWriter the other commands print with does, ignores a failure
   * (a closed pipe): it must not read as a failure to read the requests, and the exit status stays the
   * decisions'.
   */
  private void quietly(Output write) {
    try {
      write.accept(tollgate.outBytes);
    } catch (IOException e) {
      // Ignored like PrintWriter's errors.
    }
  }

  private static Printed await(Future<Printed> batch) {
    try {
      return batch.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while deciding", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** A decision, and for a request that breaks the contract the problem, naming its JSON path. */
  private record Checked(Decision decision, String problem) {}

  private Checked decide(PolicyEngine engine, String json) {
    String request = at == null ? json : withAt(json);
    try {
      return new Checked(engine.decide(Request.fromJson(request)), null);
    } catch (InvalidRequestException e) {
      // The engine's answer to a bad request is a DENY citing TOLLGATE-INVALID-REQUEST; print it too,
      // so that decisions stay aligned with their requests.
      return new Checked(engine.decideJson(request), e.getMessage());
    }
  }

  /** Prints a decision given with its JSON; the problem of an invalid request goes to stderr after {@code where}. */
  private int print(Checked checked, String json, String where) {
    tollgate.out.write(json);
    tollgate.out.write('\n');
    String problem = problem(checked);
    if (problem != null) {
      tollgate.err.println(where + problem);
    }
    return status(checked, problem);
  }

  /**
   * What is wrong with the request or with deciding it, or null: the problem of an invalid request, or the
   * message of a system finding. Some requests only break the contract for the packs in force (a word
   * outside a pack's vocabulary, a local time without a zone), and a failure to decide must never read as
   * an ordinary DENY.
   */
  private static String problem(Checked checked) {
    if (checked.problem() != null) {
      return checked.problem();
    }
    for (Finding finding : checked.decision().findings()) {
      if (SYSTEM_FAILURES.contains(finding.rule())) {
        return finding.message().en();
      }
    }
    return null;
  }

  /** The exit status a decision calls for, given its {@link #problem}. */
  private static int status(Checked checked, String problem) {
    if (problem != null) {
      return Tollgate.BAD_INPUT;
    }
    return checked.decision().isAllowed() ? Tollgate.OK : Tollgate.DENIED;
  }

  /** The request with its {@code at} replaced; JSON that is not an object is left for the engine to reject. */
  private String withAt(String json) {
    try {
      JsonNode node = TREE.readTree(json);
      if (node instanceof ObjectNode object) {
        object.put("at", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at));
        return TREE.writeValueAsString(object);
      }
    } catch (JsonProcessingException e) {
      // Malformed: the engine's own message names where.
    }
    return json;
  }

  private InputStream open() throws IOException {
    // Standard input belongs to whoever called Tollgate.run, so closing the stream must not close it.
    return file.equals("-") ? new FilterInputStream(tollgate.in) {
      @Override
      public void close() {}
    } : Files.newInputStream(Path.of(file));
  }

  /** Editors on Windows start UTF-8 files with a byte-order mark, which is not JSON. */
  private static String withoutBom(String text) {
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage();
  }

  /** Parses {@code --at}, with an example in the message instead of the parser's. */
  static final class DateTimeConverter implements ITypeConverter<OffsetDateTime> {
    @Override
    public OffsetDateTime convert(String value) {
      try {
        return OffsetDateTime.parse(value);
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("'" + value
            + "' is not an ISO-8601 date-time with offset, e.g. 2025-09-02T21:30:00+08:00");
      }
    }
  }
}
