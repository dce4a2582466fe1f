package dev.tollgate.internal.history;

import dev.tollgate.CallRequest;
import java.util.Set;

/**
 * Which earlier contacts a window counts, with the request's product and debt already filled in. An empty
 * set admits any value. A contact whose purpose, product or debt is absent matches (unknown is never
 * "different"); a contact without a channel is a call.
 *
 * @param purposes the purposes that count
 * @param channels the channels that count
 * @param outcomes the outcomes that count
 * @param product only contacts about this product (or about no stated product); null: any
 * @param debt only contacts about this debt (or about no stated debt); null: any
 */
public record ContactQuery(Set<CallRequest.Purpose> purposes, Set<CallRequest.Channel> channels,
    Set<CallRequest.Outcome> outcomes, String product, String debt) {
  public ContactQuery {
    purposes = Set.copyOf(purposes);
    channels = Set.copyOf(channels);
    outcomes = Set.copyOf(outcomes);
  }

  /** Whether one contact matches, as the index decides it; for tests and for stores without an index. */
  public boolean matches(CallRequest.Contact c) {
    return (purposes.isEmpty() || c.purpose() == null || purposes.contains(c.purpose()))
        && (channels.isEmpty() || channels.contains(c.channel() == null ? CallRequest.Channel.CALL : c.channel()))
        && (outcomes.isEmpty() || outcomes.contains(c.outcome()))
        && (product == null || c.product() == null || product.equals(c.product()))
        && (debt == null || c.debt() == null || debt.equals(c.debt()));
  }
}
