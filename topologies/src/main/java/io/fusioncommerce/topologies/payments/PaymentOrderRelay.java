package io.fusioncommerce.topologies.payments;

import io.fusioncommerce.schemas.common.Actor;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.common.PaymentKey;
import io.fusioncommerce.schemas.orders.OrderStatusChanged;
import io.fusioncommerce.schemas.payments.OpenPayment;
import io.fusioncommerce.schemas.payments.OrderCancelledForPayment;
import io.fusioncommerce.schemas.payments.PaymentCommand;
import io.fusioncommerce.schemas.envelope.Cause;
import io.fusioncommerce.topologies.orders.OrderStatus;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;

/**
 * Turns the order lifecycle into payment commands, re-keyed by payment so they reach the partition
 * that owns the payment: CONFIRMED opens the payment for the order's total; CANCELLED from CONFIRMED
 * or PAID closes it (and refunds what was paid). Command ids are derived from the order event's id,
 * so a replayed event is the same command. Stateless: a DSL relay (see PaymentTopology).
 */
final class PaymentOrderRelay {

  static final Actor SYSTEM = Actor.newBuilder().setSubject("payment-topology").setRoles(List.of()).build();

  private PaymentOrderRelay() {}

  /** The payment command an order status change asks for: none, or one. */
  static List<KeyValue<PaymentKey, PaymentCommand>> commands(OrderKey key, OrderStatusChanged changed) {
    if (changed == null) {
      return List.of();
    }
    String paymentId = PaymentIds.forOrder(changed.getOrderId());
    OrderStatus to = OrderStatus.valueOf(changed.getToStatus());
    OrderStatus from = changed.getFromStatus() == null ? null : OrderStatus.valueOf(changed.getFromStatus());
    SpecificRecord command = null;
    if (to == OrderStatus.CONFIRMED && changed.getTotal() != null && changed.getTotal().getAmount() > 0) {
      command = new OpenPayment(paymentId, changed.getOrderId(), changed.getCustomerId(), changed.getTotal());
    } else if (to == OrderStatus.CANCELLED && (from == OrderStatus.CONFIRMED || from == OrderStatus.PAID)) {
      command = new OrderCancelledForPayment(paymentId, changed.getOrderId(), changed.getFromStatus(), changed.getReason());
    }
    if (command == null) {
      return List.of();
    }
    // the DSL carries the record's headers on by itself, so the cause needs none of its own
    Cause cause = Cause.of(changed, null, changed.getOccurredAt());
    PaymentCommand payment = cause.command(new PaymentCommand(), cause.derive("payment"), SYSTEM, command);
    return List.of(KeyValue.pair(new PaymentKey(changed.getTenantId(), paymentId), payment));
  }
}
