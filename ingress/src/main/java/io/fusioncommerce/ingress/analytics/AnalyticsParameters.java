package io.fusioncommerce.ingress.analytics;

import io.fusioncommerce.analytics.query.Granularity;
import io.fusioncommerce.analytics.query.SalesGroupBy;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.FieldError;
import io.fusioncommerce.ingress.http.PageLimit;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The query parameters of the analytics routes, read all at once so a request with several wrong
 * parameters learns of every one in one 400 (errors[].field names each). Nothing is asked of the
 * analytics store for a refused request.
 *
 * <p>Without {@code to} the range ends now; without {@code from} it starts one default span before
 * {@code to} (an hour by minute, a day by hour, 30 days by day). A range may not be longer than the
 * granularity's {@link Granularity#longestRange()}: that bounds the rows Druid scans and the points an
 * answer holds, whatever a client asks for.
 */
record AnalyticsParameters(Instant from, Instant to, Granularity granularity, Optional<SalesGroupBy> groupBy,
    int limit, Optional<String> vendor) {

  /** {@code ?limit=} of top products: default 10, at most 100. */
  static final PageLimit TOP_PRODUCTS = new PageLimit(10, 100);
  static final Granularity DEFAULT_GRANULARITY = Granularity.HOUR;
  /** Vendor ids as the catalog knows them; anything longer or stranger names no vendor. */
  private static final Pattern VENDOR_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  static Duration defaultSpan(Granularity granularity) {
    return switch (granularity) {
      case MINUTE -> Duration.ofHours(1);
      case HOUR -> Duration.ofDays(1);
      case DAY -> Duration.ofDays(30);
    };
  }

  /**
   * Reads and checks every parameter; throws one 400 naming all wrong ones. {@code defaultGranularity}
   * applies without {@code ?granularity=} and sets the default span and the longest range.
   */
  static AnalyticsParameters read(Context ctx, Instant now, Granularity defaultGranularity) {
    List<FieldError> errors = new ArrayList<>();
    Granularity granularity = choice(ctx.queryParam("granularity"), "granularity", Granularity.values(), errors)
        .orElse(defaultGranularity);
    Optional<SalesGroupBy> groupBy = choice(ctx.queryParam("groupBy"), "groupBy", SalesGroupBy.values(), errors);
    Optional<Instant> from = time(ctx.queryParam("from"), "from", errors);
    Optional<Instant> to = time(ctx.queryParam("to"), "to", errors);
    int limit = TOP_PRODUCTS.collect(Optional.ofNullable(ctx.queryParam("limit")), errors, TOP_PRODUCTS.rule());
    Optional<String> vendor = Optional.ofNullable(ctx.queryParam("vendor"));
    if (vendor.isPresent() && !VENDOR_ID.matcher(vendor.get()).matches()) {
      errors.add(new FieldError("vendor", "not a vendor id"));
    }
    Instant end = to.orElse(now);
    Instant start = from.orElseGet(() -> end.minus(defaultSpan(granularity)));
    if (from.isPresent() || to.isPresent()) {
      if (!start.isBefore(end)) {
        errors.add(new FieldError("from", "must be before to (" + end + ")"));
      } else if (Duration.between(start, end).compareTo(granularity.longestRange()) > 0) {
        errors.add(new FieldError("from", "the range from " + start + " to " + end + " is longer than "
            + granularity.longestRange().toDays() + " days, the most granularity "
            + granularity.name().toLowerCase(Locale.ROOT) + " may ask for; narrow it or use a coarser granularity"));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.validation(errors);
    }
    return new AnalyticsParameters(start, end, granularity, groupBy, limit, vendor);
  }

  /** An ISO-8601 time with an offset ({@code 2026-12-05T10:00:00Z}, {@code ...+01:00}), as an instant. */
  private static Optional<Instant> time(String raw, String field, List<FieldError> errors) {
    if (raw == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(raw).toInstant());
    } catch (DateTimeParseException notATime) {
      errors.add(new FieldError(field, "not an ISO-8601 time with an offset, e.g. 2026-12-05T10:00:00Z"));
      return Optional.empty();
    }
  }

  /** One of {@code values}, named in lower case; a name out of the list is an error naming the list. */
  private static <E extends Enum<E>> Optional<E> choice(String raw, String field, E[] values, List<FieldError> errors) {
    if (raw == null) {
      return Optional.empty();
    }
    for (E value : values) {
      if (value.name().equalsIgnoreCase(raw)) {
        return Optional.of(value);
      }
    }
    errors.add(new FieldError(field, "one of " + names(values)));
    return Optional.empty();
  }

  static String names(Enum<?>[] values) {
    List<String> names = new ArrayList<>();
    for (Enum<?> value : values) {
      names.add(value.name().toLowerCase(Locale.ROOT));
    }
    return String.join(", ", names);
  }
}
