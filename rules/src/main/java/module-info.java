/**
 * The rule-pack language: the immutable pack model, its hardened YAML reader and validator, and the
 * problems it reports at file:line:col. Entry type: {@link dev.tollgate.rules.RulePackLoader}.
 *
 * <p>Only {@code dev.tollgate.rules} and the legal team's tools, {@code dev.tollgate.rules.tooling}, are
 * exported; the reader in {@code dev.tollgate.rules.internal} may change in any release. Jackson and SnakeYAML are read through the reader only, so they are not
 * required transitively: no type of theirs appears in the exported API.
 */
module dev.tollgate.rules {
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires org.yaml.snakeyaml;

  exports dev.tollgate.rules;
  exports dev.tollgate.rules.tooling;
  // The JSON Schemas for packs, tests, overlays, requests and decisions, for editors and validators.
  opens tollgate.schemas;
}
