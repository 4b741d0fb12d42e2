package io.fusioncommerce.topologies.carts;

import java.time.Instant;

/**
 * Idle timer keys: {@code <due time, 13-digit millis>|<tenant>|<cart>}. Sorted as strings they sort by due
 * time, so the punctuator reads only the timers that are due with one range scan.
 */
final class CartTimers {

  private CartTimers() {}

  record Due(Instant dueAt, String tenantId, String cartId) {}

  static String key(Instant dueAt, String tenantId, String cartId) {
    return String.format("%013d|%s|%s", dueAt.toEpochMilli(), tenantId, cartId);
  }

  static String upTo(Instant now) {
    return String.format("%013d|~", now.toEpochMilli());
  }

  static Due parse(String key) {
    String[] parts = key.split("\\|", 3);
    return new Due(Instant.ofEpochMilli(Long.parseLong(parts[0])), parts[1], parts[2]);
  }
}
