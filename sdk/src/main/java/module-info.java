/**
 * The engine: {@link dev.tollgate.PolicyEngine}, the requests it decides and the decisions it returns.
 *
 * <p>Only {@code dev.tollgate} is exported; every {@code dev.tollgate.internal} package, including the one
 * compiled onto Drools, is hidden by the JVM. The pack model is part of the API (a {@code PackSource} hands
 * the engine {@code RulePack}s), and a {@code ContactLedger} may be a JDBC {@code DataSource}, so the rules
 * module and {@code java.sql} are required transitively.
 */
module dev.tollgate.sdk {
  requires transitive dev.tollgate.rules;
  requires transitive java.sql;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires org.slf4j;
  requires org.drools.canonicalmodel;
  requires org.drools.modelcompiler;
  requires org.kie.api;

  exports dev.tollgate;
}
