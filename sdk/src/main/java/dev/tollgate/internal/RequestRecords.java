package dev.tollgate.internal;

import dev.tollgate.Request;
import dev.tollgate.rules.Field;
import dev.tollgate.rules.RequestType;
import java.util.Map;

/**
 * Each request type of the pack language with its record and the readers of its fields: the codec binds
 * a request's {@code type} to the record named here, and the fact extractor reads fields with these
 * tables. A new request type adds its line to {@link #BY_TYPE}.
 */
public final class RequestRecords {
  /** The fields every request carries. */
  static final FieldReaders<Request> COMMON = FieldReaders.of(Request.class)
      .read(Field.ID, Request::id)
      .read(Field.AT, Request::at)
      .read(Field.JURISDICTION, Request::jurisdiction);

  /** Each request type's record and the readers of its own fields. */
  static final Map<RequestType, FieldReaders<? extends Request>> BY_TYPE = Map.of(
      RequestType.CALL, CallFields.READERS,
      RequestType.DATA_SHARE, DataShareFields.READERS,
      RequestType.MESSAGE, MessageFields.READERS);

  private RequestRecords() {}

  /** The record of each request type, for the codec. */
  public static Class<? extends Request> record(RequestType type) {
    return BY_TYPE.get(type).source();
  }

  /** The request types' wire names for messages, e.g. {@code call or data-share}. */
  public static String wireNames() {
    StringBuilder sb = new StringBuilder();
    RequestType[] types = RequestType.values();
    for (int i = 0; i < types.length; i++) {
      sb.append(i == 0 ? "" : i == types.length - 1 ? " or " : ", ").append(types[i].wireName());
    }
    return sb.toString();
  }
}
