package io.fusioncommerce.ingress.ratelimit;

/**
 * One token bucket's shape: {@code perSecond} requests a second on average, up to {@code burst} at once.
 * A bucket starts full, so a quiet caller may send {@code burst} requests back to back.
 */
public record RateLimit(long perSecond, long burst) {

  public RateLimit {
    if (perSecond < 1 || burst < 1) {
      throw new IllegalArgumentException("a rate limit needs at least one request a second and a burst of one");
    }
  }

  /** {@code "200:400"} is 200 a second with bursts of 400; {@code "200"} alone bursts to twice the rate. */
  static RateLimit parse(String text) {
    String[] parts = text.trim().split(":");
    if (parts.length > 2) {
      throw new IllegalArgumentException("a rate limit is PER_SECOND or PER_SECOND:BURST, not " + text);
    }
    long perSecond = Long.parseLong(parts[0].trim());
    return new RateLimit(perSecond, parts.length == 2 ? Long.parseLong(parts[1].trim()) : 2 * perSecond);
  }

  /** How long an untouched bucket takes to fill up again, in nanoseconds (at least one second). */
  long nanosToRefill() {
    return Math.max(1_000_000_000L, (long) Math.ceil(burst * 1e9 / perSecond));
  }

  @Override
  public String toString() {
    return perSecond + "/s burst " + burst;
  }
}
