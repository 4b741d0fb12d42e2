package io.fusioncommerce.topologies.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.orders.CancelOrder;
import io.fusioncommerce.schemas.orders.MarkOrderPaid;
import io.fusioncommerce.schemas.orders.OrderRisk;
import io.fusioncommerce.schemas.orders.OrderState;
import io.fusioncommerce.schemas.orders.PlaceOrder;
import io.fusioncommerce.schemas.orders.RequestedLine;
import io.fusioncommerce.schemas.orders.ReviewOrderRisk;
import io.fusioncommerce.topologies.orders.OrderEffect.TimerKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The order's rules with fraud scoring: reservations AND the risk settle an order that asked for it. */
class OrderRiskBookTest {

  private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
  private static final OrderBook.Policy POLICY = OrderBook.Policy.DEFAULTS;
  private static final OrderBook.Catalog CATALOG = (tenantId, sku) -> Optional.of(Product.newBuilder()
      .setTenantId("t1").setSku(sku).setVendorId("vendor-1").setName(sku).setPrice(new Money(2_500L, "EUR"))
      .setStatus("ACTIVE").setVersion(1).setUpdatedAt(NOW).build());

  @Test
  void an_order_that_asked_for_its_risk_waits_for_it_even_with_every_line_held() {
    OrderState held = reserved(placed(true)).next();

    assertThat(held.getStatus()).isEqualTo(OrderStatus.CREATED.name());
    OrderBook.Decision accepted = assessed(held, "ACCEPT");
    assertThat(accepted.next().getStatus()).isEqualTo(OrderStatus.CONFIRMED.name());
    assertThat(accepted.next().getRisk().getScore()).isEqualTo(0.1);
    assertThat(accepted.effects()).contains(new OrderEffect.StatusChanged(OrderStatus.CREATED, OrderStatus.CONFIRMED, null),
        new OrderEffect.Timer(NOW.plus(OrderBook.DEFAULT_HOLD), TimerKind.HOLD_EXPIRY));
  }

  @Test
  void the_risk_may_come_first_even_before_the_order() {
    OrderState early = assessed(null, "ACCEPT").next();
    assertThat(early.getPlaced()).isFalse();

    OrderState created = OrderBook.place(early, "t1", order(true), CATALOG, NOW, "corr", POLICY).next();
    assertThat(created.getStatus()).isEqualTo(OrderStatus.CREATED.name());
    assertThat(reserved(created).next().getStatus()).isEqualTo(OrderStatus.CONFIRMED.name());
  }

  @Test
  void an_order_placed_without_asking_for_its_risk_is_not_held_up() {
    assertThat(reserved(placed(false)).next().getStatus()).isEqualTo(OrderStatus.CONFIRMED.name());
  }

  @Test
  void review_holds_the_order_with_its_stock_reserved_and_the_hold_running() {
    OrderBook.Decision review = assessed(reserved(placed(true)).next(), "REVIEW");

    assertThat(review.next().getStatus()).isEqualTo(OrderStatus.HELD.name());
    assertThat(review.next().getLines()).allMatch(line -> "RESERVED".equals(line.getReservation()));
    assertThat(review.effects()).contains(new OrderEffect.Timer(NOW.plus(OrderBook.DEFAULT_HOLD), TimerKind.HOLD_EXPIRY))
        .noneMatch(effect -> effect instanceof OrderEffect.ReleaseStock);
  }

  @Test
  void reject_rejects_as_fraud_suspected_and_releases_the_stock() {
    OrderBook.Decision rejected = reserved(assessed(placed(true), "REJECT").next());

    assertThat(rejected.next().getStatus()).isEqualTo(OrderStatus.REJECTED.name());
    assertThat(rejected.next().getRejectionReason()).isEqualTo(OrderBook.Reasons.FRAUD_SUSPECTED);
    assertThat(rejected.effects()).contains(new OrderEffect.ReleaseStock("kettle", "ORDER_REJECTED"));
  }

  @Test
  void an_operator_approves_a_held_order_which_is_then_held_for_payment_afresh() {
    OrderState held = assessed(reserved(placed(true)).next(), "REVIEW").next();
    Instant later = NOW.plus(Duration.ofMinutes(10));

    OrderBook.Decision approved = OrderBook.riskReviewed(held, new ReviewOrderRisk("order-1", "APPROVE"), "op-1", later, POLICY);

    assertThat(approved.next().getStatus()).isEqualTo(OrderStatus.CONFIRMED.name());
    assertThat(approved.next().getHoldExpiresAt()).isEqualTo(later.plus(OrderBook.DEFAULT_HOLD));
    assertThat(approved.next().getRisk().getReviewDecision()).isEqualTo("APPROVE");
    assertThat(approved.next().getRisk().getReviewedBy()).isEqualTo("op-1");
    // and it can now be paid
    assertThat(OrderBook.paid(approved.next(), new MarkOrderPaid("order-1", "pay-1", new Money(2_500L, "EUR")), later)
        .next().getStatus()).isEqualTo(OrderStatus.PAID.name());
  }

  @Test
  void an_operator_rejects_a_held_order_and_its_stock_is_released() {
    OrderState held = assessed(reserved(placed(true)).next(), "REVIEW").next();

    OrderBook.Decision rejected = OrderBook.riskReviewed(held, new ReviewOrderRisk("order-1", "REJECT"), "op-1", NOW, POLICY);

    assertThat(rejected.next().getStatus()).isEqualTo(OrderStatus.REJECTED.name());
    assertThat(rejected.next().getRejectionReason()).isEqualTo(OrderBook.Reasons.FRAUD_SUSPECTED);
    assertThat(rejected.effects()).contains(new OrderEffect.ReleaseStock("kettle", "ORDER_REJECTED"),
        new OrderEffect.StatusChanged(OrderStatus.HELD, OrderStatus.REJECTED, OrderBook.Reasons.FRAUD_SUSPECTED));
  }

  @Test
  void a_review_of_an_order_that_is_not_held_is_refused_and_changes_nothing() {
    OrderState confirmed = assessed(reserved(placed(true)).next(), "ACCEPT").next();

    OrderBook.Decision refused = OrderBook.riskReviewed(confirmed, new ReviewOrderRisk("order-1", "APPROVE"), "op", NOW, POLICY);

    assertThat(refused.next()).isNull();
    assertThat(refused.effects()).singleElement().isInstanceOf(OrderEffect.Note.class);
  }

  @Test
  void a_held_order_is_never_paid_and_can_be_cancelled() {
    OrderState held = assessed(reserved(placed(true)).next(), "REVIEW").next();

    assertThat(OrderBook.paid(held, new MarkOrderPaid("order-1", "pay-1", new Money(2_500L, "EUR")), NOW).next()).isNull();
    OrderBook.Decision cancelled = OrderBook.cancel(held, new CancelOrder("order-1", "changed my mind"), NOW);
    assertThat(cancelled.next().getStatus()).isEqualTo(OrderStatus.CANCELLED.name());
    assertThat(cancelled.effects()).contains(new OrderEffect.ReleaseStock("kettle", "ORDER_CANCELLED"));
  }

  @Test
  void a_held_order_nobody_reviewed_gives_its_stock_back_when_the_hold_expires() {
    OrderState held = assessed(reserved(placed(true)).next(), "REVIEW").next();

    OrderBook.Decision expired = OrderBook.timerFired(held, TimerKind.HOLD_EXPIRY, NOW.plus(OrderBook.DEFAULT_HOLD));

    assertThat(expired.next().getStatus()).isEqualTo(OrderStatus.CANCELLED.name());
    assertThat(expired.next().getCancellationReason()).isEqualTo(OrderBook.Reasons.HOLD_EXPIRED);
    assertThat(expired.effects()).contains(new OrderEffect.ReleaseStock("kettle", "HOLD_EXPIRED"));
  }

  @Test
  void an_order_whose_risk_never_comes_is_rejected_for_that_reason() {
    OrderState held = reserved(placed(true)).next();

    OrderBook.Decision timedOut = OrderBook.timerFired(held, TimerKind.RESERVATION_TIMEOUT, NOW.plus(OrderBook.RESERVATION_TIMEOUT));

    assertThat(timedOut.next().getRejectionReason()).isEqualTo(OrderBook.Reasons.RISK_ASSESSMENT_TIMEOUT);
    assertThat(timedOut.effects()).contains(new OrderEffect.ReleaseStock("kettle", OrderBook.Reasons.RESERVATION_TIMEOUT));
  }

  @Test
  void a_repeated_assessment_changes_nothing() {
    OrderState confirmed = assessed(reserved(placed(true)).next(), "ACCEPT").next();

    assertThat(assessed(confirmed, "REJECT").next()).isNull();
  }

  private static OrderState placed(boolean riskRequested) {
    return OrderBook.place(null, "t1", order(riskRequested), CATALOG, NOW, "corr", POLICY).next();
  }

  private static PlaceOrder order(boolean riskRequested) {
    return PlaceOrder.newBuilder().setOrderId("order-1").setCustomerId("cust-1").setCurrency("EUR")
        .setLines(List.of(new RequestedLine("kettle", 1L))).setRequestHash("hash")
        .setRiskAssessmentRequested(riskRequested).build();
  }

  private static OrderBook.Decision reserved(OrderState current) {
    return OrderBook.reserved(current, "t1", "order-1", "kettle", Map.of("main", 1L), 100, NOW, "corr", POLICY);
  }

  private static OrderBook.Decision assessed(OrderState current, String decision) {
    return OrderBook.riskAssessed(current, "t1", "order-1", OrderRisk.newBuilder().setScore(0.1).setDecision(decision)
        .setReasons(List.of()).setAssessedAt(NOW).build(), NOW, "corr", POLICY);
  }
}
