package io.fusioncommerce.analytics.query;

import java.time.Instant;

/** One bucket of a campaign's funnel: joins and the units they asked for, and group orders placed. */
public record CampaignPoint(Instant time, long joins, long units, long ordersPlaced) {}
