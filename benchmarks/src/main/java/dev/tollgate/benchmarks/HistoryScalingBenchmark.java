package dev.tollgate.benchmarks;

import dev.tollgate.CallRequest;
import dev.tollgate.ContactLedger;
import dev.tollgate.Decision;
import dev.tollgate.PolicyEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one decision against the length of the callee's history: an allowed marketing call whose 0 to
 * 10,000 earlier contacts all lie outside the caps' 30 days (none refused), so only the history grows.
 *
 * <ul>
 *   <li>{@code engine}: the same request decided again. Its history's index is built by the first
 *       decision and kept with the request, so this is the cost of the windows once the history is read.
 *   <li>{@code engineNewRequest}: a new request with the same contacts each time, as a CRM in stateless
 *       mode sends it: the contacts are copied and indexed, once per request.
 *   <li>{@code engineLedger}: the call without history, decided on an in-memory ledger that holds the
 *       contacts.
 *   <li>{@code handWritten}: the hand-written rules, which scan the history once.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class HistoryScalingBenchmark {
  @Param({"0", "10", "100", "1000", "10000"})
  public int contacts;

  private PolicyEngine engine;
  private CallRequest call;
  private List<CallRequest.Contact> contactList;
  private PolicyEngine ledgerEngine;
  private CallRequest ledgerCall;

  @Setup(Level.Trial)
  public void setUp() {
    engine = Fixtures.bundledEngine();
    call = Corpus.marketingCallWithHistory(contacts, Fixtures.SEED);
    contactList = new ArrayList<>(call.history());
    ContactLedger ledger = ContactLedger.inMemory();
    for (int i = 0; i < contacts; i++) {
      ledger.record(call.callee().subject(), "h-" + i, contactList.get(i));
    }
    ledgerEngine = PolicyEngine.builder().bundledPacks().ledger(ledger).build();
    ledgerCall = withHistory(call, null);
    if (engine.decide(call).isDenied() || ledgerEngine.decide(ledgerCall).isDenied()) {
      throw new IllegalStateException("the call with history should be allowed: " + engine.decide(call));
    }
  }

  private static CallRequest withHistory(CallRequest c, List<CallRequest.Contact> history) {
    return new CallRequest(c.id(), c.at(), c.jurisdiction(), c.purpose(), c.product(), c.voice(), c.interactive(),
        c.aiLabel(), c.caller(), c.callee(), c.debt(), c.script(), history);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
    ledgerEngine.close();
  }

  @Benchmark
  public Decision engine() {
    return engine.decide(call);
  }

  @Benchmark
  public Decision engineNewRequest() {
    return engine.decide(withHistory(call, contactList));
  }

  @Benchmark
  public Decision engineLedger() {
    return ledgerEngine.decide(ledgerCall);
  }

  @Benchmark
  public HandWrittenRules.Answer handWritten() {
    return HandWrittenRules.decide(call);
  }
}
