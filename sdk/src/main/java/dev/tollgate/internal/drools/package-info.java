/**
 * The only package that touches Drools: {@link dev.tollgate.internal.drools.CompiledRules} builds one
 * KieBase from {@link dev.tollgate.internal.facts.RuleSpec}s with the executable model's Java DSL (no rule
 * text is generated, so nothing in a pack can become code) and evaluates it through a session pool.
 */
package dev.tollgate.internal.drools;
