package dev.tollgate.internal.eval;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Applies a function to every item of a list on the calling thread and on an executor's threads, and
 * gives the results in the list's order: {@code PolicyEngine.decideAll}.
 *
 * <p>The list is cut into slices that the threads claim one at a time, so a thread that meets slow items
 * (a ledger read) leaves the rest to the others. The calling thread claims slices too, and waits only for
 * slices already claimed: the batch finishes even if the executor runs none of its tasks (a saturated
 * pool, or the caller's own pool calling in again), and a task that starts late finds nothing to do.
 */
public final class Batch {
  /** Slices per thread: enough for the threads to even out, few enough that claiming stays negligible. */
  private static final int SLICES_PER_THREAD = 4;
  /** Decisions take microseconds; a slice of at most this many keeps the claims rare, not the load uneven. */
  private static final int MAX_SLICE = 256;

  private Batch() {}

  /**
   * The results of {@code f} on every item, in order.
   *
   * @throws RuntimeException or Error: the first thrown by {@code f}, in list order, after every other
   *     item was done
   */
  public static <T, R> List<R> map(List<? extends T> items, Function<? super T, ? extends R> f, Executor executor) {
    int n = items.size();
    int threads = Runtime.getRuntime().availableProcessors() + 1;
    int slice = Math.max(1, Math.min(MAX_SLICE, ceilDiv(n, threads * SLICES_PER_THREAD)));
    int slices = ceilDiv(n, slice);
    Object[] results = new Object[n];
    Work<T, R> work = new Work<>(items, f, results, slice, slices);
    int helpers = Math.min(slices - 1, threads - 1);
    for (int h = 0; h < helpers; h++) {
      try {
        executor.execute(work::run);
      } catch (RejectedExecutionException e) {
        break; // the calling thread does the rest
      }
    }
    work.run();
    work.awaitAll();
    if (work.failure != null) {
      if (work.failure instanceof Error error) {
        throw error;
      }
      throw (RuntimeException) work.failure;
    }
    @SuppressWarnings("unchecked")
    List<R> list = (List<R>) Arrays.asList(results);
    return List.copyOf(list);
  }

  private static int ceilDiv(int a, int b) {
    return a == 0 ? 0 : (a + b - 1) / b;
  }

  /** The shared state of one batch: the next slice to claim and the slices still running. */
  private static final class Work<T, R> {
    private final List<? extends T> items;
    private final Function<? super T, ? extends R> f;
    private final Object[] results;
    private final int slice;
    private final int slices;
    private final AtomicInteger next = new AtomicInteger();
    private final CountDownLatch done;
    /** The failure at the lowest index so far: written under {@code this}, read after {@link #awaitAll()}. */
    private Throwable failure;
    private int failureIndex = Integer.MAX_VALUE;

    Work(List<? extends T> items, Function<? super T, ? extends R> f, Object[] results, int slice, int slices) {
      this.items = items;
      this.f = f;
      this.results = results;
      this.slice = slice;
      this.slices = slices;
      this.done = new CountDownLatch(slices);
    }

    void run() {
      for (int s; (s = next.getAndIncrement()) < slices; ) {
        try {
          int end = Math.min(results.length, (s + 1) * slice);
          for (int i = s * slice; i < end; i++) {
            try {
              results[i] = f.apply(items.get(i));
            } catch (RuntimeException | Error e) {
              failed(i, e);
            }
          }
        } finally {
          done.countDown();
        }
      }
    }

    private synchronized void failed(int index, Throwable e) {
      if (index < failureIndex) {
        failureIndex = index;
        failure = e;
      }
    }

    /** Waits for the slices other threads claimed; the results must be complete, so an interrupt is kept for later. */
    void awaitAll() {
      boolean interrupted = false;
      while (true) {
        try {
          done.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
