package dev.tollgate;

import dev.tollgate.internal.codec.RequestCodec;
import java.time.OffsetDateTime;

/**
 * A proposed call or data share, as the request contract defines it.
 *
 * <p>Implementations are immutable records; build them in Java or read them with {@link #fromJson}.
 */
public sealed interface Request permits CallRequest, DataShareRequest, MessageRequest {

  /** The caller's own reference, echoed in the decision. */
  String id();

  /** When the call would be placed or the share happen. */
  OffsetDateTime at();

  /** Where the callee or data subjects are: {@code CN}, {@code US}, {@code US-FL}, ... */
  String jurisdiction();

  /** This request as contract JSON on one line, which {@link #fromJson} reads back to an equal request. */
  default String toJson() {
    return RequestCodec.writeRequest(this);
  }

  /**
   * Reads a request from contract JSON.
   *
   * @throws InvalidRequestException naming the JSON path of the first problem (unknown field, wrong
   *     type, bad enum value, missing required field, malformed JSON)
   */
  static Request fromJson(String json) {
    return RequestCodec.readRequest(json);
  }
}
