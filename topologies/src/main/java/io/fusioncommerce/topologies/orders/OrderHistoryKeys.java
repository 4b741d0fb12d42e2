package io.fusioncommerce.topologies.orders;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Keys of the audit-trail store {@value OrderTopology#HISTORY_ENTRIES_STORE}: one entry per key,
 * {@code <tenant>|<order>|<seq, 10 digits>}, tenant and order URL-encoded so one order's prefix never
 * matches another's. Sorted as strings an order's entries are contiguous and oldest first, so the
 * history route pages through them with a range scan and no single value grows with the trail.
 */
public final class OrderHistoryKeys {

  private OrderHistoryKeys() {}

  /** The prefix every entry of the order shares. */
  public static String prefix(String tenantId, String orderId) {
    return URLEncoder.encode(tenantId, StandardCharsets.UTF_8) + "|" + URLEncoder.encode(orderId, StandardCharsets.UTF_8) + "|";
  }

  public static String key(String tenantId, String orderId, long seq) {
    return prefix(tenantId, orderId) + String.format("%010d", seq);
  }

  /** The position of an entry in its order's trail (0 for the first). */
  public static long seq(String key) {
    return Long.parseLong(key.substring(key.lastIndexOf('|') + 1));
  }
}
