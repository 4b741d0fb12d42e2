package io.fusioncommerce.ingress.query;

import io.fusioncommerce.ingress.http.ApiException;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;

/**
 * The read options of a single-resource GET: {@code waitMs} (long-poll up to 10 s) and optionally
 * {@code version}, the version the client already has. Without {@code version} the wait ends at the
 * first change after the request arrived.
 */
public record ReadParameters(long waitMs, Optional<Long> knownVersion) {

  public static ReadParameters from(Context ctx) {
    long waitMs = parse(ctx, "waitMs").orElse(0L);
    if (waitMs < 0 || waitMs > LongPoll.MAX_WAIT_MS) {
      throw ApiException.invalidField("waitMs", "must be between 0 and " + LongPoll.MAX_WAIT_MS);
    }
    Optional<Long> version = parse(ctx, "version");
    return new ReadParameters(waitMs, version);
  }

  private static Optional<Long> parse(Context ctx, String name) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(raw));
    } catch (NumberFormatException e) {
      throw ApiException.invalidField(name, "must be an integer");
    }
  }

  public Duration waitDuration() {
    return Duration.ofMillis(waitMs);
  }

  /** Time allowed for a forwarded read: the wait plus a margin for the hop. */
  public Duration forwardTimeout() {
    return Duration.ofMillis(waitMs + 5_000);
  }

  /** Whether {@code now} is what the client waits for, compared with what existed when it asked. */
  public boolean isNewer(Optional<Long> now, Optional<Long> atArrival) {
    if (now.isEmpty()) {
      return false;
    }
    if (knownVersion.isPresent()) {
      return now.get() > knownVersion.get();
    }
    return atArrival.isEmpty() || !now.equals(atArrival);
  }
}
