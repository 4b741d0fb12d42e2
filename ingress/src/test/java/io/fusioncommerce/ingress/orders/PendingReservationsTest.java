package io.fusioncommerce.ingress.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.orders.OrderState;
import io.fusioncommerce.schemas.orders.OrderStateLine;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A retried order whose first attempt died between writing the order and its reservations writes the
 * reservations again: which lines, and only while the order still waits for them.
 */
class PendingReservationsTest {

  private static OrderState order(String status, String shoe, String sock) {
    Instant now = Instant.parse("2026-12-01T10:00:00Z");
    return OrderState.newBuilder().setTenantId("acme").setOrderId("o1").setPlaced(true).setCustomerId("alice")
        .setCurrency("USD").setStatus(status).setTotal(new Money(5999L, "USD"))
        .setLines(List.of(
            OrderStateLine.newBuilder().setSku("SHOE").setQuantity(2).setReservation(shoe).build(),
            OrderStateLine.newBuilder().setSku("SOCK").setQuantity(3).setReservation(sock).build()))
        .setCreatedAt(now).setUpdatedAt(now).setCorrelationId("c").setVersion(1).build();
  }

  @Test
  void aCreatedOrderWithoutAnswersHasEveryLinePending() {
    assertThat(OrderRoutes.pendingReservations(order("CREATED", "PENDING", "PENDING")))
        .containsExactly(Map.entry("SHOE", 2L), Map.entry("SOCK", 3L));
  }

  @Test
  void onlyTheLinesNoAnswerReachedAreWrittenAgain() {
    assertThat(OrderRoutes.pendingReservations(order("CREATED", "RESERVED", "PENDING")))
        .containsExactly(Map.entry("SOCK", 3L));
  }

  @Test
  void aSettledOrderWritesNothingAgain() {
    assertThat(OrderRoutes.pendingReservations(order("CONFIRMED", "RESERVED", "RESERVED"))).isEmpty();
    assertThat(OrderRoutes.pendingReservations(order("REJECTED", "RELEASED", "PENDING"))).isEmpty();
  }
}
