package dev.tollgate;

import dev.tollgate.internal.codec.RequestCodec;
import dev.tollgate.internal.eval.Batch;
import dev.tollgate.internal.eval.Evaluator;
import dev.tollgate.internal.history.HistoryNeeds;
import dev.tollgate.internal.ledger.Reservation;
import dev.tollgate.internal.ledger.Subjects;
import dev.tollgate.internal.ledger.WindowedLedger;
import dev.tollgate.rules.ParameterOverrides;
import dev.tollgate.rules.RulePack;
import dev.tollgate.rules.RulePackLoader;
import dev.tollgate.rules.Version;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Decides proposed calls and data shares against rule packs: ALLOW or DENY, with every rule that
 * matched, the law behind it and the obligations to carry out.
 *
 * <pre>{@code
 * PolicyEngine engine = PolicyEngine.builder().bundledPacks().build();
 * Decision d = engine.decide(request);
 * }</pre>
 *
 * <p>Immutable and thread-safe: build one engine and share it. Loading, validating and compiling the
 * packs happen in {@link Builder#build()}; a decision costs microseconds. A DENY is a value; by default
 * a failure to evaluate is a DENY citing {@code TOLLGATE-EVALUATION-ERROR} too.
 *
 * <p>A call or message request that carries {@code history} is decided on it as it is. One without is
 * decided on the contacts in the engine's {@link ContactLedger} (by default one in memory), and
 * {@code decideAndRecord} decides and records a call or a message, on its channel, in one atomic step.
 */
public final class PolicyEngine implements AutoCloseable {
  /**
   * The compiled packs in force. Each decision reads it once and runs wholly on what it read, so a
   * {@link PackSource} replaces them with one write, and no decision waits for it.
   */
  private volatile Loaded loaded;
  private final ContactLedger ledger;
  /** The ledger's reads of the contacts a decision can count. */
  private final WindowedLedger history;
  private final Duration retention;
  private final Clock clock;
  /** Empty when none were registered: a decision then costs one length check more. */
  private final DecisionListener[] listeners;
  /** Compiles a set of packs with the builder's settings. */
  private final Function<List<RulePack>, Evaluator> compiler;
  /** Null unless the packs come from a source. */
  private final PackSource source;
  /** Failures counted by evaluators a source has replaced, so that {@link #evaluationErrors} only grows. */
  private final AtomicLong replacedFailures = new AtomicLong();

  /**
   * One compiled set of packs, what its rules read of the ledger, and its revision (null for packs not
   * from a {@link PackSource}).
   */
  private record Loaded(Evaluator evaluator, HistoryNeeds needs, String revision) {
    Loaded(Evaluator evaluator, String revision) {
      this(evaluator, evaluator.historyNeeds(), revision);
    }

    /** The decision as made on these packs: with their revision, if they have one. */
    Decision named(Decision d) {
      return revision == null ? d : d.withBundle(revision);
    }
  }

  /** The builder's decision log, closed with the engine; null if none. */
  private final DecisionListener decisionLog;

  private PolicyEngine(Loaded loaded, ContactLedger ledger, Duration retention, Clock clock,
      DecisionListener[] listeners, DecisionListener decisionLog, Function<List<RulePack>, Evaluator> compiler,
      PackSource source) {
    this.loaded = loaded;
    this.ledger = ledger;
    this.history = WindowedLedger.of(ledger);
    this.retention = retention;
    this.clock = clock;
    this.listeners = listeners;
    this.decisionLog = decisionLog;
    this.compiler = compiler;
    this.source = source;
  }

  /** Compiles packs from the source and puts them in force; on any failure the packs in force stay. */
  private void load(String revision, List<RulePack> packs) {
    Objects.requireNonNull(revision, "revision");
    Loaded next = new Loaded(compiler.apply(List.copyOf(packs)), revision);
    Loaded previous = loaded;
    loaded = next;
    if (previous != null) {
      // Not closed: decisions begun on it may still be running. Nothing else holds it, so it is collected.
      replacedFailures.addAndGet(previous.evaluator().failures());
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Decides a call or data-share request. A call without {@code history} is decided on the ledger's
   * contacts of its subject; if the ledger cannot be read, the decision is a DENY citing
   * {@code TOLLGATE-EVALUATION-ERROR}, never an ALLOW on a missing history. A call whose
   * {@code callee.subject} is empty or a phone number (a subject is a pseudonymous id), or a negative count,
   * is a DENY citing {@code TOLLGATE-INVALID-REQUEST}.
   */
  public Decision decide(Request request) {
    Objects.requireNonNull(request, "request");
    Loaded l = loaded;
    if (listeners.length == 0) {
      return l.named(decide(l, request, null));
    }
    return observed(l, request, System.nanoTime(), decided -> l.named(decide(l, request, decided)));
  }

  /** Decides; if {@code decided} is given, puts in it the request as decided, with the ledger's history. */
  private Decision decide(Loaded l, Request request, Request[] decided) {
    Evaluator evaluator = l.evaluator();
    HistoryNeeds needs = l.needs();
    InvalidRequestException invalid = RequestCodec.check(request);
    if (invalid != null) {
      return evaluator.rejected(request, invalid.getMessage());
    }
    if (request instanceof CallRequest call && call.history() == null && needs.windows()) {
      List<ContactLedger.Entry> entries;
      try {
        entries = history.entries(call.callee().subject(), needs.since(call.at().toInstant()), needs.keepForever(),
            System.nanoTime());
      } catch (RuntimeException e) {
        return evaluator.failure(call, e);
      }
      CallRequest withHistory = withHistory(call, entries);
      if (decided != null) {
        decided[0] = withHistory;
      }
      return evaluator.decide(withHistory);
    }
    if (request instanceof MessageRequest message && message.history() == null && needs.windows()) {
      List<ContactLedger.Entry> entries;
      try {
        entries = history.entries(message.recipient().subject(), needs.since(message.at().toInstant()),
            needs.keepForever(), System.nanoTime());
      } catch (RuntimeException e) {
        return evaluator.failure(message, e);
      }
      MessageRequest withHistory = withHistory(message, entries);
      if (decided != null) {
        decided[0] = withHistory;
      }
      return evaluator.decide(withHistory);
    }
    return evaluator.decide(request);
  }

  /** Decides with {@code decide}, which puts the request as decided in its argument, and tells the listeners. */
  private Decision observed(Loaded l, Request request, long start, Function<Request[], Decision> decide) {
    Request[] decided = {request};
    Decision decision = decide.apply(decided);
    return observed(l, decided[0], decision, start);
  }

  /**
   * Tells every listener of a decision; if one throws, the decision becomes a DENY citing
   * TOLLGATE-EVALUATION-ERROR, so that no ALLOW goes out that a listener did not see.
   */
  private Decision observed(Loaded l, Request request, Decision decision, long start) {
    long nanos = System.nanoTime() - start;
    RuntimeException failed = null;
    for (DecisionListener listener : listeners) {
      try {
        listener.decided(request, decision, nanos);
      } catch (RuntimeException e) {
        if (failed == null) {
          failed = e;
        } else {
          failed.addSuppressed(e);
        }
      }
    }
    return failed == null ? decision : l.named(l.evaluator().failure(decision, request, failed));
  }

  /**
   * Decides a call on the ledger's history and, if it is allowed, records it in the ledger under the
   * request's id, atomically: of any number of concurrent requests for one person, on this engine or on
   * others sharing the ledger's database, exactly as many pass as the caps leave room for. Deciding the
   * same request id again (a retry) does not count the first attempt against it, nor records it twice.
   *
   * <p>Until its outcome is recorded ({@link ContactLedger#recordOutcome}), a recorded call counts as a
   * conversation.
   *
   * @return the decision; a DENY citing {@code TOLLGATE-INVALID-REQUEST} if the request carries its own
   *     {@code history}, its subject is empty or a phone number, its id, product or debt id is longer than
   *     256 characters, or its id is already recorded for another person; and citing
   *     {@code TOLLGATE-EVALUATION-ERROR} if the ledger failed or did not answer within its timeout (then nothing was recorded, unless the
   *     finding says the call may have been: the connection was lost while committing; deciding the same
   *     request again tells which)
   */
  public Decision decideAndRecord(CallRequest request) {
    Objects.requireNonNull(request, "request");
    Loaded l = loaded;
    if (listeners.length == 0) {
      return l.named(decideAndRecord(l, request, null));
    }
    return observed(l, request, System.nanoTime(), decided -> l.named(decideAndRecord(l, request, decided)));
  }

  private Decision decideAndRecord(Loaded l, CallRequest request, Request[] decided) {
    return decideAndRecord(l, request, request.history(), request.callee().subject(), request.purpose(),
        request.product(), request.debt() == null ? null : request.debt().id(), CallRequest.Channel.CALL,
        earlier -> withHistory(request, earlier), decided);
  }

  /**
   * Decides a message on the ledger's history and, if it is allowed, records it in the ledger as a contact
   * on its channel, atomically, as {@link #decideAndRecord(CallRequest)} does a call: the caps that count
   * its channel, or every channel, hold across engines sharing the ledger's database.
   *
   * <p>Until its outcome is recorded ({@link ContactLedger#recordOutcome}), a recorded message counts as
   * delivered to the person ({@code CONVERSATION}); record {@code NOT_CONNECTED} if the network did not
   * deliver it and {@code REFUSED} if the person replied to refuse.
   *
   * @return the decision, with the same DENY citations for a history, subject, id, product or debt id, or a
   *     failing ledger as {@link #decideAndRecord(CallRequest)}
   */
  public Decision decideAndRecord(MessageRequest request) {
    Objects.requireNonNull(request, "request");
    Loaded l = loaded;
    if (listeners.length == 0) {
      return l.named(decideAndRecord(l, request, null));
    }
    return observed(l, request, System.nanoTime(), decided -> l.named(decideAndRecord(l, request, decided)));
  }

  private Decision decideAndRecord(Loaded l, MessageRequest request, Request[] decided) {
    return decideAndRecord(l, request, request.history(), request.recipient().subject(), request.purpose(),
        request.product(), request.debt() == null ? null : request.debt().id(),
        CallRequest.Channel.valueOf(request.channel().name()), earlier -> withHistory(request, earlier), decided);
  }

  /** Decides a call or message on the subject's contacts in the ledger and records it, if allowed, on its channel. */
  private Decision decideAndRecord(Loaded l, Request request, List<CallRequest.Contact> ownHistory, String subject,
      CallRequest.Purpose purpose, String product, String debt, CallRequest.Channel channel,
      Function<List<ContactLedger.Entry>, Request> withHistory, Request[] decided) {
    Evaluator evaluator = l.evaluator();
    HistoryNeeds needs = l.needs();
    // The ledger's timeout bounds the whole decision, both of its reads included.
    long started = System.nanoTime();
    if (ownHistory != null) {
      return evaluator.rejected(request, "history: must be absent when the ledger records the contact; the ledger supplies it");
    }
    InvalidRequestException invalid = RequestCodec.check(request);
    if (invalid != null) {
      return evaluator.rejected(request, invalid.getMessage());
    }
    String[][] stored = {{"$.id", request.id()}, {"$.product", product}, {"$.debt.id", debt}};
    for (String[] value : stored) {
      String problem = Subjects.tooLong(value[1]);
      if (problem != null) {
        return evaluator.rejected(request, value[0] + ": " + problem + ", the most the ledger stores");
      }
    }
    ContactLedger.Entry entry = new ContactLedger.Entry(request.id(), request.at().toInstant(), purpose, product, debt,
        channel, null);
    return Reservation.decideAndRecord(history, entry, subject, needs.since(request.at().toInstant()),
        needs.keepForever(), started, new Reservation.Decider() {
          @Override
          public Decision decide(List<ContactLedger.Entry> earlier) {
            Request withEarlier = withHistory.apply(earlier);
            if (decided != null) {
              decided[0] = withEarlier;
            }
            return evaluator.decide(withEarlier);
          }

          @Override
          public Decision failed(RuntimeException e) {
            return evaluator.failure(request, e);
          }

          @Override
          public Decision refused(String message) {
            return evaluator.rejected(request, message);
          }
        });
  }

  /** The ledger this engine reads and records contacts in. */
  public ContactLedger ledger() {
    return ledger;
  }

  /**
   * Deletes the ledger's contacts that no loaded rule can count any more: those older than the longest
   * window of the rules (or than the configured {@link Builder#retention}, if longer), except the
   * outcomes a rule counts for ever, such as refusals. Run it daily, from any one engine.
   *
   * @return how many contacts were deleted
   * @throws LedgerException if the ledger's store fails
   */
  public int pruneLedger() {
    HistoryNeeds needs = loaded.needs();
    Duration keep = retention != null && retention.compareTo(needs.horizon()) > 0 ? retention : needs.horizon();
    return ledger.prune(clock.instant().minus(keep), needs.keepForever());
  }

  /**
   * The call with the ledger's entries as its history. An entry at or after the call's time (another
   * node's clock runs ahead, or a call was reserved for later) counts as made just before the call, so
   * that a cap holds whichever node's clock is ahead.
   */
  private static CallRequest withHistory(CallRequest c, List<ContactLedger.Entry> entries) {
    if (entries.isEmpty()) {
      // No history counts nothing, as an empty one would: the request is decided as it is, without a copy.
      return c;
    }
    return new CallRequest(c.id(), c.at(), c.jurisdiction(), c.purpose(), c.product(), c.voice(), c.interactive(),
        c.aiLabel(), c.caller(), c.callee(), c.debt(), c.script(), contacts(c.at(), entries));
  }

  /** The message with the ledger's entries as its history, as {@link #withHistory(CallRequest, List)} a call. */
  private static MessageRequest withHistory(MessageRequest m, List<ContactLedger.Entry> entries) {
    if (entries.isEmpty()) {
      return m;
    }
    return new MessageRequest(m.id(), m.at(), m.jurisdiction(), m.channel(), m.purpose(), m.product(), m.sender(),
        m.text(), m.aiGenerated(), m.voiceNote(), m.recipient(), m.debt(), contacts(m.at(), entries));
  }

  /** The ledger's entries as a history before {@code at}, an entry at or after it counted as just before. */
  private static List<CallRequest.Contact> contacts(java.time.OffsetDateTime at, List<ContactLedger.Entry> entries) {
    List<CallRequest.Contact> history = new ArrayList<>(entries.size());
    java.time.OffsetDateTime justBefore = at.minusNanos(1);
    for (ContactLedger.Entry e : entries) {
      CallRequest.Contact contact = e.toContact();
      history.add(contact.at().isBefore(at) ? contact : new CallRequest.Contact(justBefore, contact.purpose(),
          contact.product(), contact.debt(), contact.outcome(), contact.channel()));
    }
    return history;
  }

  /**
   * Decides every request of a list, a campaign's call list say, on the calling thread and on the
   * executor's threads, and returns the decisions in the order of the requests. The caller chooses the
   * cores: {@code Executors.newFixedThreadPool(n)} adds up to n threads to the calling one,
   * {@code ForkJoinPool.commonPool()} uses every core, {@code Runnable::run} decides all on the calling
   * thread. Each request is decided as by {@link #decide}, so one that fails is a DENY citing
   * {@code TOLLGATE-EVALUATION-ERROR} and the others are decided as usual.
   *
   * <p>The batch finishes even if the executor runs none of its tasks (a saturated pool, or this call made
   * from one of its threads): the calling thread decides whatever no other thread has taken.
   *
   * @return the decisions, one per request, in the same order
   * @throws NullPointerException if the list or one of its requests is null, naming its index
   * @throws PolicyEvaluationException under {@link OnError#THROW}, the failure of the first request in
   *     list order that failed, once every other request was decided
   */
  public List<Decision> decideAll(List<? extends Request> requests, Executor executor) {
    Objects.requireNonNull(requests, "requests");
    Objects.requireNonNull(executor, "executor");
    for (int i = 0; i < requests.size(); i++) {
      if (requests.get(i) == null) {
        throw new NullPointerException("requests[" + i + "] is null");
      }
    }
    return Batch.map(requests, this::decide, executor);
  }

  /**
   * Decides a request given as contract JSON. A request that breaks the contract is not an exception
   * here: it is a DENY citing {@code TOLLGATE-INVALID-REQUEST}, whose message names the JSON path.
   */
  public Decision decideJson(String json) {
    Objects.requireNonNull(json, "json");
    long start = listeners.length == 0 ? 0 : System.nanoTime();
    Loaded l = loaded;
    Request request;
    try {
      request = Request.fromJson(json);
    } catch (InvalidRequestException e) {
      Decision invalid = l.named(l.evaluator().invalid(json, e.getMessage()));
      return listeners.length == 0 ? invalid : observed(l, null, invalid, start);
    }
    if (listeners.length == 0) {
      return l.named(decide(l, request, null));
    }
    return observed(l, request, start, decided -> l.named(decide(l, request, decided)));
  }

  /**
   * How many requests this engine could not evaluate since it was built: each was a DENY citing
   * {@code TOLLGATE-EVALUATION-ERROR} (and logged as a warning by the SLF4J logger
   * {@code dev.tollgate.PolicyEngine}, with its decision id and cause) or, under {@link OnError#THROW}, a
   * {@link PolicyEvaluationException}. Only grows; read it as a counter for metrics (an unreachable ledger,
   * an engine bug). Requests that break the contract are not counted: they are the caller's error.
   */
  public long evaluationErrors() {
    return replacedFailures.get() + loaded.evaluator().failures();
  }

  /** The loaded packs, every version, ordered by id and version; with a {@link PackSource}, those in force now. */
  public List<RulePack> packs() {
    return loaded.evaluator().packs();
  }

  /**
   * Closes the {@link PackSource}, if any, releases the pooled rule-engine sessions, then closes the
   * decision log if it is {@link AutoCloseable}.
   */
  @Override
  public void close() {
    if (source != null) {
      source.close();
    }
    loaded.evaluator().close();
    if (decisionLog instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("the decision log could not be closed: " + e.getMessage(), e);
      }
    }
  }

  /** What a failure to evaluate produces. */
  public enum OnError {
    /** A DENY citing {@code TOLLGATE-EVALUATION-ERROR}: the default, so a failure never allows a call. */
    DENY,
    /** A {@link PolicyEvaluationException}, for callers that handle failures themselves. */
    THROW
  }

  /**
   * Configures a {@link PolicyEngine}. Not thread-safe; each setting is checked when it is made.
   */
  public static final class Builder {
    private boolean bundled;
    private final List<Path> paths = new ArrayList<>();
    private final Map<String, Version> pins = new LinkedHashMap<>();
    private Clock clock;
    private OnError onError;
    private Path overrides;
    private ContactLedger ledger;
    private Duration retention;
    private final List<DecisionListener> listeners = new ArrayList<>();
    private PackSource source;
    private DecisionListener decisionLog;

    private Builder() {}

    /**
     * Takes the packs from a source that replaces them while the engine runs (a signed bundle file or URL:
     * {@code dev.tollgate.bundle.BundleSource} in tollgate-bundle), instead of from folders or the jar.
     * {@code build()} opens it and loads its first set; pins, overrides and retention apply to every set.
     *
     * @throws IllegalStateException if a source was already set
     */
    public Builder bundle(PackSource source) {
      Objects.requireNonNull(source, "source");
      if (this.source != null) {
        throw new IllegalStateException("a pack source was already set to " + this.source);
      }
      this.source = source;
      return this;
    }

    /**
     * Writes every decision to a decision log (the tollgate-decision-log module's {@code DecisionLog}):
     * a listener told after every other, which the engine closes on {@link PolicyEngine#close()} if it is
     * {@link AutoCloseable}. As for any listener, a log that fails to write turns the decision into a DENY.
     *
     * @throws IllegalStateException if a decision log was already set
     */
    public Builder decisionLog(DecisionListener log) {
      Objects.requireNonNull(log, "log");
      if (this.decisionLog != null) {
        throw new IllegalStateException("a decision log was already set to " + this.decisionLog);
      }
      this.decisionLog = log;
      return this;
    }

    /**
     * Tells {@code listener} of every decision the engine makes, after the listeners added before it.
     * May be called several times. See {@link DecisionListener} for what a listener must be.
     */
    public Builder listener(DecisionListener listener) {
      Objects.requireNonNull(listener, "listener");
      listeners.add(listener);
      return this;
    }

    /**
     * The ledger that supplies the history of calls without one and records calls decided with
     * {@link PolicyEngine#decideAndRecord}; default: a new in-memory ledger. Engines given ledgers on
     * one database share one history.
     */
    public Builder ledger(ContactLedger ledger) {
      Objects.requireNonNull(ledger, "ledger");
      if (this.ledger != null) {
        throw new IllegalStateException("a ledger was already set");
      }
      this.ledger = ledger;
      return this;
    }

    /**
     * Keeps contacts in the ledger at least this long when {@link PolicyEngine#pruneLedger} runs, e.g. for
     * audit; it cannot be shorter than the longest window of the loaded rules, or caps would stop holding.
     *
     * @throws IllegalArgumentException if negative or zero
     */
    public Builder retention(Duration retention) {
      Objects.requireNonNull(retention, "retention");
      if (retention.isNegative() || retention.isZero()) {
        throw new IllegalArgumentException("retention must be positive, was " + retention);
      }
      if (this.retention != null) {
        throw new IllegalStateException("retention was already set to " + this.retention);
      }
      this.retention = retention;
      return this;
    }

    /** Loads the packs shipped in the tollgate-rulepacks jar. */
    public Builder bundledPacks() {
      if (bundled) {
        throw new IllegalStateException("bundled packs were already added");
      }
      bundled = true;
      return this;
    }

    /**
     * Loads the packs under a folder ({@code <id>/<version>/pack.yaml}), one pack version folder, or a
     * {@code pack.yaml} file. May be called several times.
     */
    public Builder packs(Path path) {
      Objects.requireNonNull(path, "path");
      if (paths.contains(path)) {
        throw new IllegalStateException("packs from " + path + " were already added");
      }
      paths.add(path);
      return this;
    }

    /**
     * Uses exactly this version of a pack, instead of the highest version in force.
     *
     * @param packAtVersion {@code pack-id@1.2.3}
     * @throws IllegalArgumentException if it is not of that form
     * @throws IllegalStateException if the pack is already pinned
     */
    public Builder pin(String packAtVersion) {
      Objects.requireNonNull(packAtVersion, "packAtVersion");
      int at = packAtVersion.indexOf('@');
      if (at <= 0) {
        throw new IllegalArgumentException("pin '" + packAtVersion + "' must read pack-id@version, e.g. cn-aigc-labeling@1.0.0");
      }
      String id = packAtVersion.substring(0, at);
      Version version = Version.parse(packAtVersion.substring(at + 1));
      Version previous = pins.putIfAbsent(id, version);
      if (previous != null) {
        throw new IllegalStateException("pack " + id + " was already pinned to " + previous);
      }
      return this;
    }

    /** The clock for decision ids; default: the system clock in UTC. */
    public Builder clock(Clock clock) {
      Objects.requireNonNull(clock, "clock");
      if (this.clock != null) {
        throw new IllegalStateException("clock was already set to " + this.clock);
      }
      this.clock = clock;
      return this;
    }

    /**
     * Applies an institution's overlay file, {@code {pack-id: {parameter: value}}}, over the packs'
     * parameter defaults (caps, quiet hours, prefixes) without editing the packs. Each decision lists the
     * overrides that applied to its packs in {@link Decision#overrides()}. The file is read and checked
     * against the packs in {@link #build()}.
     *
     * @throws IllegalStateException if an overlay was already set
     */
    public Builder overrides(Path file) {
      Objects.requireNonNull(file, "file");
      if (this.overrides != null) {
        throw new IllegalStateException("overrides were already set to " + this.overrides);
      }
      this.overrides = file;
      return this;
    }

    /** What a failure to evaluate produces; default {@link OnError#DENY}. */
    public Builder onError(OnError onError) {
      Objects.requireNonNull(onError, "onError");
      if (this.onError != null) {
        throw new IllegalStateException("onError was already set to " + this.onError);
      }
      this.onError = onError;
      return this;
    }

    /**
     * Loads, validates and compiles the packs.
     *
     * @throws dev.tollgate.rules.RulePackException with every problem in the packs or in the overlay
     *     (an unknown pack or parameter, a value that does not suit the rules using it), at file:line:col
     * @throws java.io.UncheckedIOException if the overlay file cannot be read
     * @throws IllegalStateException if no packs were named, a pin names a version not loaded, or the
     *     retention is shorter than the longest window of the rules
     * @throws RuntimeException what a {@link #bundle} source threw when it could not load its first set
     */
    public PolicyEngine build() {
      Clock engineClock = clock == null ? Clock.systemUTC() : clock;
      Map<String, Version> pinned = Map.copyOf(pins);
      Function<List<RulePack>, Evaluator> compiler = packs -> compile(packs, pinned, overrides, engineClock,
          onError == OnError.THROW, retention);
      ContactLedger engineLedger = ledger == null ? ContactLedger.inMemory() : ledger;
      List<DecisionListener> all = new ArrayList<>(listeners);
      if (decisionLog != null) {
        all.add(decisionLog);
      }
      DecisionListener[] told = all.toArray(DecisionListener[]::new);
      if (source != null) {
        if (bundled || !paths.isEmpty()) {
          throw new IllegalStateException("packs come from the source " + source + "; do not add bundledPacks() or packs(path) too");
        }
        PolicyEngine engine = new PolicyEngine(null, engineLedger, retention, engineClock, told, decisionLog, compiler, source);
        try {
          source.open(engine::load);
          if (engine.loaded == null) {
            throw new IllegalStateException("the pack source " + source + " opened without loading any packs");
          }
        } catch (RuntimeException e) {
          source.close();
          throw e;
        }
        return engine;
      }
      if (!bundled && paths.isEmpty()) {
        throw new IllegalStateException("no packs: call bundledPacks() or packs(path)");
      }
      List<RulePack> packs = new ArrayList<>();
      if (bundled) {
        packs.addAll(RulePackLoader.loadBundled());
      }
      if (!paths.isEmpty()) {
        packs.addAll(RulePackLoader.load(paths.toArray(Path[]::new)));
      }
      return new PolicyEngine(new Loaded(compiler.apply(packs), null), engineLedger, retention, engineClock, told,
          decisionLog, compiler, null);
    }

    private static Evaluator compile(List<RulePack> loaded, Map<String, Version> pins, Path overrides, Clock engineClock,
        boolean throwOnError, Duration retention) {
      List<RulePack> packs = RulePackLoader.combine(loaded);
      for (Map.Entry<String, Version> pin : pins.entrySet()) {
        boolean found = packs.stream().anyMatch(p -> p.id().equals(pin.getKey()) && p.version().equals(pin.getValue()));
        if (!found) {
          throw new IllegalStateException("pinned pack " + pin.getKey() + "@" + pin.getValue() + " is not loaded; loaded: "
              + packs.stream().map(RulePack::ref).toList());
        }
      }
      ParameterOverrides overlay = overrides == null ? null : ParameterOverrides.load(overrides, packs);
      Evaluator evaluator = new Evaluator(packs, pins, overlay, engineClock, throwOnError);
      Duration needed = evaluator.historyNeeds().horizon();
      if (retention != null && retention.compareTo(needed) < 0) {
        evaluator.close();
        throw new IllegalStateException("retention " + retention + " is shorter than the " + needed
            + " of history the rules' windows read; pruning that early would lift their caps");
      }
      return evaluator;
    }
  }
}
