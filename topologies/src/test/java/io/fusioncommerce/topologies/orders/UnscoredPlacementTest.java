package io.fusioncommerce.topologies.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.envelope.Cause;
import io.fusioncommerce.schemas.orders.OrderState;
import io.fusioncommerce.schemas.orders.PlaceOrder;
import io.fusioncommerce.schemas.orders.RequestedLine;
import io.fusioncommerce.topologies.fraud.RiskAssessment;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Placement with scoring switched off ({@code FUSION_FRAUD_SCORING=off}): the bypass an operator uses while
 * the fraud topology is down. The order must settle on its reservations alone, even though the fraud
 * topology beside it would hold every order.
 */
class UnscoredPlacementTest extends ShoesAndSocksSagaTest {

  @BeforeEach
  void stockAndAScorerThatHoldsEverything() {
    saga.withFraud((features, thresholds) -> new RiskAssessment(0.99, thresholds.decide(0.99), List.of("TEST")));
    saga.stock("acme", "SHOE", "main", 50);
  }

  @Test
  void anOrderPlacedWithoutAssessmentIsConfirmedOnItsReservationsAlone() {
    PlaceOrder place = PlaceOrder.newBuilder().setOrderId("o-1").setCustomerId("c1").setCurrency("USD")
        .setLines(List.of(new RequestedLine("SHOE", 2L))).setRequestHash("hash-o-1").build();
    OrderPlacement placement = OrderPlacement.of(
        Cause.ofRequest("acme", "corr-o-1", SagaHarness.CUSTOMER, saga.now(), null), SagaHarness.CUSTOMER, place, false);

    assertThat(placement.assessment()).isNull();
    saga.orderCommand(placement.order().key(), placement.order().command());
    placement.reservations().forEach(r -> saga.inventoryCommand(r.key(), r.command()));
    saga.relay();

    OrderState order = saga.order("acme", "o-1");
    assertThat(order.getStatus()).isEqualTo("CONFIRMED");
    assertThat(order.getRiskRequested()).isFalse();
    assertThat(order.getRisk()).isNull();
  }

  @Test
  void theSameOrderPlacedWithAssessmentIsHeldByThatScorer() {
    PlaceOrder place = PlaceOrder.newBuilder().setOrderId("o-2").setCustomerId("c1").setCurrency("USD")
        .setLines(List.of(new RequestedLine("SHOE", 2L))).setRequestHash("hash-o-2").build();
    OrderPlacement placement = OrderPlacement.of(
        Cause.ofRequest("acme", "corr-o-2", SagaHarness.CUSTOMER, saga.now(), null), SagaHarness.CUSTOMER, place, true);
    saga.orderCommand(placement.order().key(), placement.order().command());
    placement.reservations().forEach(r -> saga.inventoryCommand(r.key(), r.command()));
    saga.fraudCommand(placement.assessment().key(), placement.assessment().command());
    saga.relay();

    assertThat(saga.order("acme", "o-2").getStatus()).isEqualTo("REJECTED");
  }
}
