package io.fusioncommerce.ingress.query;

import io.fusioncommerce.ingress.http.ApiException;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The read options of a single-resource GET: {@code waitMs} (long-poll up to 10 s) and what the
 * client already knows: {@code status} (wait until the status is another one, e.g. after placing an
 * order, {@code status=CREATED} waits until it is confirmed or rejected) or {@code version} (wait for
 * a newer version). With neither, the wait ends at the first change after the request arrived.
 */
public record ReadParameters(long waitMs, Optional<Long> knownVersion, Optional<String> knownStatus) {

  private static final Pattern STATUS = Pattern.compile("[A-Z_]{1,32}");

  /** What a value looks like to a waiting reader: its version and, for resources with one, its status. */
  public record Seen(long version, String status) {}

  public static ReadParameters from(Context ctx) {
    long waitMs = parse(ctx, "waitMs").orElse(0L);
    if (waitMs < 0 || waitMs > LongPoll.MAX_WAIT_MS) {
      throw ApiException.invalidField("waitMs", "must be between 0 and " + LongPoll.MAX_WAIT_MS);
    }
    String status = ctx.queryParam("status");
    if (status != null && !STATUS.matcher(status).matches()) {
      throw ApiException.invalidField("status", "a status such as CREATED");
    }
    return new ReadParameters(waitMs, parse(ctx, "version"), Optional.ofNullable(status));
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
  public boolean isNewer(Optional<Seen> now, Optional<Seen> atArrival) {
    if (now.isEmpty()) {
      return false;
    }
    if (knownStatus.isPresent()) {
      return now.get().status() != null && !knownStatus.get().equals(now.get().status());
    }
    if (knownVersion.isPresent()) {
      return now.get().version() > knownVersion.get();
    }
    return atArrival.isEmpty() || !now.equals(atArrival);
  }
}
