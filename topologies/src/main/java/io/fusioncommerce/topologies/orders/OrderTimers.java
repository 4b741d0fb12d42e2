package io.fusioncommerce.topologies.orders;

import io.fusioncommerce.topologies.orders.OrderEffect.TimerKind;
import java.time.Instant;

/**
 * Timer keys: {@code <due time, 13-digit millis>|<kind>|<tenant>|<order>}. Sorted as strings they sort
 * by due time, so the punctuator reads only the timers that are due with one range scan.
 */
final class OrderTimers {

  private OrderTimers() {}

  record Due(Instant dueAt, TimerKind kind, String tenantId, String orderId) {}

  static String key(Instant dueAt, TimerKind kind, String tenantId, String orderId) {
    return String.format("%013d|%s|%s|%s", dueAt.toEpochMilli(), kind.name(), tenantId, orderId);
  }

  /** The largest key due at {@code now}: every key of an earlier or equal millisecond sorts below it. */
  static String upTo(Instant now) {
    return String.format("%013d|~", now.toEpochMilli());
  }

  static Due parse(String key) {
    String[] parts = key.split("\\|", 4);
    return new Due(Instant.ofEpochMilli(Long.parseLong(parts[0])), TimerKind.valueOf(parts[1]), parts[2], parts[3]);
  }
}
