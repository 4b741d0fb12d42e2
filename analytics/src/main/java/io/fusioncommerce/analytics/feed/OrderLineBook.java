package io.fusioncommerce.analytics.feed;

import io.fusioncommerce.analytics.feed.Facts.OrderLineFact;
import io.fusioncommerce.schemas.orders.OrderCreated;
import io.fusioncommerce.schemas.orders.OrderLine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of the order-line facts: one fact per line of the order for each event of the order, with the
 * per-order, per-vendor and per-category counters set on exactly one line each, so a sum over facts counts
 * orders and not lines. Pure: state and event in, facts out.
 */
public final class OrderLineBook {

  /** Order statuses that become order-line facts (the others, e.g. CREATED, say nothing new). */
  static final Set<String> FACT_STATUSES = Set.of("CONFIRMED", "REJECTED", "CANCELLED", "PAID", "SHIPPED", "DELIVERED");

  private OrderLineBook() {}

  /** The order as placed, its lines' categories resolved now. */
  /**
   * @param acceptedAt when the ingress accepted the order (the timestamp order.created inherits from the
   *     PlaceOrder command): the order topology stamps order.created when it processes the PlaceOrder,
   *     which may be after the reservations have already come back, so its own time would hide the wait
   */
  public static OrderLines placed(OrderCreated created, long acceptedAt, CategoryLookup categories) {
    List<OrderLines.Line> lines = new ArrayList<>();
    for (OrderLine line : created.getItems()) {
      ProductCategory category = categories.categoryOf(created.getTenantId(), line.getSku());
      lines.add(new OrderLines.Line(line.getSku(), line.getQuantity(), line.getUnitPrice().getAmount(),
          line.getVendorId(), category.category(), category.path()));
    }
    long stamped = created.getOccurredAt().toEpochMilli();
    long at = acceptedAt > 0 ? Math.min(acceptedAt, stamped) : stamped;
    return new OrderLines(created.getTenantId(), created.getOrderId(), created.getCustomerId(),
        created.getTotal().getCurrency(), at, null, lines, "CREATED", at);
  }

  /**
   * One fact per line for {@code event}, each line's amount its quantity times its unit price.
   *
   * @param confirmLatencyMillis set on CONFIRMED only
   */
  public static List<OrderLineFact> facts(OrderLines order, String eventId, String event, long at, String reason,
      Long confirmLatencyMillis) {
    List<Long> amounts = order.lines().stream().map(OrderLines.Line::amount).toList();
    return facts(order, eventId, event, at, reason, order.currency(), amounts, confirmLatencyMillis);
  }

  /** One REFUNDED fact per line, the refunded minor units allocated to the lines by their amounts. */
  public static List<OrderLineFact> refunded(OrderLines order, String eventId, long at, long refunded, String currency,
      String reason) {
    List<Long> weights = order.lines().stream().map(OrderLines.Line::amount).toList();
    return facts(order, eventId, "REFUNDED", at, reason, currency, allocate(refunded, weights), null);
  }

  private static List<OrderLineFact> facts(OrderLines order, String eventId, String event, long at, String reason,
      String currency, List<Long> amounts, Long confirmLatencyMillis) {
    List<OrderLineFact> facts = new ArrayList<>();
    Set<String> vendors = new HashSet<>();
    Set<String> categories = new HashSet<>();
    Map<String, Integer> seenSkus = new HashMap<>();
    for (int i = 0; i < order.lines().size(); i++) {
      OrderLines.Line line = order.lines().get(i);
      int repeat = seenSkus.merge(line.sku(), 1, Integer::sum);
      // a SKU on two lines of one order still gets two distinct, stable ids
      String factId = eventId + ":" + line.sku() + (repeat > 1 ? "#" + repeat : "");
      facts.add(new OrderLineFact(at, factId, order.tenantId(), event, reason, order.orderId(), order.customerId(),
          line.vendorId(), line.sku(), line.category(), line.categoryPath(), currency, line.quantity(),
          line.unitPrice(), amounts.get(i), 1, i == 0 ? 1 : 0, vendors.add(line.vendorId()) ? 1 : 0,
          categories.add(line.category()) ? 1 : 0, order.campaignId(), confirmLatencyMillis));
    }
    return facts;
  }

  /**
   * Splits {@code total} over the weights in proportion, by largest remainder: the parts add up to
   * {@code total} exactly, and equal remainders go to the earlier line, so the split is the same on
   * every replay. With no weight at all the total is split evenly.
   */
  public static List<Long> allocate(long total, List<Long> weights) {
    int n = weights.size();
    if (n == 0) {
      return List.of();
    }
    long sum = weights.stream().mapToLong(Long::longValue).sum();
    List<Long> effective = sum > 0 ? weights : weights.stream().map(w -> 1L).toList();
    java.math.BigInteger whole = java.math.BigInteger.valueOf(sum > 0 ? sum : n);
    long[] parts = new long[n];
    long[] remainders = new long[n];
    long given = 0;
    for (int i = 0; i < n; i++) {
      java.math.BigInteger[] divided = java.math.BigInteger.valueOf(total)
          .multiply(java.math.BigInteger.valueOf(effective.get(i))).divideAndRemainder(whole);
      parts[i] = divided[0].longValueExact();
      remainders[i] = divided[1].longValueExact();
      given += parts[i];
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    order.sort((a, b) -> remainders[a] != remainders[b] ? Long.compare(remainders[b], remainders[a]) : Integer.compare(a, b));
    for (int k = 0; given < total; k = (k + 1) % n) {
      parts[order.get(k)]++;
      given++;
    }
    List<Long> result = new ArrayList<>(n);
    for (long part : parts) {
      result.add(part);
    }
    return result;
  }
}
