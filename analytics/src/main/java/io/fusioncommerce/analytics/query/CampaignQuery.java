package io.fusioncommerce.analytics.query;

import java.time.Instant;
import java.util.Objects;

/** A campaign's joins between {@code from} and {@code to}. */
public record CampaignQuery(Scope scope, String campaignId, Instant from, Instant to, Granularity granularity) {

  public CampaignQuery {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(campaignId, "campaignId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(granularity, "granularity");
  }
}
