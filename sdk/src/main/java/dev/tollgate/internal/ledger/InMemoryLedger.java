package dev.tollgate.internal.ledger;

import dev.tollgate.CallRequest;
import dev.tollgate.ContactLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The ledger in this process's memory: each subject's contacts in time order behind the subject's own
 * lock, so reservations for different people never wait on each other.
 */
public final class InMemoryLedger implements ContactLedger {
  private static final Comparator<Entry> ORDER = Comparator.comparing(Entry::at).thenComparing(Entry::id);

  private final ConcurrentHashMap<String, Log> logs = new ConcurrentHashMap<>();
  /** Contact id to subject, for outcomes. */
  private final ConcurrentHashMap<String, String> subjectOf = new ConcurrentHashMap<>();

  /** One subject's contacts, sorted by {@link #ORDER}; guarded by itself. */
  private static final class Log {
    final List<Entry> entries = new ArrayList<>();
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
      for (int i = 0; i < log.entries.size(); i++) {
        Entry e = log.entries.get(i);
        if (e.id().equals(contactId)) {
          if (e.outcome() != CallRequest.Outcome.REFUSED) {
            log.entries.set(i, new Entry(e.id(), e.at(), e.purpose(), e.product(), e.debt(), e.channel(), outcome));
          }
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public List<Entry> entries(String subject, Instant since) {
    Objects.requireNonNull(subject, "subject");
    Log log = logs.isEmpty() ? null : logs.get(subject);
    if (log == null) {
      return List.of();
    }
    synchronized (log) {
      return since(log, since);
    }
  }

  @Override
  public void reserve(String subject, Instant since, Function<List<Entry>, Entry> decide) {
    Subjects.check(subject);
    Log log = logs.computeIfAbsent(subject, s -> new Log());
    synchronized (log) {
      List<Entry> read = since(log, since);
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
        int size = log.entries.size();
        log.entries.removeIf(e -> {
          boolean gone = e.at().isBefore(before) && (e.outcome() == null || !keep.contains(e.outcome()));
          if (gone) {
            subjectOf.remove(e.id());
          }
          return gone;
        });
        removed += size - log.entries.size();
      }
    }
    return removed;
  }

  /** A contact given to {@code record}, as an entry. */
  static Entry entry(String contactId, CallRequest.Contact contact) {
    Objects.requireNonNull(contact, "contact");
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
    int at = java.util.Collections.binarySearch(log.entries, entry, ORDER);
    log.entries.add(at < 0 ? -at - 1 : at, entry);
  }

  private static List<Entry> since(Log log, Instant since) {
    if (since == null) {
      return List.copyOf(log.entries);
    }
    int from = java.util.Collections.binarySearch(log.entries, new Entry("", since, null, null, null,
        CallRequest.Channel.CALL, null), ORDER);
    return List.copyOf(log.entries.subList(from < 0 ? -from - 1 : from, log.entries.size()));
  }
}
