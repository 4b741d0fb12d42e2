package io.fusioncommerce.analytics.query;

import java.time.Instant;
import java.util.Objects;

/** The {@code limit} best-selling SKUs between {@code from} and {@code to}. */
public record TopProductsQuery(Scope scope, Instant from, Instant to, int limit) {

  public TopProductsQuery {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }
}
