package io.fusioncommerce.ingress.orders;

import io.fusioncommerce.ingress.orders.OrderResponse.MoneyView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Answer of {@code GET /v1/orders}: one page of orders, newest first, and the cursor of the next
 * page ({@code null} on the last one). Rows come from the Postgres read model, which follows the
 * order topology within moments; {@code GET /v1/orders/{orderId}} is the order itself.
 */
public record OrderListResponse(List<Summary> items, String next) {

  /**
   * One order of the list. A vendor sees its own part of the order: {@code total} and
   * {@code itemCount} are then its lines', {@code vendorIds} is itself and {@code customerId} is not shown.
   */
  public record Summary(String orderId, String customerId, String status, MoneyView total, int itemCount,
      List<String> vendorIds, String organizationId, String purchaseOrderNumber, String rejectionReason,
      Instant createdAt, Instant updatedAt, long version) {}

  static OrderListResponse of(OrderListQuery.Page page, OrderListQuery.Scope scope, OrderListQuery.Filter filter) {
    List<Summary> items = page.rows().stream().map(row -> summary(row, scope.vendor())).toList();
    return new OrderListResponse(items, page.next().map(next -> OrderListParameters.encode(next, filter)).orElse(null));
  }

  private static Summary summary(OrderListQuery.Row row, Optional<String> vendor) {
    MoneyView total = new MoneyView(row.totalAmount(), row.currency());
    int itemCount = row.itemCount();
    List<String> vendorIds = row.vendors();
    int part = vendor.map(row.vendors()::indexOf).orElse(-1);
    if (!row.whole() && part >= 0) {
      total = new MoneyView(at(row.vendorSubtotals(), part), row.currency());
      itemCount = (int) Math.min(Integer.MAX_VALUE, at(row.vendorItemCounts(), part));
      vendorIds = List.of(vendor.get());
    }
    return new Summary(row.orderId(), row.whole() ? row.customerId() : null, row.status(), total, itemCount, vendorIds,
        row.organizationId(), row.purchaseOrderNumber(), row.rejectionReason(), OrderListParameters.utc(row.createdAt()),
        OrderListParameters.utc(row.updatedAt()), row.version());
  }

  private static long at(List<Long> values, int index) {
    return index < values.size() ? values.get(index) : 0;
  }
}
