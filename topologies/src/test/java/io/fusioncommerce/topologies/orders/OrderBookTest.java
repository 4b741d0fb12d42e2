package io.fusioncommerce.topologies.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.orders.CancelOrder;
import io.fusioncommerce.schemas.orders.MarkOrderPaid;
import io.fusioncommerce.schemas.orders.OrderState;
import io.fusioncommerce.schemas.orders.PlaceOrder;
import io.fusioncommerce.schemas.orders.RequestedLine;
import io.fusioncommerce.topologies.orders.OrderEffect.TimerKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The order's rules: order + what arrived → the order after it and what it causes. */
class OrderBookTest {

  private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
  private static final OrderBook.Catalog CATALOG = (tenantId, sku) -> switch (sku) {
    case "kettle" -> Optional.of(product(sku, "ACTIVE", 2_500));
    case "toaster" -> Optional.of(product(sku, "ACTIVE", 4_000));
    case "draft" -> Optional.of(product(sku, "PENDING", 100));
    default -> Optional.empty();
  };

  @Test
  void a_placed_order_is_created_priced_from_the_catalog_and_waits_for_its_reservations() {
    OrderBook.Decision decision = place(line("kettle", 2), line("toaster", 1));

    assertThat(decision.next().getStatus()).isEqualTo(OrderStatus.CREATED.name());
    assertThat(decision.next().getTotal()).isEqualTo(new Money(9_000L, "EUR"));
    assertThat(decision.effects()).contains(new OrderEffect.Created(),
        new OrderEffect.StatusChanged(null, OrderStatus.CREATED, null),
        new OrderEffect.Timer(NOW.plus(OrderBook.RESERVATION_TIMEOUT), TimerKind.RESERVATION_TIMEOUT));
  }

  @Test
  void an_order_of_a_product_that_cannot_be_sold_is_rejected() {
    assertThat(place(line("draft", 1)).next().getRejectionReason()).isEqualTo(OrderBook.Reasons.UNKNOWN_SKU);
    assertThat(place(line("nothing", 1)).next().getStatus()).isEqualTo(OrderStatus.REJECTED.name());
  }

  @Test
  void the_order_is_confirmed_when_every_sku_is_held() {
    OrderState created = place(line("kettle", 2), line("toaster", 1)).next();

    OrderBook.Decision one = reserved(created, "kettle");
    OrderBook.Decision both = reserved(one.next(), "toaster");

    assertThat(one.next().getStatus()).isEqualTo(OrderStatus.CREATED.name());
    assertThat(both.next().getStatus()).isEqualTo(OrderStatus.CONFIRMED.name());
    assertThat(both.effects()).contains(new OrderEffect.StatusChanged(OrderStatus.CREATED, OrderStatus.CONFIRMED, null),
        new OrderEffect.Timer(NOW.plus(OrderBook.DEFAULT_HOLD), TimerKind.HOLD_EXPIRY));
  }

  @Test
  void the_order_is_rejected_and_what_was_held_released_when_a_sku_is_refused() {
    OrderState created = place(line("kettle", 2), line("toaster", 1)).next();

    OrderBook.Decision decision = OrderBook.insufficient(reserved(created, "kettle").next(), "t1", "order-1", "toaster",
        null, NOW, "corr-1", OrderBook.Policy.DEFAULTS);

    assertThat(decision.next().getStatus()).isEqualTo(OrderStatus.REJECTED.name());
    assertThat(decision.next().getRejectionReason()).isEqualTo(OrderBook.Reasons.INSUFFICIENT_STOCK);
    assertThat(decision.effects()).contains(new OrderEffect.ReleaseStock("kettle", "ORDER_REJECTED"));
  }

  @Test
  void a_result_that_overtakes_the_order_is_kept_until_the_order_arrives() {
    OrderBook.Decision early = reserved(null, "kettle");

    assertThat(early.next().getPlaced()).isFalse();
    assertThat(early.next().getStatus()).isEqualTo(OrderStatus.PENDING.name());
    OrderBook.Decision placed = OrderBook.place(early.next(), "t1", order(line("kettle", 1)), CATALOG, NOW, "corr-1",
        OrderBook.Policy.DEFAULTS);
    assertThat(placed.next().getStatus()).isEqualTo(OrderStatus.CONFIRMED.name());
  }

  @Test
  void a_repeated_result_changes_nothing() {
    OrderState created = place(line("kettle", 2), line("toaster", 1)).next();
    OrderState once = reserved(created, "kettle").next();

    assertThat(reserved(once, "kettle")).isEqualTo(new OrderBook.Decision(null, List.of()));
  }

  @Test
  void a_cancelled_order_releases_its_stock_and_a_closed_one_cannot_be_cancelled() {
    OrderState confirmed = reserved(place(line("kettle", 1)).next(), "kettle").next();

    OrderBook.Decision cancelled = OrderBook.cancel(confirmed, new CancelOrder("order-1", "changed my mind"), NOW);

    assertThat(cancelled.next().getStatus()).isEqualTo(OrderStatus.CANCELLED.name());
    assertThat(cancelled.effects()).contains(new OrderEffect.ReleaseStock("kettle", "ORDER_CANCELLED"));
    assertThat(OrderBook.cancel(cancelled.next(), new CancelOrder("order-1", "again"), NOW).next()).isNull();
  }

  @Test
  void only_a_confirmed_order_can_be_paid() {
    OrderState created = place(line("kettle", 1), line("toaster", 1)).next();
    OrderState confirmed = reserved(place(line("kettle", 1)).next(), "kettle").next();
    MarkOrderPaid paid = new MarkOrderPaid("order-1", "pay-1", new Money(2_500L, "EUR"));

    assertThat(OrderBook.paid(created, paid, NOW).next()).isNull();
    assertThat(OrderBook.paid(confirmed, paid, NOW).next().getStatus()).isEqualTo(OrderStatus.PAID.name());
  }

  @Test
  void an_unpaid_hold_expires_and_gives_the_stock_back() {
    OrderState confirmed = reserved(place(line("kettle", 1)).next(), "kettle").next();

    OrderBook.Decision early = OrderBook.timerFired(confirmed, TimerKind.HOLD_EXPIRY, NOW.plus(Duration.ofMinutes(1)));
    OrderBook.Decision due = OrderBook.timerFired(confirmed, TimerKind.HOLD_EXPIRY, NOW.plus(OrderBook.DEFAULT_HOLD));

    assertThat(early.next()).isNull();
    assertThat(due.next().getStatus()).isEqualTo(OrderStatus.CANCELLED.name());
    assertThat(due.effects()).contains(new OrderEffect.ReleaseStock("kettle", OrderBook.Reasons.HOLD_EXPIRED));
  }

  @Test
  void an_order_whose_answers_do_not_come_in_time_is_rejected() {
    OrderState created = place(line("kettle", 1)).next();

    OrderBook.Decision decision = OrderBook.timerFired(created, TimerKind.RESERVATION_TIMEOUT,
        NOW.plus(OrderBook.RESERVATION_TIMEOUT));

    assertThat(decision.next().getRejectionReason()).isEqualTo(OrderBook.Reasons.RESERVATION_TIMEOUT);
    assertThat(decision.effects()).contains(new OrderEffect.ReleaseStock("kettle", OrderBook.Reasons.RESERVATION_TIMEOUT));
  }

  private static OrderBook.Decision place(RequestedLine... lines) {
    return OrderBook.place(null, "t1", order(lines), CATALOG, NOW, "corr-1", OrderBook.Policy.DEFAULTS);
  }

  private static OrderBook.Decision reserved(OrderState current, String sku) {
    return OrderBook.reserved(current, "t1", "order-1", sku, Map.of("berlin", 1L), 100, NOW, "corr-1",
        OrderBook.Policy.DEFAULTS);
  }

  private static PlaceOrder order(RequestedLine... lines) {
    return PlaceOrder.newBuilder().setOrderId("order-1").setCustomerId("cust-1").setCurrency("EUR")
        .setLines(List.of(lines)).setRequestHash("hash").build();
  }

  private static RequestedLine line(String sku, long quantity) {
    return new RequestedLine(sku, quantity);
  }

  private static Product product(String sku, String status, long price) {
    return Product.newBuilder().setTenantId("t1").setSku(sku).setVendorId("vendor-1").setName(sku)
        .setPrice(new Money(price, "EUR")).setStatus(status).setOptions(Map.of()).setVersion(1).setUpdatedAt(NOW)
        .build();
  }
}
