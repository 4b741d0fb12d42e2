package io.fusioncommerce.ingress.orders;

import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.PageLimit;
import io.fusioncommerce.ingress.query.StoreReader;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.orders.OrderHistory;
import io.fusioncommerce.schemas.orders.OrderHistoryEntry;
import io.fusioncommerce.topologies.orders.OrderHistoryKeys;
import io.fusioncommerce.topologies.orders.OrderTopology;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of an order's audit trail, oldest first, following the API's list conventions ({@code limit},
 * opaque {@code cursor}, {@code next}). The trail is one store entry per event (OrderHistoryKeys), so a
 * page is one range scan from where the previous one ended; a trail still in the first version's single
 * value (an order untouched since) is paged the same way, by position.
 *
 * @param entries the page's entries
 * @param next the cursor of the page after this one, null on the last
 */
record HistoryPage(List<OrderHistoryEntry> entries, String next) {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  /** The page of {@code key}'s trail that starts at {@code cursor} (null: the first). */
  static HistoryPage read(StoreReader.Local local, OrderKey key, String cursor, int limit) {
    long from = position(cursor);
    var legacy = local.<OrderHistory>get(OrderTopology.HISTORY_STORE);
    if (legacy.isPresent()) {
      List<OrderHistoryEntry> all = legacy.get().getEntries();
      int start = (int) Math.min(from, all.size());
      int end = Math.min(all.size(), start + limit);
      return new HistoryPage(all.subList(start, end), end < all.size() ? encode(end) : null);
    }
    String prefix = OrderHistoryKeys.prefix(key.getTenantId(), key.getOrderId());
    String after = from == 0 ? null : OrderHistoryKeys.key(key.getTenantId(), key.getOrderId(), from - 1);
    var found = local.<OrderHistoryEntry>scan(OrderTopology.HISTORY_ENTRIES_STORE, prefix, after, limit + 1);
    List<OrderHistoryEntry> entries = found.stream().limit(limit).map(entry -> entry.value).toList();
    String next = found.size() > limit ? encode(OrderHistoryKeys.seq(found.get(limit - 1).key) + 1) : null;
    return new HistoryPage(entries, next);
  }

  static int limit(Context ctx) {
    String value = ctx.queryParam("limit");
    return new PageLimit(DEFAULT_LIMIT, MAX_LIMIT).require(value == null ? null : value.trim());
  }

  private static String encode(long position) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("h" + position).getBytes(StandardCharsets.UTF_8));
  }

  private static long position(String cursor) {
    if (cursor == null) {
      return 0;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (text.startsWith("h")) {
        long position = Long.parseLong(text.substring(1));
        if (position >= 0) {
          return position;
        }
      }
    } catch (IllegalArgumentException ignored) {
      // refused below
    }
    throw ApiException.invalidField("cursor", "not a cursor of this history; pass the \"next\" value of the previous page");
  }
}
