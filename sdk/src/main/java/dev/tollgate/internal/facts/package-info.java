/**
 * What the rule engine sees: {@link dev.tollgate.internal.facts.Facts}, the one fact of a decision, and
 * {@link dev.tollgate.internal.facts.FactTest}, a pack condition compiled to a plain Java constraint
 * with a complete id. Independent of Drools and of the evaluator that uses both.
 */
package dev.tollgate.internal.facts;
