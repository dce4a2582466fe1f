package dev.tollgate.spring;

import dev.tollgate.ContactLedger;
import dev.tollgate.DecisionListener;
import dev.tollgate.PolicyEngine;
import dev.tollgate.micrometer.TollgateMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A {@link PolicyEngine} bean built from the {@code tollgate.*} properties, unless the application
 * defines its own; its meters ({@link TollgateMetrics}, bound by Spring Boot's Micrometer
 * auto-configuration when present) and, with Actuator, a health indicator named {@code tollgate}.
 *
 * <p>The engine tells every {@link DecisionListener} bean of its decisions. It is closed with the
 * context.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@EnableConfigurationProperties(TollgateProperties.class)
public class TollgateAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  public TollgateMetrics tollgateMetrics() {
    return new TollgateMetrics();
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public PolicyEngine tollgatePolicyEngine(TollgateProperties properties, ObjectProvider<DataSource> dataSource,
      TollgateMetrics metrics, ObjectProvider<DecisionListener> listeners) {
    PolicyEngine.Builder builder = PolicyEngine.builder();
    TollgateProperties.Packs packs = properties.getPacks();
    if (!packs.isBundled() && packs.getFolder() == null) {
      throw new InvalidPropertyException("tollgate.packs", "no packs: set tollgate.packs.bundled=true or tollgate.packs.folder");
    }
    if (packs.isBundled()) {
      builder.bundledPacks();
    }
    if (packs.getFolder() != null) {
      existing("tollgate.packs.folder", packs.getFolder());
      builder.packs(packs.getFolder());
    }
    List<String> pins = properties.getPins();
    for (int i = 0; i < pins.size(); i++) {
      String pin = pins.get(i);
      set("tollgate.pins[" + i + "]", b -> b.pin(pin), builder);
    }
    if (properties.getOverrides() != null) {
      existing("tollgate.overrides", properties.getOverrides());
      builder.overrides(properties.getOverrides());
    }
    builder.onError(properties.getOnError());
    TollgateProperties.Ledger ledger = properties.getLedger();
    if (ledger.getRetention() != null) {
      set("tollgate.ledger.retention", b -> b.retention(ledger.getRetention()), builder);
    }
    if (ledger.getTimeout().compareTo(Duration.ofSeconds(1)) < 0) {
      throw new InvalidPropertyException("tollgate.ledger.timeout", "must be at least 1 second, was " + ledger.getTimeout());
    }
    if (ledger.isEnabled()) {
      DataSource ds = dataSource.getIfAvailable();
      if (ds == null) {
        throw new InvalidPropertyException("tollgate.ledger.enabled",
            "true, but the application has no single DataSource bean for the ledger");
      }
      builder.ledger(metrics.ledger(ContactLedger.jdbc(ds, ledger.getTimeout())));
    }
    listeners.orderedStream().forEach(builder::listener);
    try {
      return builder.build();
    } catch (IllegalStateException e) {
      // a pin naming a version not loaded, or a retention shorter than the rules' windows
      String property = e.getMessage().startsWith("pinned") ? "tollgate.pins"
          : e.getMessage().startsWith("retention") ? "tollgate.ledger.retention" : "tollgate";
      throw new InvalidPropertyException(property, e.getMessage(), e);
    }
  }

  /** Applies one setting, naming the property if the builder refuses its value. */
  private static void set(String property, Consumer<PolicyEngine.Builder> setting, PolicyEngine.Builder builder) {
    try {
      setting.accept(builder);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new InvalidPropertyException(property, e.getMessage(), e);
    }
  }

  private static void existing(String property, Path path) {
    if (!Files.exists(path)) {
      throw new InvalidPropertyException(property, path.toAbsolutePath() + " does not exist");
    }
  }

  /** The health indicator, where Actuator's health support is on the classpath; off with management.health.tollgate.enabled=false. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  static class Health {
    @Bean
    @ConditionalOnEnabledHealthIndicator("tollgate")
    @ConditionalOnMissingBean(name = "tollgateHealthIndicator")
    TollgateHealthIndicator tollgateHealthIndicator(PolicyEngine engine) {
      return new TollgateHealthIndicator(engine);
    }
  }
}
