/**
 * What the rule engine sees: {@link dev.tollgate.internal.facts.Facts}, the one fact of a decision, and
 * {@link dev.tollgate.internal.facts.Constraint}, a pack condition compiled to a plain Java constraint
 * with a complete id; {@link dev.tollgate.internal.facts.FieldObjection} tells which requested fields a
 * matching rule objects to. Independent of Drools and of the evaluator that uses them.
 */
package dev.tollgate.internal.facts;
