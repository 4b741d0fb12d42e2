package io.fusioncommerce.ingress.query;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Answers {@code ?waitMs=} reads: re-reads the local store on a short timer until the value satisfies
 * the condition or the wait is over, without holding a request thread meanwhile.
 */
public final class LongPoll implements AutoCloseable {

  public static final long MAX_WAIT_MS = 10_000;
  private static final long FIRST_RECHECK_MS = 2;
  private static final long MAX_RECHECK_MS = 25;

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("long-poll").factory());

  /** Completes with the first value that satisfies {@code done}, or the last one read when time is up. */
  public <T> CompletableFuture<T> until(Supplier<T> read, Predicate<T> done, Duration wait) {
    CompletableFuture<T> result = new CompletableFuture<>();
    long deadline = System.nanoTime() + wait.toNanos();
    check(read, done, deadline, FIRST_RECHECK_MS, result);
    return result;
  }

  private <T> void check(Supplier<T> read, Predicate<T> done, long deadline, long delayMs, CompletableFuture<T> result) {
    try {
      T value = read.get();
      if (done.test(value) || System.nanoTime() >= deadline) {
        result.complete(value);
        return;
      }
      long next = Math.min(MAX_RECHECK_MS, delayMs * 2);
      timer.schedule(() -> check(read, done, deadline, next, result), delayMs, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
