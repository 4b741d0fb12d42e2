package io.fusioncommerce.topologies.fraud;

import io.fusioncommerce.schemas.common.Actor;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.common.PaymentKey;
import io.fusioncommerce.schemas.envelope.Cause;
import io.fusioncommerce.schemas.fraud.FraudCommand;
import io.fusioncommerce.schemas.fraud.RecordFailedPayment;
import io.fusioncommerce.schemas.fraud.RecordHeldOrderStatus;
import io.fusioncommerce.schemas.orders.OrderStatusChanged;
import io.fusioncommerce.schemas.payments.PaymentFailed;
import io.fusioncommerce.schemas.tenants.TenantKey;
import io.fusioncommerce.topologies.orders.OrderStatus;
import java.util.List;
import org.apache.kafka.streams.KeyValue;

/** Stateless relays onto the tenant's fraud partition: facts other topologies publish, as fraud commands. */
final class FraudRelays {

  private static final Actor SYSTEM = Actor.newBuilder().setSubject("fraud-topology").setRoles(List.of()).build();

  private FraudRelays() {}

  /** A failed payment counts against its customer and card. */
  static List<KeyValue<TenantKey, FraudCommand>> failedPayment(PaymentKey key, PaymentFailed failed) {
    if (failed == null) {
      return List.of();
    }
    Cause cause = Cause.of(failed, null, failed.getOccurredAt());
    return List.of(KeyValue.pair(new TenantKey(failed.getTenantId()), cause.command(new FraudCommand(),
        cause.derive("fraud-failed-payment"), SYSTEM,
        new RecordFailedPayment(failed.getOrderId(), failed.getPaymentId(), failed.getFailureCode()))));
  }

  /** An order entering or leaving HELD joins or leaves the tenant's review queue; other changes are not relayed. */
  static List<KeyValue<TenantKey, FraudCommand>> heldOrder(OrderKey key, OrderStatusChanged changed) {
    String held = OrderStatus.HELD.name();
    if (changed == null || !(held.equals(changed.getToStatus()) || held.equals(changed.getFromStatus()))) {
      return List.of();
    }
    Cause cause = Cause.of(changed, null, changed.getOccurredAt());
    return List.of(KeyValue.pair(new TenantKey(changed.getTenantId()), cause.command(new FraudCommand(),
        cause.derive("fraud-held-order"), SYSTEM, RecordHeldOrderStatus.newBuilder().setOrderId(changed.getOrderId())
            .setCustomerId(changed.getCustomerId()).setFromStatus(changed.getFromStatus())
            .setToStatus(changed.getToStatus()).setReason(changed.getReason()).setTotal(changed.getTotal()).build())));
  }
}
