/**
 * The contact ledgers (in memory, and PostgreSQL or H2 with its versioned {@link
 * dev.tollgate.internal.ledger.LedgerSchema}) and the {@link dev.tollgate.internal.ledger.Reservation} that
 * decides a call and records it in one atomic step. Not part of the public API.
 */
package dev.tollgate.internal.ledger;
