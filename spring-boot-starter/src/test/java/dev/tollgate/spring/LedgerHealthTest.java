package dev.tollgate.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.CallRequest;
import dev.tollgate.Decision;
import dev.tollgate.PolicyEngine;
import dev.tollgate.Request;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A whole Spring Boot application with the ledger on its DataSource, a real H2 server over TCP: the
 * health indicator goes DOWN, the calls are denied and the ledger errors counted when the server stops.
 */
@SpringBootTest(properties = {"tollgate.ledger.enabled=true", "tollgate.ledger.timeout=2s",
    "spring.datasource.hikari.connection-timeout=1000", "spring.datasource.hikari.maximum-pool-size=2"})
class LedgerHealthTest {
  @TempDir
  static Path dir;
  static Server server;

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class Application {}

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws SQLException {
    server = Server.createTcpServer("-tcpPort", "0", "-baseDir", dir.toString(), "-ifNotExists").start();
    registry.add("spring.datasource.url", () -> "jdbc:h2:tcp://localhost:" + server.getPort() + "/ledger");
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Autowired
  PolicyEngine engine;
  @Autowired
  TollgateHealthIndicator health;
  @Autowired
  MeterRegistry registry;

  @Test
  void theDatabaseStopping_turnsHealthDown_deniesCalls_andCountsLedgerErrors() throws Exception {
    CallRequest call = (CallRequest) Request.fromJson(
        Files.readString(Path.of("../examples/requests/marketing-call-consented.json")));
    assertEquals(Decision.Verdict.ALLOW, engine.decideAndRecord(call).verdict());
    Health up = health.health();
    assertEquals(Status.UP, up.getStatus());
    assertEquals("reachable", up.getDetails().get("ledger"));

    server.stop();

    Health down = health.health();
    assertEquals(Status.DOWN, down.getStatus());
    assertTrue(down.getDetails().get("error").toString().contains("LedgerException"), down.getDetails().toString());
    assertEquals(List.of("TOLLGATE-EVALUATION-ERROR"), engine.decideAndRecord(call).ruleIds());
    assertTrue(registry.get("tollgate.ledger.errors").tag("operation", "entries").counter().count() >= 2,
        "the health probe's read and the call's");
  }
}
