package dev.tollgate.benchmarks;

import dev.tollgate.Decision;
import dev.tollgate.PolicyEngine;
import dev.tollgate.Request;
import dev.tollgate.micrometer.TollgateMetrics;
import dev.tollgate.spring.TollgateAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * The generated mix decided three ways in one run: {@code plainEngine}, an engine without listeners;
 * {@code engineWithMetrics}, the same with {@link TollgateMetrics} bound to a {@link SimpleMeterRegistry}
 * (the listener's cost is the difference); {@code springBean}, the {@link PolicyEngine} bean of a Spring
 * context made by the starter's auto-configuration with Spring Boot's Micrometer auto-configuration, as
 * an application gets it (the Spring path's cost is its difference from {@code engineWithMetrics}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class SpringBeanBenchmark {
  private PolicyEngine plain;
  private PolicyEngine metered;
  private AnnotationConfigApplicationContext context;
  private PolicyEngine bean;
  private Request[] mix;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    plain = Fixtures.bundledEngine();
    TollgateMetrics metrics = new TollgateMetrics();
    metrics.bindTo(new SimpleMeterRegistry());
    metered = PolicyEngine.builder().bundledPacks().listener(metrics).build();
    context = new AnnotationConfigApplicationContext(TollgateAutoConfiguration.class, MetricsAutoConfiguration.class,
        SimpleMetricsExportAutoConfiguration.class);
    bean = context.getBean(PolicyEngine.class);
    mix = Fixtures.mix();
    bean.decide(mix[0]);
    if (context.getBean(MeterRegistry.class).get("tollgate.decisions").timers().stream().mapToLong(t -> t.count()).sum() != 1) {
      throw new IllegalStateException("the bean does not feed the application's meters");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    plain.close();
    metered.close();
    context.close();
  }

  private Request nextOfMix() {
    Request r = mix[next];
    next = (next + 1) & (Fixtures.MIX - 1);
    return r;
  }

  @Benchmark
  public Decision plainEngine() {
    return plain.decide(nextOfMix());
  }

  @Benchmark
  public Decision engineWithMetrics() {
    return metered.decide(nextOfMix());
  }

  @Benchmark
  public Decision springBean() {
    return bean.decide(nextOfMix());
  }
}
