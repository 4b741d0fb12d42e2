package io.fusioncommerce.ingress.ratelimit;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock the test moves by hand: buckets refill only when the test says time passed. */
final class ManualTimeMeter implements TimeMeter {

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  @Override
  public long currentTimeNanos() {
    return nanos.get();
  }

  @Override
  public boolean isWallClockBased() {
    return false;
  }

  void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }
}
