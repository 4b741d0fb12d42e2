package io.fusioncommerce.topologies.payments;

import io.fusioncommerce.schemas.common.Actor;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.common.PaymentKey;
import io.fusioncommerce.schemas.orders.OrderStatusChanged;
import io.fusioncommerce.schemas.payments.OpenPayment;
import io.fusioncommerce.schemas.payments.OrderCancelledForPayment;
import io.fusioncommerce.schemas.payments.PaymentCommand;
import io.fusioncommerce.schemas.envelope.EventIds;
import java.util.List;
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
    Object command = null;
    if ("CONFIRMED".equals(changed.getToStatus()) && changed.getTotal() != null && changed.getTotal().getAmount() > 0) {
      command = new OpenPayment(paymentId, changed.getOrderId(), changed.getCustomerId(), changed.getTotal());
    } else if ("CANCELLED".equals(changed.getToStatus())
        && ("CONFIRMED".equals(changed.getFromStatus()) || "PAID".equals(changed.getFromStatus()))) {
      command = new OrderCancelledForPayment(paymentId, changed.getOrderId(), changed.getFromStatus(), changed.getReason());
    }
    if (command == null) {
      return List.of();
    }
    PaymentCommand payment = PaymentCommand.newBuilder()
        .setCommandId(EventIds.derive(changed.getEventId(), "payment")).setTenantId(changed.getTenantId())
        .setIssuedAt(changed.getOccurredAt()).setCorrelationId(changed.getCorrelationId())
        .setCausationId(changed.getEventId()).setIssuedBy(SYSTEM).setCommand(command).build();
    return List.of(KeyValue.pair(new PaymentKey(changed.getTenantId(), paymentId), payment));
  }
}
