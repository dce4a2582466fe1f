package dev.tollgate.benchmarks;

import dev.tollgate.Decision;
import dev.tollgate.PolicyEngine;
import dev.tollgate.Request;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Cost of one decision against the number of rules: a generated pack of 10 to 1,000 rules in five
 * shapes (equalities the engine can hash on, a time window, a prefix test it cannot), of which the call
 * decided matches one.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class RuleScalingBenchmark {
  @Param({"10", "100", "1000"})
  public int rules;

  private Path dir;
  private PolicyEngine engine;
  private Request call;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("tollgate-scale-");
    Path pack = dir.resolve("cn-scale/1.0.0/pack.yaml");
    Files.createDirectories(pack.getParent());
    Files.writeString(pack, pack(rules), StandardCharsets.UTF_8);
    engine = PolicyEngine.builder().packs(dir).build();
    Map<String, Object> json = Corpus.allowedMarketingCall("scale", Fixtures.AT);
    json.put("product", "product-0");
    call = Request.fromJson(Corpus.json(json));
    Decision d = engine.decide(call);
    if (!d.ruleIds().equals(java.util.List.of("CN-INST-SCALE-00000"))) {
      throw new IllegalStateException("expected one match, got " + d);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    engine.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Benchmark
  public Decision engine() {
    return engine.decide(call);
  }

  /** A pack of {@code count} distinct rules. */
  static String pack(int count) {
    StringBuilder y = new StringBuilder("""
        id: cn-scale
        version: 1.0.0
        title: {zh: 规模, en: Scale}
        jurisdiction: CN
        appliesTo: [call]
        effective: {from: 2020-01-01}
        owner: benchmarks
        rules:
        """);
    for (int i = 0; i < count; i++) {
      String when = switch (i % 5) {
        case 0 -> "{all: [{field: purpose, eq: MARKETING}, {field: product, eq: \"product-" + i + "\"}]}";
        case 1 -> "{all: [{field: purpose, eq: COLLECTION}, {field: script.id, eq: \"script-" + i + "\"}]}";
        case 2 -> "{all: [{field: callee.subject, eq: \"subject-" + i + "\"}, {field: callee.localTime, between: [\""
            + String.format("%02d:00", i % 24) + "\", \"" + String.format("%02d:30", i % 24) + "\"]}]}";
        case 3 -> "{all: [{field: voice, eq: AI_SYNTHETIC}, {field: caller.number, matchesPrefix: [\"+86" + i + "\"]}]}";
        default -> "{all: [{field: purpose, eq: MARKETING}, {field: callee.consent.marketingCalls, notIn: [GRANTED]},"
            + " {field: caller.organization, eq: \"org-" + i + "\"}]}";
      };
      y.append(String.format("""
            - id: CN-INST-SCALE-%05d
              title: {zh: 规则, en: Rule %d}
              citation: {instrument: 测试, article: 第%d条}
              effect: DENY
              confidence: high
              when: %s
              message: {zh: 拒绝, en: Denied by rule %d}
          """, i, i, i + 1, when, i));
    }
    return y.toString();
  }
}
