/**
 * The rule-pack language: an immutable model of versioned YAML rule packs and their tests, read by
 * {@link dev.tollgate.rules.RulePackLoader} from hardened YAML and validated with every
 * {@link dev.tollgate.rules.Problem} located at file:line:col. The tools that compare, lint and test packs
 * are in {@code dev.tollgate.rules.tooling}.
 *
 * <p>Nothing here evaluates a rule: the engine that does lives in the sdk module.
 */
package dev.tollgate.rules;
