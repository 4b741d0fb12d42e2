package io.fusioncommerce.analytics.feed;

import java.util.ArrayList;
import java.util.List;

/**
 * Status changes of an order that reached the feed before its order.created. The two topics are read
 * by timestamp, and a confirmation inherits the time of the reservation that completed it, which the
 * ingress sent beside (sometimes before) the PlaceOrder: without this, such a confirmation had no lines
 * to count and was lost to the facts and the live tiles. Replayed, in arrival order, when the order arrives.
 *
 * @param firstSeenAt when the first of them arrived (for retention: an order that never arrives is forgotten)
 */
public record EarlyStatuses(long firstSeenAt, List<EarlyStatus> statuses) {

  /** One status change as the feed needs it. */
  public record EarlyStatus(String eventId, String status, long at, String reason, String campaignId) {}

  public EarlyStatuses {
    statuses = List.copyOf(statuses);
  }

  static EarlyStatuses first(long at, EarlyStatus status) {
    return new EarlyStatuses(at, List.of(status));
  }

  EarlyStatuses and(EarlyStatus status) {
    List<EarlyStatus> all = new ArrayList<>(statuses);
    all.add(status);
    return new EarlyStatuses(firstSeenAt, all);
  }
}
