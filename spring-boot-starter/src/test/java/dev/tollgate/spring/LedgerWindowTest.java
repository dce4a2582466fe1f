package dev.tollgate.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.CallRequest;
import dev.tollgate.CallRequest.Channel;
import dev.tollgate.CallRequest.Contact;
import dev.tollgate.CallRequest.Outcome;
import dev.tollgate.CallRequest.Purpose;
import dev.tollgate.ContactLedger;
import dev.tollgate.Decision;
import dev.tollgate.PolicyEngine;
import dev.tollgate.Request;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The engine bean, wired with its ledger on the application's DataSource and its meters, reads only the
 * contacts its rules can count: with 10,000 contacts of one person on record, outside every window, a
 * decision fetches none of them. Measured by H2's own statistics of the rows its queries returned.
 */
class LedgerWindowTest {
  static final int OLD_CONTACTS = 10_000;

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(TollgateAutoConfiguration.class, DataSourceAutoConfiguration.class,
          MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
      .withPropertyValues("spring.datasource.url=jdbc:h2:mem:starter-window;DB_CLOSE_DELAY=-1;MODE=PostgreSQL",
          "tollgate.ledger.enabled=true");

  /** Rows returned by the SELECTs on the ledger's contacts since the statistics were last switched on. */
  static long contactRowsRead(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COALESCE(SUM(CUMULATIVE_ROW_COUNT), 0) FROM INFORMATION_SCHEMA.QUERY_STATISTICS"
            + " WHERE UPPER(SQL_STATEMENT) LIKE 'SELECT%FROM TOLLGATE_CONTACT%'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static void queryStatistics(DataSource dataSource, boolean on) throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("SET QUERY_STATISTICS " + on);
    }
  }

  @Test
  void aDecision_onAPersonWith10000OldContacts_fetchesOnlyTheWindow() {
    runner.run(context -> {
      PolicyEngine engine = context.getBean(PolicyEngine.class);
      DataSource dataSource = context.getBean(DataSource.class);
      CallRequest call = (CallRequest) Request.fromJson(
          Files.readString(Path.of("../examples/requests/marketing-call-consented.json")));
      String subject = call.callee().subject();
      ContactLedger ledger = engine.ledger();
      // Unanswered marketing calls, the newest 40 days before this one: outside the bundled rules' windows
      // (30 days at most), and no outcome that a rule counts however old (a refusal).
      for (int i = 0; i < OLD_CONTACTS; i++) {
        ledger.record(subject, "old-" + i, new Contact(call.at().minusDays(40).minusHours(i), Purpose.MARKETING,
            call.product(), null, Outcome.NO_ANSWER, Channel.CALL));
      }
      queryStatistics(dataSource, true);
      // a control: reading the whole history is seen, so a window that read it would be too
      assertEquals(OLD_CONTACTS, ledger.entries(subject, null).size());
      assertEquals(OLD_CONTACTS, contactRowsRead(dataSource));
      queryStatistics(dataSource, false);

      queryStatistics(dataSource, true);
      assertEquals(Decision.Verdict.ALLOW, engine.decide(call).verdict());
      assertEquals(Decision.Verdict.ALLOW, engine.decideAndRecord(call).verdict());
      assertEquals(0, contactRowsRead(dataSource), "rows of the ledger's contacts fetched for two decisions");
      queryStatistics(dataSource, false);

      MeterRegistry registry = context.getBean(MeterRegistry.class);
      assertEquals(2, registry.get("tollgate.decisions").tag("decision", "ALLOW").timer().count());
      assertTrue(ledger.toString().startsWith("observed "), "the ledger errors are still counted: " + ledger);
    });
  }
}
