package io.fusioncommerce.ingress.query;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Answers {@code ?waitMs=} reads without holding a request thread: the value is re-read when the
 * topology signals a change of the key ({@link ChangeSignals}), and on a slow timer as a safety net
 * (a change made by another process, a store being restored), until it satisfies the condition or the
 * wait is over.
 */
public final class LongPoll implements AutoCloseable {

  public static final long MAX_WAIT_MS = 10_000;
  /** Reads waiting at once; past it a read answers at once with what there is, instead of waiting. */
  static final int MAX_WAITING = 20_000;
  private static final long SAFETY_NET_MS = 1_000;

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("long-poll").factory());
  // The answer (JSON, response writing, access log) is produced where the result completes: never on
  // the timer thread, which must stay free to check the other waiting reads.
  private final ExecutorService answers = Executors.newVirtualThreadPerTaskExecutor();
  private final ChangeSignals signals;
  private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();

  public LongPoll(ChangeSignals signals) {
    this.signals = signals;
  }

  /** Completes with the first value that satisfies {@code done}, or the last one read when time is up. */
  public <T> CompletableFuture<T> until(Supplier<T> read, Predicate<T> done, Duration wait, String store, Object key) {
    CompletableFuture<T> result = new CompletableFuture<>();
    if (waiting.incrementAndGet() > MAX_WAITING) {
      waiting.decrementAndGet();
      try {
        return CompletableFuture.completedFuture(read.get());
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    result.whenComplete((value, error) -> waiting.decrementAndGet());
    long deadline = System.nanoTime() + wait.toNanos();
    AtomicBoolean queued = new AtomicBoolean();
    Runnable check = () -> {
      queued.set(false);
      if (result.isDone()) {
        return;
      }
      try {
        T value = read.get();
        if (done.test(value) || System.nanoTime() >= deadline) {
          answers.execute(() -> result.complete(value));
        }
      } catch (RuntimeException e) {
        answers.execute(() -> result.completeExceptionally(e));
      }
    };
    AutoCloseable watch = signals.watch(store, key, () -> {
      if (queued.compareAndSet(false, true)) {
        timer.execute(check);
      }
    });
    var safetyNet = timer.scheduleWithFixedDelay(check, 0, Math.min(SAFETY_NET_MS, wait.toMillis()), TimeUnit.MILLISECONDS);
    var timeout = timer.schedule(check, Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
    result.whenComplete((value, error) -> {
      safetyNet.cancel(false);
      timeout.cancel(false);
      try {
        watch.close();
      } catch (Exception ignored) {
        // removing a watch cannot fail
      }
    });
    return result;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    answers.shutdown();
  }
}
