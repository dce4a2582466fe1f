/**
 * The rule-pack language: an immutable model of versioned YAML rule packs and their tests, read by
 * {@link dev.tollgate.rules.RulePackLoader} from hardened YAML and validated with every
 * {@link dev.tollgate.rules.Problem} located at file:line:col. {@link dev.tollgate.rules.PackChanges} compares two
 * versions of a pack and {@link dev.tollgate.rules.PackLint} reports what is valid but probably wrong.
 *
 * <p>Nothing here evaluates a rule: the engine that does lives in the sdk module.
 */
package dev.tollgate.rules;
