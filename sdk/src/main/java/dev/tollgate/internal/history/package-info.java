/**
 * A person's contact history as a decision counts it: the windows of the rules over it, the index a
 * request's history keeps, and how much of the ledger the loaded rules read. Entry type:
 * {@link dev.tollgate.internal.history.Windows}. Not part of the public API.
 */
package dev.tollgate.internal.history;
