/**
 * The engine behind {@link dev.tollgate.PolicyEngine}: {@link dev.tollgate.internal.eval.Evaluator} selects
 * the packs in force, computes {@link dev.tollgate.internal.facts.Facts} once in Java and combines the
 * matches of the rule engine into a decision. Not part of the public API.
 */
package dev.tollgate.internal.eval;
