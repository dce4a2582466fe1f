package dev.tollgate.cli;

import dev.tollgate.PolicyEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * The options that choose the packs a command decides with: {@code --packs}, {@code --pin} and the
 * institution's {@code --overrides}.
 */
final class PackOptions {
  @Option(names = "--packs", paramLabel = "DIR",
      description = "Load the packs under DIR (<pack-id>/<version>/pack.yaml) instead of the bundled packs. Repeatable.")
  private List<Path> dirs = new ArrayList<>();

  @Option(names = "--pin", paramLabel = "PACK@VERSION",
      description = "Use exactly this version of a pack, e.g. cn-fin-marketing-calls@1.0.0. Repeatable.")
  private List<String> pins = new ArrayList<>();

  @Option(names = "--overrides", paramLabel = "FILE",
      description = "Apply the institution's parameter values in FILE ({pack-id: {parameter: value}}) over the packs' defaults.")
  private Path overrides;

  /**
   * Loads, checks and compiles the chosen packs.
   *
   * @throws dev.tollgate.rules.RulePackException with every problem in the packs
   * @throws IllegalArgumentException if a folder or a pin is malformed or missing
   * @throws IllegalStateException if a pin names a version that is not loaded
   */
  PolicyEngine engine() {
    return engine(null, builder -> { });
  }

  /**
   * As {@link #engine()}, with the packs from {@code source} instead of folders if it is not null, and
   * {@code more} applied to the builder last.
   */
  PolicyEngine engine(dev.tollgate.PackSource source, Consumer<PolicyEngine.Builder> more) {
    if (source != null && !dirs.isEmpty()) {
      throw new IllegalArgumentException("--packs and --bundle cannot be given together");
    }
    PolicyEngine.Builder builder = source == null ? builder(dirs) : PolicyEngine.builder().bundle(source);
    pins.forEach(builder::pin);
    if (overrides != null) {
      builder.overrides(overrides);
    }
    more.accept(builder);
    return builder.build();
  }

  /** A builder loading the packs under the given folders, or the bundled packs if there are none. */
  static PolicyEngine.Builder builder(List<Path> dirs) {
    PolicyEngine.Builder builder = PolicyEngine.builder();
    if (dirs.isEmpty()) {
      builder.bundledPacks();
    } else {
      dirs.forEach(builder::packs);
    }
    return builder;
  }
}
