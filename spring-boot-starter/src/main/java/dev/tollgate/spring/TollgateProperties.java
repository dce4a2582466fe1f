package dev.tollgate.spring;

import dev.tollgate.PolicyEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code tollgate.*} properties the {@link TollgateAutoConfiguration} builds its engine from. Each
 * maps onto one setting of {@link PolicyEngine.Builder}.
 */
@ConfigurationProperties("tollgate")
public class TollgateProperties {
  private final Packs packs = new Packs();
  /** Pack versions to use instead of the highest in force, each as pack-id@version. */
  private List<String> pins = new ArrayList<>();
  /** An institution's overlay file of parameter values over the packs' defaults. */
  private Path overrides;
  /** What a failure to evaluate produces: DENY citing TOLLGATE-EVALUATION-ERROR, or THROW an exception. */
  private PolicyEngine.OnError onError = PolicyEngine.OnError.DENY;
  private final Ledger ledger = new Ledger();

  public Packs getPacks() {
    return packs;
  }

  public List<String> getPins() {
    return pins;
  }

  public void setPins(List<String> pins) {
    this.pins = pins;
  }

  public Path getOverrides() {
    return overrides;
  }

  public void setOverrides(Path overrides) {
    this.overrides = overrides;
  }

  public PolicyEngine.OnError getOnError() {
    return onError;
  }

  public void setOnError(PolicyEngine.OnError onError) {
    this.onError = onError;
  }

  public Ledger getLedger() {
    return ledger;
  }

  /** Which rule packs to load. */
  public static class Packs {
    /** Whether to load the packs shipped in the tollgate-rulepacks jar. */
    private boolean bundled = true;
    /** A folder of packs (id/version/pack.yaml), a pack version folder or a pack.yaml, loaded as well. */
    private Path folder;

    public boolean isBundled() {
      return bundled;
    }

    public void setBundled(boolean bundled) {
      this.bundled = bundled;
    }

    public Path getFolder() {
      return folder;
    }

    public void setFolder(Path folder) {
      this.folder = folder;
    }
  }

  /** The contact ledger that holds rolling caps across the application's nodes. */
  public static class Ledger {
    /**
     * Whether the ledger lives in the application's DataSource (PostgreSQL or H2; its tollgate_* tables
     * are created or migrated at start-up). Off, the ledger is in this process's memory.
     */
    private boolean enabled;
    /** After how long a ledger statement, a wait for a lock included, is abandoned and the call denied; at least 1s. */
    private Duration timeout = Duration.ofSeconds(5);
    /** How long pruning keeps contacts at least, e.g. for audit; not shorter than the rules' longest window. */
    private Duration retention;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }

    public Duration getRetention() {
      return retention;
    }

    public void setRetention(Duration retention) {
      this.retention = retention;
    }
  }
}
