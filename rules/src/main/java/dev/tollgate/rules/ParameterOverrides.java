package dev.tollgate.rules;

import dev.tollgate.rules.internal.Node;
import dev.tollgate.rules.internal.OverlayReader;
import dev.tollgate.rules.internal.Problems;
import dev.tollgate.rules.internal.YamlReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An institution's overlay file: its own values for pack parameters (caps, quiet hours, prefixes),
 * written {@code {pack-id: {parameter: value}}}, applied without editing the packs.
 *
 * <pre>{@code
 * cn-fin-marketing-calls:
 *   cn.marketing.maxCallsPerDay: 1
 *   cn.marketing.quietHours: ["21:00", "09:00"]
 * }</pre>
 *
 * <p>Immutable. An override applies to every loaded version of its pack that declares the parameter.
 *
 * @param source the file, as given to {@link #load} or {@link #parse}
 * @param values pack id to parameter name to plain value (String, Boolean, BigDecimal, List, Map), in file order
 */
public record ParameterOverrides(String source, Map<String, Map<String, Object>> values) {
  public ParameterOverrides {
    Objects.requireNonNull(source, "source");
    Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
    values.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    values = Collections.unmodifiableMap(copy);
  }

  /**
   * Reads an overlay file and checks it against the loaded packs.
   *
   * @throws RulePackException with every problem, each at its file:line:col: a pack that is not loaded
   *     ({@code unknown_pack}), a parameter the pack does not declare ({@code unknown_parameter}), or a value
   *     that does not suit the conditions that use the parameter ({@code wrong_type}, {@code invalid_value})
   * @throws UncheckedIOException if the file cannot be read
   */
  public static ParameterOverrides load(Path file, Collection<RulePack> packs) {
    Objects.requireNonNull(file, "file");
    try {
      return parse(file.toString(), YamlReader.readFile(file), packs);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read overlay file " + file, e);
    }
  }

  /**
   * Reads an overlay from its bytes; see {@link #load}.
   *
   * @throws RulePackException with every problem in the overlay
   */
  public static ParameterOverrides parse(String source, byte[] yaml, Collection<RulePack> packs) {
    Problems problems = new Problems(source);
    Node root = YamlReader.read(yaml, problems);
    Map<String, Map<String, Object>> values = root == null ? null : OverlayReader.read(root, packs, problems);
    if (!problems.isEmpty() || values == null) {
      throw new RulePackException("overlay " + source, problems.list());
    }
    return new ParameterOverrides(source, values);
  }
}
