package io.fusioncommerce.analytics.query;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Sales between {@code from} (inclusive) and {@code to} (exclusive), bucketed and optionally grouped. */
public record SalesQuery(Scope scope, Instant from, Instant to, Granularity granularity, Optional<SalesGroupBy> groupBy) {

  public SalesQuery {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(granularity, "granularity");
    Objects.requireNonNull(groupBy, "groupBy");
  }
}
