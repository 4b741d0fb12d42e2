package io.fusioncommerce.analytics.feed;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What the live figures learn from one business event, re-keyed by tenant (internal repartition topic)
 * so all of a tenant's figures are kept, and read, on one partition.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = LiveEvent.Placed.class, name = "placed"),
    @JsonSubTypes.Type(value = LiveEvent.Confirmed.class, name = "confirmed"),
    @JsonSubTypes.Type(value = LiveEvent.Rejected.class, name = "rejected"),
    @JsonSubTypes.Type(value = LiveEvent.LowStock.class, name = "low-stock"),
    @JsonSubTypes.Type(value = LiveEvent.StockLevel.class, name = "stock-level"),
    @JsonSubTypes.Type(value = LiveEvent.Campaign.class, name = "campaign")})
public sealed interface LiveEvent {

  /** When it happened (epoch ms): the minute it counts in. */
  long at();

  record Placed(long at) implements LiveEvent {}

  record Confirmed(long at, long units, String currency, long revenue, long latencyMillis) implements LiveEvent {}

  record Rejected(long at, String reason) implements LiveEvent {}

  record LowStock(long at, String sku, long available, long threshold) implements LiveEvent {}

  record StockLevel(long at, String sku, long totalAvailable) implements LiveEvent {}

  /** A row of campaigns.view; {@code status} null when the row was deleted. */
  record Campaign(long at, String campaignId, String sku, String status, long participants, long minParticipants,
      long endsAt) implements LiveEvent {}
}
