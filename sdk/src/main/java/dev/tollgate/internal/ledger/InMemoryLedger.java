package dev.tollgate.internal.ledger;

import dev.tollgate.CallRequest;
import dev.tollgate.ContactLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The ledger in this process's memory: each subject's contacts behind the subject's own lock, so
 * reservations for different people never wait on each other. A subject's contacts are kept in one list
 * per outcome, each in time order, so that a decision's read finds both the recent contacts and the old
 * ones of a kept outcome by binary search, without passing over the rest of the history.
 */
public final class InMemoryLedger implements ContactLedger, WindowedLedger {
  private static final Comparator<Entry> ORDER = Comparator.comparing(Entry::at).thenComparing(Entry::id);
  private static final CallRequest.Outcome[] OUTCOMES = CallRequest.Outcome.values();
  /** The index in {@link Log#lists} of the contacts whose outcome is not recorded yet. */
  private static final int PENDING = OUTCOMES.length;

  private final ConcurrentHashMap<String, Log> logs = new ConcurrentHashMap<>();
  /** Contact id to subject, for outcomes. */
  private final ConcurrentHashMap<String, String> subjectOf = new ConcurrentHashMap<>();

  /** One subject's contacts; guarded by itself. */
  private static final class Log {
    /** Per outcome (by ordinal), then the pending ones ({@link #PENDING}): each sorted by {@link #ORDER}. */
    final List<List<Entry>> lists = new ArrayList<>(PENDING + 1);
    final Map<String, Entry> byId = new HashMap<>();

    Log() {
      for (int i = 0; i <= PENDING; i++) {
        lists.add(new ArrayList<>());
      }
    }

    List<Entry> listOf(Entry e) {
      return lists.get(e.outcome() == null ? PENDING : e.outcome().ordinal());
    }
  }

  @Override
  public void record(String subject, String contactId, CallRequest.Contact contact) {
    Subjects.check(subject);
    Entry entry = entry(contactId, contact);
    Log log = logs.computeIfAbsent(subject, s -> new Log());
    synchronized (log) {
      add(subject, log, entry);
    }
  }

  @Override
  public boolean recordOutcome(String contactId, CallRequest.Outcome outcome) {
    Objects.requireNonNull(contactId, "contactId");
    Objects.requireNonNull(outcome, "outcome");
    String subject = subjectOf.get(contactId);
    Log log = subject == null ? null : logs.get(subject);
    if (log == null) {
      return false;
    }
    synchronized (log) {
      Entry e = log.byId.get(contactId);
      if (e == null) {
        return false;
      }
      if (e.outcome() != CallRequest.Outcome.REFUSED) {
        List<Entry> from = log.listOf(e);
        from.remove(Collections.binarySearch(from, e, ORDER));
        Entry changed = new Entry(e.id(), e.at(), e.purpose(), e.product(), e.debt(), e.channel(), outcome);
        insert(log.listOf(changed), changed);
        log.byId.put(contactId, changed);
      }
      return true;
    }
  }

  @Override
  public List<Entry> entries(String subject, Instant since) {
    return since == null ? read(subject, Instant.MIN, Set.of(OUTCOMES)) : entries(subject, since, Set.of());
  }

  @Override
  public List<Entry> entries(String subject, Instant since, Set<CallRequest.Outcome> kept) {
    return read(subject, Objects.requireNonNull(since, "since"), kept);
  }

  private List<Entry> read(String subject, Instant since, Set<CallRequest.Outcome> kept) {
    Objects.requireNonNull(subject, "subject");
    Log log = logs.isEmpty() ? null : logs.get(subject);
    if (log == null) {
      return List.of();
    }
    synchronized (log) {
      return read(log, since, kept);
    }
  }

  @Override
  public void reserve(String subject, Instant since, Function<List<Entry>, Entry> decide) {
    if (since == null) {
      reserve(subject, Instant.MIN, Set.of(OUTCOMES), decide);
    } else {
      reserve(subject, since, Set.of(), decide);
    }
  }

  @Override
  public void reserve(String subject, Instant since, Set<CallRequest.Outcome> kept, Function<List<Entry>, Entry> decide) {
    Subjects.check(subject);
    Objects.requireNonNull(since, "since");
    Log log = logs.computeIfAbsent(subject, s -> new Log());
    synchronized (log) {
      List<Entry> read = read(log, since, kept);
      Entry entry = decide.apply(read);
      if (entry != null && read.stream().noneMatch(e -> e.id().equals(entry.id()))) {
        add(subject, log, entry);
      }
    }
  }

  @Override
  public int prune(Instant before, Set<CallRequest.Outcome> keep) {
    Objects.requireNonNull(before, "before");
    int removed = 0;
    for (Log log : logs.values()) {
      synchronized (log) {
        for (int i = 0; i <= PENDING; i++) {
          if (i != PENDING && keep.contains(OUTCOMES[i])) {
            continue;
          }
          List<Entry> old = log.lists.get(i).subList(0, from(log.lists.get(i), before));
          for (Entry e : old) {
            log.byId.remove(e.id());
            subjectOf.remove(e.id());
          }
          removed += old.size();
          old.clear();
        }
      }
    }
    return removed;
  }

  /** A contact given to {@code record}, as an entry. */
  static Entry entry(String contactId, CallRequest.Contact contact) {
    Objects.requireNonNull(contact, "contact");
    String[][] stored = {{"contact id", contactId}, {"product", contact.product()}, {"debt", contact.debt()}};
    for (String[] value : stored) {
      if (Subjects.tooLong(value[1]) != null) {
        throw new IllegalArgumentException(value[0] + " " + Subjects.tooLong(value[1]));
      }
    }
    return new Entry(contactId, contact.at().toInstant(), contact.purpose(), contact.product(), contact.debt(),
        contact.channel() == null ? CallRequest.Channel.CALL : contact.channel(), contact.outcome());
  }

  private void add(String subject, Log log, Entry entry) {
    String owner = subjectOf.putIfAbsent(entry.id(), subject);
    if (owner != null) {
      if (!owner.equals(subject)) {
        throw new IllegalArgumentException("contact id " + entry.id() + " is already recorded for another subject");
      }
      return;
    }
    insert(log.listOf(entry), entry);
    log.byId.put(entry.id(), entry);
  }

  private static void insert(List<Entry> list, Entry entry) {
    int at = Collections.binarySearch(list, entry, ORDER);
    list.add(at < 0 ? -at - 1 : at, entry);
  }

  /**
   * The contacts at or after {@code since} of every outcome, and all those of the kept outcomes (a pending
   * contact counts as a conversation), in {@link #ORDER}: each list's part is found by binary search, and
   * merging the parts costs little more than copying them, as they are sorted already.
   */
  private static List<Entry> read(Log log, Instant since, Set<CallRequest.Outcome> kept) {
    List<Entry> out = new ArrayList<>();
    int parts = 0;
    for (int i = 0; i <= PENDING; i++) {
      List<Entry> list = log.lists.get(i);
      List<Entry> part = kept.contains(i == PENDING ? CallRequest.Outcome.CONVERSATION : OUTCOMES[i])
          ? list : list.subList(from(list, since), list.size());
      if (!part.isEmpty()) {
        out.addAll(part);
        parts++;
      }
    }
    if (parts > 1) {
      out.sort(ORDER);
    }
    return Collections.unmodifiableList(out);
  }

  /** The index of the first contact in a sorted list at or after {@code since}. */
  private static int from(List<Entry> list, Instant since) {
    int lo = 0;
    int hi = list.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (list.get(mid).at().isBefore(since)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
