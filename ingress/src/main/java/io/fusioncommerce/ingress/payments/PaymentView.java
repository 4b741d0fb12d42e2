package io.fusioncommerce.ingress.payments;

import io.fusioncommerce.ingress.orders.OrderResponse.MoneyView;
import io.fusioncommerce.schemas.payments.PaymentRefund;
import io.fusioncommerce.schemas.payments.PaymentState;
import io.fusioncommerce.topologies.payments.PaymentBook;
import java.time.Instant;
import java.util.List;

/** Answer of {@code GET /v1/payments/{paymentId}}. */
public record PaymentView(
    String paymentId,
    String orderId,
    String customerId,
    String status,
    MoneyView amount,
    String provider,
    String clientSecret,
    String paymentMethod,
    String methodType,
    String failureCode,
    String failureMessage,
    int attempts,
    MoneyView captured,
    MoneyView refunded,
    MoneyView refundable,
    List<Refund> refunds,
    Instant createdAt,
    Instant updatedAt,
    long version) {

  public record Refund(String refundId, MoneyView amount, String status, boolean toWallet, String reason,
      String failureCode, Instant requestedAt) {}

  /**
   * @param withClientSecret whether the caller is the paying customer: the client secret completes the
   *     payment with the provider, so nobody else (staff, analysts) is shown it
   */
  static PaymentView of(PaymentState state, boolean withClientSecret) {
    String currency = state.getAmount().getCurrency();
    List<Refund> refunds = state.getRefunds().stream().map(PaymentView::refund).toList();
    return new PaymentView(state.getPaymentId(), state.getOrderId(), state.getCustomerId(), state.getStatus(),
        MoneyView.of(state.getAmount()), state.getProvider(), withClientSecret ? state.getClientSecret() : null, state.getPaymentMethod(),
        state.getMethodType(), state.getFailureCode(), state.getFailureMessage(), state.getAttempts(),
        new MoneyView(state.getCapturedAmount(), currency), new MoneyView(state.getRefundedAmount(), currency),
        new MoneyView(Math.max(0, PaymentBook.refundable(state)), currency), refunds, state.getCreatedAt(),
        state.getUpdatedAt(), state.getVersion());
  }

  private static Refund refund(PaymentRefund refund) {
    return new Refund(refund.getRefundId(), MoneyView.of(refund.getAmount()), refund.getStatus(), refund.getToWallet(),
        refund.getReason(), refund.getFailureCode(), refund.getRequestedAt());
  }
}
