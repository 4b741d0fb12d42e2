package io.fusioncommerce.ingress.returns;

import io.fusioncommerce.ingress.orders.OrderResponse.MoneyView;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.returns.ReturnLedger;
import io.fusioncommerce.schemas.returns.ReturnLine;
import io.fusioncommerce.schemas.returns.ReturnState;
import java.time.Instant;
import java.util.List;

/** {@code GET /v1/returns/{id}}: a return with its items, what they refund, and when each step happened. */
public record ReturnView(String returnId, String orderId, String customerId, String status, List<ItemView> items,
    MoneyView refundAmount, String reason, String rejectionReason, String refundFailure, String warehouse,
    Instant requestedAt, Instant approvedAt, Instant rejectedAt, Instant receivedAt, Instant refundedAt,
    Instant updatedAt, long version) {

  public record ItemView(String sku, long quantity, String vendorId, MoneyView refund) {}

  /**
   * Answer of {@code GET /v1/orders/{orderId}/returns}: the order as the return topology last saw it (it
   * follows the order within moments: a return is taken once orderStatus here is DELIVERED) and its returns.
   */
  public record ReturnList(String orderId, String orderStatus, Instant deliveredAt, List<ReturnView> items) {}

  static ReturnView of(ReturnLedger ledger, ReturnState state) {
    return new ReturnView(state.getReturnId(), ledger.getOrderId(), ledger.getCustomerId(), state.getStatus(),
        state.getItems().stream().map(ReturnView::item).toList(), money(state.getRefundAmount()), state.getReason(),
        state.getRejectionReason(), state.getRefundFailure(), state.getWarehouse(), state.getRequestedAt(),
        state.getApprovedAt(), state.getRejectedAt(), state.getReceivedAt(), state.getRefundedAt(),
        state.getUpdatedAt(), state.getVersion());
  }

  private static ItemView item(ReturnLine line) {
    return new ItemView(line.getSku(), line.getQuantity(), line.getVendorId(), money(line.getRefund()));
  }

  private static MoneyView money(Money money) {
    return new MoneyView(money.getAmount(), money.getCurrency());
  }
}
