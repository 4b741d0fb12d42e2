package io.fusioncommerce.topologies.returns;

import io.fusioncommerce.schemas.common.Actor;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.common.PaymentKey;
import io.fusioncommerce.schemas.envelope.Cause;
import io.fusioncommerce.schemas.payments.PaymentRefundRefused;
import io.fusioncommerce.schemas.payments.PaymentRefunded;
import io.fusioncommerce.schemas.returns.RecordReturnRefund;
import io.fusioncommerce.schemas.returns.ReturnCommand;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.KeyValue;

/**
 * The payment topology's answer to a return's refund, re-keyed from the payment to the order, so it reaches
 * the partition that keeps the return. Only refunds whose id is a return id of that very order are
 * relayed (every other refund is none of the returns' business). Command ids derive from the event's id,
 * so a replayed event is the same command. Stateless: DSL relays (see ReturnTopology).
 */
final class ReturnRefundRelay {

  static final Actor SYSTEM = Actor.newBuilder().setSubject("return-topology").setRoles(List.of()).build();

  private ReturnRefundRelay() {}

  static List<KeyValue<OrderKey, ReturnCommand>> refunded(PaymentKey key, PaymentRefunded refunded) {
    if (refunded == null) {
      return List.of();
    }
    return outcome(refunded, refunded.getEventId(), refunded.getOccurredAt(), refunded.getOrderId(),
        refunded.getRefundId(), true, refunded.getAmount(), null);
  }

  static List<KeyValue<OrderKey, ReturnCommand>> refused(PaymentKey key, PaymentRefundRefused refused) {
    if (refused == null) {
      return List.of();
    }
    return outcome(refused, refused.getEventId(), refused.getOccurredAt(), refused.getOrderId(),
        refused.getRefundId(), false, refused.getAmount(), refused.getReason());
  }

  private static List<KeyValue<OrderKey, ReturnCommand>> outcome(org.apache.avro.specific.SpecificRecord event,
      String eventId, Instant at, String orderId, String refundId, boolean succeeded, Money amount, String reason) {
    if (!ReturnIds.orderOf(refundId).filter(orderId::equals).isPresent()) {
      return List.of();
    }
    Cause cause = Cause.of(event, null, at);
    String tenantId = cause.tenantId();
    ReturnCommand command = cause.command(new ReturnCommand(), cause.derive("return-refund"), SYSTEM,
        new RecordReturnRefund(refundId, orderId, refundId, succeeded, amount, reason));
    return List.of(KeyValue.pair(new OrderKey(tenantId, orderId), command));
  }
}
