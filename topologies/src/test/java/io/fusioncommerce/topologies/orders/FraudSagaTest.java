package io.fusioncommerce.topologies.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.Actor;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.envelope.Cause;
import io.fusioncommerce.schemas.orders.OrderCommand;
import io.fusioncommerce.schemas.orders.OrderState;
import io.fusioncommerce.schemas.orders.OrderStatusChanged;
import io.fusioncommerce.schemas.orders.PlaceOrder;
import io.fusioncommerce.schemas.orders.RequestedLine;
import io.fusioncommerce.schemas.orders.ReviewOrderRisk;
import io.fusioncommerce.topologies.fraud.RiskAssessment;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The order saga with the fraud topology beside it, in TopologyTestDrivers: orders placed as the ingress
 * places them (OrderPlacement: the order, its reservations and its AssessOrderRisk), settled by the risk
 * the scorer gives.
 */
class FraudSagaTest extends ShoesAndSocksSagaTest {

  private static final Actor OPERATOR = Actor.newBuilder().setSubject("op-1").setRoles(List.of("operator")).build();
  /** The score the scorer gives the next orders (default thresholds: review from 0.5, reject from 0.85). */
  private double score = 0.1;

  @BeforeEach
  void stockAndFraud() {
    saga.withFraud((features, thresholds) -> new RiskAssessment(score, thresholds.decide(score), List.of("TEST")));
    saga.stock("acme", "SHOE", "main", 50);
  }

  @Test
  void anAcceptedOrderIsConfirmedAndShowsItsRisk() {
    place("o-1");

    OrderState order = saga.order("acme", "o-1");
    assertThat(order.getStatus()).isEqualTo("CONFIRMED");
    assertThat(order.getRisk().getDecision()).isEqualTo("ACCEPT");
    assertThat(order.getRisk().getReasons()).containsExactly("TEST");
    assertThat(statuses()).containsExactly("CREATED", "CONFIRMED");
  }

  @Test
  void aReviewHoldsTheOrderWithItsStockUntilAnOperatorApprovesIt() {
    score = 0.6;
    place("o-1");

    assertThat(saga.status("acme", "o-1")).isEqualTo("HELD");
    assertThat(saga.reserved("acme", "SHOE")).isEqualTo(2);
    review("o-1", "APPROVE");

    assertThat(saga.status("acme", "o-1")).isEqualTo("CONFIRMED");
    assertThat(saga.order("acme", "o-1").getRisk().getReviewedBy()).isEqualTo("op-1");
    assertThat(statuses()).containsExactly("CREATED", "HELD", "CONFIRMED");
  }

  @Test
  void anOperatorRejectsAHeldOrderAndItsStockComesBack() {
    score = 0.6;
    place("o-1");
    review("o-1", "REJECT");

    assertThat(saga.order("acme", "o-1").getRejectionReason()).isEqualTo("FRAUD_SUSPECTED");
    assertThat(saga.stockOf("acme", "SHOE")).isEqualTo(new SagaHarness.Stock(50, 0));
  }

  @Test
  void aRejectedScoreRejectsTheOrderAsFraudSuspectedAndReleasesItsStock() {
    score = 0.9;
    place("o-1");

    assertThat(saga.status("acme", "o-1")).isEqualTo("REJECTED");
    assertThat(saga.order("acme", "o-1").getRejectionReason()).isEqualTo("FRAUD_SUSPECTED");
    assertThat(saga.stockOf("acme", "SHOE")).isEqualTo(new SagaHarness.Stock(50, 0));
  }

  @Test
  void aHeldOrderNobodyReviewsIsCancelledWhenItsHoldExpires() {
    saga.holdSeconds("acme", 600);
    score = 0.6;
    place("o-1");

    saga.advance(Duration.ofSeconds(601));

    assertThat(saga.status("acme", "o-1")).isEqualTo("CANCELLED");
    assertThat(saga.order("acme", "o-1").getCancellationReason()).isEqualTo("HOLD_EXPIRED");
    assertThat(saga.stockOf("acme", "SHOE")).isEqualTo(new SagaHarness.Stock(50, 0));
  }

  @Test
  void aReviewOfAnOrderThatIsNotHeldChangesNothing() {
    place("o-1");
    review("o-1", "REJECT");

    assertThat(saga.status("acme", "o-1")).isEqualTo("CONFIRMED");
    assertThat(saga.history("acme", "o-1")).extracting(e -> e.getType()).contains("RiskReviewRefused");
  }

  /** Places a 2-shoe order as the ingress does: every command of the placement, each to its own topic. */
  private void place(String orderId) {
    PlaceOrder place = PlaceOrder.newBuilder().setOrderId(orderId).setCustomerId("c1").setCurrency("USD")
        .setLines(List.of(new RequestedLine("SHOE", 2L))).setRequestHash("hash-" + orderId)
        .setClientAddress("192.0.2.1").setPaymentFingerprint("card-1").build();
    Cause cause = Cause.ofRequest("acme", "corr-" + orderId, SagaHarness.CUSTOMER, saga.now(), null);
    OrderPlacement placement = OrderPlacement.of(cause, SagaHarness.CUSTOMER, place);
    saga.orderCommand(placement.order().key(), placement.order().command());
    placement.reservations().forEach(r -> saga.inventoryCommand(r.key(), r.command()));
    saga.fraudCommand(placement.assessment().key(), placement.assessment().command());
    saga.relay();
  }

  private void review(String orderId, String decision) {
    OrderCommand command = Cause.ofRequest("acme", "corr-review", OPERATOR, saga.now(), null).command(new OrderCommand(),
        UUID.randomUUID().toString(), OPERATOR, new ReviewOrderRisk(orderId, decision));
    saga.command("acme", orderId, command);
  }

  private List<String> statuses() {
    return saga.drainStatusChanges().stream().map(r -> r.value()).map(OrderStatusChanged::getToStatus).toList();
  }
}
