package dev.tollgate.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.CallRequest;
import dev.tollgate.Decision;
import dev.tollgate.DecisionListener;
import dev.tollgate.PolicyEngine;
import dev.tollgate.PolicyEvaluationException;
import dev.tollgate.Request;
import dev.tollgate.micrometer.TollgateMetrics;
import dev.tollgate.rules.RulePack;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Each {@code tollgate.*} property, a bad value of each failing start-up, and the application's own beans winning. */
class TollgateAutoConfigurationTest {
  static final Path REQUESTS = Path.of("../examples/requests");

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(TollgateAutoConfiguration.class));

  static String request(String name) throws Exception {
    return Files.readString(REQUESTS.resolve(name));
  }

  static List<String> packs(AssertableApplicationContext context) {
    return context.getBean(PolicyEngine.class).packs().stream().map(RulePack::ref).toList();
  }

  /** The start-up failure's message, down the causes to the one that names a property. */
  static String failure(AssertableApplicationContext context) {
    assertThat(context).hasFailed();
    Throwable t = context.getStartupFailure();
    StringBuilder messages = new StringBuilder();
    for (; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append('\n');
    }
    return messages.toString();
  }

  @Test
  void defaults_bundledPacks_inMemoryLedger_healthUp() {
    runner.run(context -> {
      PolicyEngine engine = context.getBean(PolicyEngine.class);
      assertThat(packs(context)).contains("cn-fin-marketing-calls@1.0.0", "cn-pipl-data-sharing@1.0.0");
      assertEquals(Decision.Verdict.ALLOW, engine.decideJson(request("marketing-call-consented.json")).verdict());
      assertThat(engine.decideJson(request("marketing-call-no-consent.json")).ruleIds())
          .contains("CN-CONSUMER-COMMERCIAL-CONSENT");
      assertThat(context).doesNotHaveBean(DataSource.class);
      HealthIndicator health = context.getBean("tollgateHealthIndicator", HealthIndicator.class);
      assertEquals(Status.UP, health.health().getStatus());
    });
    runner.withPropertyValues("management.health.tollgate.enabled=false")
        .run(context -> assertThat(context).hasSingleBean(PolicyEngine.class).doesNotHaveBean(TollgateHealthIndicator.class));
  }

  @Test
  void theBean_isOneEngine_builtOnce_andClosedWithTheContext() throws Exception {
    PolicyEngine[] seen = new PolicyEngine[1];
    runner.run(context -> {
      seen[0] = context.getBean(PolicyEngine.class);
      assertThat(seen[0]).isExactlyInstanceOf(PolicyEngine.class);
      assertSame(seen[0], context.getBean(PolicyEngine.class));
      assertThat(context).getBeans(PolicyEngine.class).hasSize(1);
      assertEquals(Decision.Verdict.ALLOW, seen[0].decideJson(request("marketing-call-consented.json")).verdict());
    });
    // closed: its rule sessions are released, so it can no longer decide (and fails closed)
    assertEquals(List.of("TOLLGATE-EVALUATION-ERROR"), seen[0].decideJson(request("marketing-call-consented.json")).ruleIds());
  }

  @Test
  void packsFolder_withoutBundled_loadsOnlyTheFolder() {
    runner.withPropertyValues("tollgate.packs.bundled=false", "tollgate.packs.folder=../rulepacks/cn-pipl-data-sharing/1.0.0")
        .run(context -> assertEquals(List.of("cn-pipl-data-sharing@1.0.0"), packs(context)));
  }

  @Test
  void packsFolder_missing_failsNamingTheProperty() {
    runner.withPropertyValues("tollgate.packs.folder=no/such/packs")
        .run(context -> assertThat(failure(context)).contains("tollgate.packs.folder: ").contains("does not exist"));
  }

  @Test
  void noPacks_failsNamingTheProperties() {
    runner.withPropertyValues("tollgate.packs.bundled=false")
        .run(context -> assertThat(failure(context)).contains("tollgate.packs: no packs"));
  }

  @Test
  void pins_pinThePack_andABadPinFailsNamingIt() {
    runner.withPropertyValues("tollgate.pins[0]=cn-fin-marketing-calls@1.0.0")
        .run(context -> assertThat(context).hasNotFailed());
    runner.withPropertyValues("tollgate.pins[0]=cn-fin-marketing-calls@1.0.0", "tollgate.pins[1]=cn-aigc-labeling")
        .run(context -> assertThat(failure(context)).contains("tollgate.pins[1]: pin 'cn-aigc-labeling' must read pack-id@version"));
    runner.withPropertyValues("tollgate.pins=cn-fin-marketing-calls@9.9.9")
        .run(context -> assertThat(failure(context)).contains("tollgate.pins: pinned pack cn-fin-marketing-calls@9.9.9 is not loaded"));
  }

  @Test
  void overrides_applyToDecisions_andAMissingFileFailsNamingIt() {
    runner.withPropertyValues("tollgate.overrides=../examples/overrides/bank-caps.yaml").run(context -> {
      Decision d = context.getBean(PolicyEngine.class).decideJson(request("marketing-call-consented.json"));
      assertThat(d.overrides()).extracting(Decision.ParameterOverride::parameter).contains("cn.marketing.maxCallsPerDay");
    });
    runner.withPropertyValues("tollgate.overrides=../examples/overrides/none.yaml")
        .run(context -> assertThat(failure(context)).contains("tollgate.overrides: ").contains("none.yaml does not exist"));
  }

  @Test
  void onError_throw_throwsWhereDenyDenies_andAnUnknownValueFailsNamingIt() {
    DecisionListener failing = (request, decision, nanos) -> {
      throw new IllegalStateException("audit log full");
    };
    runner.withBean(DecisionListener.class, () -> failing).withPropertyValues("tollgate.on-error=THROW").run(context ->
        assertThrows(PolicyEvaluationException.class,
            () -> context.getBean(PolicyEngine.class).decideJson(request("marketing-call-consented.json"))));
    runner.withBean(DecisionListener.class, () -> failing).run(context -> assertEquals(List.of("TOLLGATE-EVALUATION-ERROR"),
        context.getBean(PolicyEngine.class).decideJson(request("marketing-call-consented.json")).ruleIds()));
    runner.withPropertyValues("tollgate.on-error=ALLOW")
        .run(context -> assertThat(failure(context)).contains("tollgate.on-error"));
  }

  @Test
  void ledger_onTheApplicationsDataSource_holdsWhatIsRecorded() {
    runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=jdbc:h2:mem:starter-ledger;DB_CLOSE_DELAY=-1",
            "tollgate.ledger.enabled=true", "tollgate.ledger.timeout=2s", "tollgate.ledger.retention=400d")
        .run(context -> {
          PolicyEngine engine = context.getBean(PolicyEngine.class);
          CallRequest call = (CallRequest) Request.fromJson(request("marketing-call-consented.json"));
          assertEquals(Decision.Verdict.ALLOW, engine.decideAndRecord(call).verdict());
          assertEquals(1, engine.ledger().entries(call.callee().subject(), null).size());
          try (var c = context.getBean(DataSource.class).getConnection();
              var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM tollgate_contact")) {
            rs.next();
            assertEquals(1, rs.getInt(1), "the contact is in the application's database");
          }
        });
  }

  @Test
  void ledger_badValues_failNamingTheProperty() {
    runner.withPropertyValues("tollgate.ledger.enabled=true")
        .run(context -> assertThat(failure(context)).contains("tollgate.ledger.enabled: true, but the application has no"));
    runner.withPropertyValues("tollgate.ledger.timeout=500ms")
        .run(context -> assertThat(failure(context)).contains("tollgate.ledger.timeout: must be at least 1 second"));
    runner.withPropertyValues("tollgate.ledger.timeout=soon")
        .run(context -> assertThat(failure(context)).contains("tollgate.ledger.timeout"));
    runner.withPropertyValues("tollgate.ledger.retention=1d")
        .run(context -> assertThat(failure(context)).contains("tollgate.ledger.retention: retention PT24H is shorter than"));
  }

  @Test
  void theApplicationsOwnEngine_wins_andHealthChecksIt() {
    PolicyEngine own = PolicyEngine.builder().packs(Path.of("../rulepacks/cn-aigc-labeling/1.0.0")).build();
    runner.withBean(PolicyEngine.class, () -> own).run(context -> {
      assertSame(own, context.getBean(PolicyEngine.class));
      assertEquals(List.of("cn-aigc-labeling@1.0.0"), packs(context));
      assertThat(context.getBean(TollgateHealthIndicator.class).health().getDetails().get("packs").toString())
          .contains("cn-aigc-labeling@1.0.0");
    });
  }

  @Test
  void meters_areBoundToTheApplicationsRegistry_andFedByTheBean() {
    runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
        .run(context -> {
          PolicyEngine engine = context.getBean(PolicyEngine.class);
          assertThat(context).hasSingleBean(TollgateMetrics.class);
          engine.decideJson(request("marketing-call-no-consent.json"));
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          assertEquals(1, registry.get("tollgate.decisions").tag("decision", "DENY").timer().count());
          assertEquals(1, registry.get("tollgate.rule.matches").tag("rule", "CN-CONSUMER-COMMERCIAL-CONSENT").counter().count());
          assertEquals(0, registry.get("tollgate.ledger.errors").tag("operation", "reserve").counter().count());
        });
  }
}
