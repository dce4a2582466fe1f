package dev.tollgate.internal;

import dev.tollgate.CallRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The request's {@code history} as an index: contacts grouped by product and debt (each contact under its
 * own value, under "any", and the combinations), then by purpose, channel and outcome, each group a
 * sorted array of times. A count looks up at most four groups and binary-searches at most 40 cells in
 * each, whatever the length of the history.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class IndexedHistory implements ContactHistory {
  private static final CallRequest.Purpose[] PURPOSES = CallRequest.Purpose.values();
  private static final CallRequest.Channel[] CHANNELS = CallRequest.Channel.values();
  private static final CallRequest.Outcome[] OUTCOMES = CallRequest.Outcome.values();
  /** Purposes plus "absent", times channels, times outcomes. */
  private static final int CELLS = (PURPOSES.length + 1) * CHANNELS.length * OUTCOMES.length;
  private static final String ANY = "*";
  private static final String UNKNOWN = "?";
  private static final IndexedHistory EMPTY = new IndexedHistory(Map.of());

  /** Product key, then debt key, then the times of each cell. */
  private final Map<String, Map<String, Instant[][]>> index;

  private IndexedHistory(Map<String, Map<String, Instant[][]>> index) {
    this.index = index;
  }

  /** Indexes a history; null or empty gives a history that counts nothing. */
  public static IndexedHistory of(List<CallRequest.Contact> history) {
    if (history == null || history.isEmpty()) {
      return EMPTY;
    }
    Map<String, Map<String, List<List<Instant>>>> building = new HashMap<>();
    for (CallRequest.Contact c : history) {
      int cell = cell(c.purpose(), c.channel() == null ? CallRequest.Channel.CALL : c.channel(), c.outcome());
      String p = key(c.product());
      String d = key(c.debt());
      for (String pk : new String[] {ANY, p}) {
        for (String dk : new String[] {ANY, d}) {
          List<List<Instant>> cells = building.computeIfAbsent(pk, k -> new HashMap<>())
              .computeIfAbsent(dk, k -> emptyCells());
          cells.get(cell).add(c.at().toInstant());
        }
      }
    }
    Map<String, Map<String, Instant[][]>> index = new HashMap<>();
    building.forEach((pk, byDebt) -> {
      Map<String, Instant[][]> out = new HashMap<>();
      byDebt.forEach((dk, cells) -> {
        Instant[][] sorted = new Instant[CELLS][];
        for (int i = 0; i < CELLS; i++) {
          sorted[i] = cells.get(i).toArray(Instant[]::new);
          Arrays.sort(sorted[i]);
        }
        out.put(dk, sorted);
      });
      index.put(pk, out);
    });
    return new IndexedHistory(index);
  }

  private static List<List<Instant>> emptyCells() {
    List<List<Instant>> cells = new ArrayList<>(CELLS);
    for (int i = 0; i < CELLS; i++) {
      cells.add(new ArrayList<>(0));
    }
    return cells;
  }

  private static String key(String value) {
    return value == null ? UNKNOWN : "=" + value;
  }

  private static int cell(CallRequest.Purpose purpose, CallRequest.Channel channel, CallRequest.Outcome outcome) {
    int p = purpose == null ? PURPOSES.length : purpose.ordinal();
    return (p * CHANNELS.length + channel.ordinal()) * OUTCOMES.length + outcome.ordinal();
  }

  @Override
  public int count(ContactQuery query, Instant from, Instant to) {
    int n = 0;
    boolean[] mask = mask(query);
    for (Instant[][] cells : groups(query)) {
      for (int i = 0; i < CELLS; i++) {
        if (mask[i] && cells[i].length > 0) {
          n += lowerBound(cells[i], to) - (from == null ? 0 : lowerBound(cells[i], from));
        }
      }
    }
    return Math.max(0, n);
  }

  @Override
  public List<Instant> times(ContactQuery query, Instant from, Instant to) {
    List<Instant> out = new ArrayList<>();
    boolean[] mask = mask(query);
    for (Instant[][] cells : groups(query)) {
      for (int i = 0; i < CELLS; i++) {
        if (mask[i] && cells[i].length > 0) {
          int start = from == null ? 0 : lowerBound(cells[i], from);
          int end = lowerBound(cells[i], to);
          for (int j = start; j < end; j++) {
            out.add(cells[i][j]);
          }
        }
      }
    }
    out.sort(null);
    return out;
  }

  /**
   * The groups that hold exactly the contacts matching the query's product and debt, without overlap:
   * for a product, the contacts about it and those about no stated product.
   */
  private List<Instant[][]> groups(ContactQuery query) {
    String[] products = query.product() == null ? new String[] {ANY} : new String[] {key(query.product()), UNKNOWN};
    String[] debts = query.debt() == null ? new String[] {ANY} : new String[] {key(query.debt()), UNKNOWN};
    List<Instant[][]> out = new ArrayList<>(4);
    for (String pk : products) {
      Map<String, Instant[][]> byDebt = index.get(pk);
      if (byDebt == null) {
        continue;
      }
      for (String dk : debts) {
        Instant[][] cells = byDebt.get(dk);
        if (cells != null) {
          out.add(cells);
        }
      }
    }
    return out;
  }

  private static boolean[] mask(ContactQuery q) {
    boolean[] mask = new boolean[CELLS];
    for (int p = 0; p <= PURPOSES.length; p++) {
      CallRequest.Purpose purpose = p == PURPOSES.length ? null : PURPOSES[p];
      if (purpose != null && !q.purposes().isEmpty() && !q.purposes().contains(purpose)) {
        continue;
      }
      for (CallRequest.Channel ch : CHANNELS) {
        if (!q.channels().isEmpty() && !q.channels().contains(ch)) {
          continue;
        }
        for (CallRequest.Outcome o : OUTCOMES) {
          if (q.outcomes().isEmpty() || q.outcomes().contains(o)) {
            mask[(p * CHANNELS.length + ch.ordinal()) * OUTCOMES.length + o.ordinal()] = true;
          }
        }
      }
    }
    return mask;
  }

  /** The index of the first time at or after {@code t}. */
  private static int lowerBound(Instant[] times, Instant t) {
    int lo = 0;
    int hi = times.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (times[mid].isBefore(t)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
