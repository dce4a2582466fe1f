package dev.tollgate.bundle;

import java.time.Duration;

/** Where a {@link BundleSource} fetches its bundle from. */
interface Origin extends AutoCloseable {
  /**
   * The bundle's bytes, or null when the origin says it has not changed since the last fetch.
   *
   * @throws BundleException {@link BundleException.Reason#NOT_FETCHED} if it cannot be fetched whole
   */
  byte[] fetch();

  /** Waits until it is worth looking again: a change was seen, or the interval passed. */
  void await(Duration interval) throws InterruptedException;

  @Override
  void close();
}
