package dev.tollgate;

import dev.tollgate.internal.BundledPacks;
import dev.tollgate.internal.Evaluator;
import dev.tollgate.rules.ParameterOverrides;
import dev.tollgate.rules.RulePack;
import dev.tollgate.rules.RulePackLoader;
import dev.tollgate.rules.Version;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides proposed calls and data shares against rule packs: ALLOW or DENY, with every rule that
 * matched, the law behind it and the obligations to carry out.
 *
 * <pre>{@code
 * PolicyEngine engine = PolicyEngine.builder().bundledPacks().build();
 * Decision d = engine.decide(request);
 * }</pre>
 *
 * <p>Immutable and thread-safe: build one engine and share it. Loading, validating and compiling the
 * packs happen in {@link Builder#build()}; a decision costs microseconds. A DENY is a value; by default
 * a failure to evaluate is a DENY citing {@code TOLLGATE-EVALUATION-ERROR} too.
 */
public final class PolicyEngine implements AutoCloseable {
  private final Evaluator evaluator;

  private PolicyEngine(Evaluator evaluator) {
    this.evaluator = evaluator;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Decides a call or data-share request. */
  public Decision decide(Request request) {
    Objects.requireNonNull(request, "request");
    return evaluator.decide(request);
  }

  /**
   * Decides a request given as contract JSON. A request that breaks the contract is not an exception
   * here: it is a DENY citing {@code TOLLGATE-INVALID-REQUEST}, whose message names the JSON path.
   */
  public Decision decideJson(String json) {
    Objects.requireNonNull(json, "json");
    Request request;
    try {
      request = Request.fromJson(json);
    } catch (InvalidRequestException e) {
      return evaluator.invalid(json, e.getMessage());
    }
    return evaluator.decide(request);
  }

  /** The loaded packs, every version, ordered by id and version. */
  public List<RulePack> packs() {
    return evaluator.packs();
  }

  /** Releases the pooled rule-engine sessions. */
  @Override
  public void close() {
    evaluator.close();
  }

  /** What a failure to evaluate produces. */
  public enum OnError {
    /** A DENY citing {@code TOLLGATE-EVALUATION-ERROR}: the default, so a failure never allows a call. */
    DENY,
    /** A {@link PolicyEvaluationException}, for callers that handle failures themselves. */
    THROW
  }

  /**
   * Configures a {@link PolicyEngine}. Not thread-safe; each setting is checked when it is made.
   */
  public static final class Builder {
    private boolean bundled;
    private final List<Path> paths = new ArrayList<>();
    private final Map<String, Version> pins = new LinkedHashMap<>();
    private Clock clock;
    private OnError onError;
    private Path overrides;

    private Builder() {}

    /** Loads the packs shipped in the tollgate-rulepacks jar. */
    public Builder bundledPacks() {
      if (bundled) {
        throw new IllegalStateException("bundled packs were already added");
      }
      bundled = true;
      return this;
    }

    /**
     * Loads the packs under a folder ({@code <id>/<version>/pack.yaml}), one pack version folder, or a
     * {@code pack.yaml} file. May be called several times.
     */
    public Builder packs(Path path) {
      Objects.requireNonNull(path, "path");
      if (paths.contains(path)) {
        throw new IllegalStateException("packs from " + path + " were already added");
      }
      paths.add(path);
      return this;
    }

    /**
     * Uses exactly this version of a pack, instead of the highest version in force.
     *
     * @param packAtVersion {@code pack-id@1.2.3}
     * @throws IllegalArgumentException if it is not of that form
     * @throws IllegalStateException if the pack is already pinned
     */
    public Builder pin(String packAtVersion) {
      Objects.requireNonNull(packAtVersion, "packAtVersion");
      int at = packAtVersion.indexOf('@');
      if (at <= 0) {
        throw new IllegalArgumentException("pin '" + packAtVersion + "' must read pack-id@version, e.g. cn-aigc-labeling@1.0.0");
      }
      String id = packAtVersion.substring(0, at);
      Version version = Version.parse(packAtVersion.substring(at + 1));
      Version previous = pins.putIfAbsent(id, version);
      if (previous != null) {
        throw new IllegalStateException("pack " + id + " was already pinned to " + previous);
      }
      return this;
    }

    /** The clock for decision ids; default: the system clock in UTC. */
    public Builder clock(Clock clock) {
      Objects.requireNonNull(clock, "clock");
      if (this.clock != null) {
        throw new IllegalStateException("clock was already set to " + this.clock);
      }
      this.clock = clock;
      return this;
    }

    /**
     * Applies an institution's overlay file, {@code {pack-id: {parameter: value}}}, over the packs'
     * parameter defaults (caps, quiet hours, prefixes) without editing the packs. Each decision lists the
     * overrides that applied to its packs in {@link Decision#overrides()}. The file is read and checked
     * against the packs in {@link #build()}.
     *
     * @throws IllegalStateException if an overlay was already set
     */
    public Builder overrides(Path file) {
      Objects.requireNonNull(file, "file");
      if (this.overrides != null) {
        throw new IllegalStateException("overrides were already set to " + this.overrides);
      }
      this.overrides = file;
      return this;
    }

    /** What a failure to evaluate produces; default {@link OnError#DENY}. */
    public Builder onError(OnError onError) {
      Objects.requireNonNull(onError, "onError");
      if (this.onError != null) {
        throw new IllegalStateException("onError was already set to " + this.onError);
      }
      this.onError = onError;
      return this;
    }

    /**
     * Loads, validates and compiles the packs.
     *
     * @throws dev.tollgate.rules.RulePackException with every problem in the packs or in the overlay
     *     (an unknown pack or parameter, a value that does not suit the rules using it), at file:line:col
     * @throws java.io.UncheckedIOException if the overlay file cannot be read
     * @throws IllegalStateException if no packs were named, or a pin names a version not loaded
     */
    public PolicyEngine build() {
      if (!bundled && paths.isEmpty()) {
        throw new IllegalStateException("no packs: call bundledPacks() or packs(path)");
      }
      List<RulePack> packs = new ArrayList<>();
      if (bundled) {
        packs.addAll(BundledPacks.load());
      }
      if (!paths.isEmpty()) {
        packs.addAll(RulePackLoader.load(paths.toArray(Path[]::new)));
      }
      packs = RulePackLoader.combine(packs);
      for (Map.Entry<String, Version> pin : pins.entrySet()) {
        boolean found = packs.stream().anyMatch(p -> p.id().equals(pin.getKey()) && p.version().equals(pin.getValue()));
        if (!found) {
          throw new IllegalStateException("pinned pack " + pin.getKey() + "@" + pin.getValue() + " is not loaded; loaded: "
              + packs.stream().map(RulePack::ref).toList());
        }
      }
      ParameterOverrides overlay = overrides == null ? null : ParameterOverrides.load(overrides, packs);
      return new PolicyEngine(new Evaluator(packs, pins, overlay, clock == null ? Clock.systemUTC() : clock,
          onError == OnError.THROW));
    }
  }
}
