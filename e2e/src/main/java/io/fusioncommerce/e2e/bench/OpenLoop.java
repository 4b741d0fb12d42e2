package io.fusioncommerce.e2e.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * An open-loop load: operations start on a fixed schedule whether or not earlier ones finished, and
 * each latency is measured from the operation's scheduled start, so a stall shows up in the figures
 * instead of slowing the load down (no coordinated omission).
 */
final class OpenLoop {

  /** What one run produced. */
  record Result(Histogram latencyMicros, long started, long failed, Duration elapsed, String firstFailure) {
    double completedPerSecond() {
      return (started - failed) / (elapsed.toNanos() / 1e9);
    }

    String summary() {
      return String.format("p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (%d ok, %d failed, %.0f/s)%s",
          latencyMicros.getValueAtPercentile(50) / 1000.0, latencyMicros.getValueAtPercentile(90) / 1000.0,
          latencyMicros.getValueAtPercentile(99) / 1000.0, latencyMicros.getMaxValue() / 1000.0,
          started - failed, failed, completedPerSecond(), firstFailure == null ? "" : "; first failure: " + firstFailure);
    }
  }

  private OpenLoop() {}

  /**
   * Runs {@code operation} {@code ratePerSecond} times a second for {@code duration}. The operation
   * gets its scheduled start (System.nanoTime) and completes when done; its future's failure counts.
   */
  static Result run(double ratePerSecond, Duration duration, LongFunction<CompletableFuture<?>> operation) {
    ConcurrentHistogram histogram = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(2), 3);
    AtomicLong failed = new AtomicLong();
    java.util.concurrent.atomic.AtomicReference<String> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();
    ConcurrentLinkedQueue<CompletableFuture<?>> pending = new ConcurrentLinkedQueue<>();
    long intervalNanos = (long) (1e9 / ratePerSecond);
    long begin = System.nanoTime();
    long end = begin + duration.toNanos();
    long started = 0;
    for (long next = begin; next < end; next += intervalNanos) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        java.util.concurrent.locks.LockSupport.parkNanos(wait);
      }
      long scheduled = next;
      CompletableFuture<?> op;
      try {
        op = operation.apply(scheduled);
      } catch (RuntimeException e) {
        op = CompletableFuture.failedFuture(e);
      }
      started++;
      pending.add(op.whenComplete((ok, error) -> {
        if (error != null) {
          failed.incrementAndGet();
          firstFailure.compareAndSet(null, String.valueOf(error.getCause() != null ? error.getCause() : error));
        } else {
          histogram.recordValue(Math.max(0, (System.nanoTime() - scheduled) / 1000));
        }
      }));
    }
    for (CompletableFuture<?> op : pending) {
      try {
        op.get(2, TimeUnit.MINUTES);
      } catch (Exception ignored) {
        // counted as failed
      }
    }
    return new Result(histogram, started, failed.get(), Duration.ofNanos(System.nanoTime() - begin), firstFailure.get());
  }
}
