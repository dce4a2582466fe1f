/**
 * The decision service, {@code tollgate serve}: the request contract over HTTP/1.1, with a shared contact
 * ledger, bearer tokens, Prometheus metrics and health checks. {@link dev.tollgate.server.DecisionServer} is
 * the entry type; {@link dev.tollgate.server.ServeCommand} its command line.
 */
package dev.tollgate.server;
