package io.fusioncommerce.ingress.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.orders.OrderRoutes.HistoryItem;
import io.fusioncommerce.schemas.orders.OrderHistoryEntry;
import io.fusioncommerce.schemas.orders.OrderShipment;
import io.fusioncommerce.schemas.orders.OrderState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The audit trail of an order with two vendors' lines (SHOE of v1, SOCK of v2), as each caller sees it.
 * The entries' types and details are the ones the order topology writes (OrderProcessor).
 */
class OrderHistoryViewTest {

  static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

  static OrderState order() {
    return OrderState.newBuilder(OrderResponsePaymentTest.order(null))
        .setShipments(List.of(
            OrderShipment.newBuilder().setShipmentId("shp-1").setVendorId("v1").setStatus("IN_TRANSIT").build(),
            OrderShipment.newBuilder().setShipmentId("shp-2").setVendorId("v2").setStatus("IN_TRANSIT").build()))
        .build();
  }

  static OrderHistoryEntry entry(String type, String detail, String actor) {
    return OrderHistoryEntry.newBuilder().setEventId("e-" + type + "-" + detail).setType(type).setOccurredAt(T)
        .setStatus("CONFIRMED").setDetail(detail).setCausationId("c").setActor(actor).build();
  }

  static final List<OrderHistoryEntry> ENTRIES = List.of(
      entry("PlaceOrder", null, "alice"),
      entry("StatusChanged", "CREATED", "alice"),
      entry("StockReserved", "SHOE x1 from {main=1}", null),
      entry("StockReserved", "SOCK x1 from {main=1}", null),
      entry("StockInsufficient", "SOCK: 3 asked, 1 available", null),
      entry("StockReleaseRequested", "SOCK (ORDER_CANCELLED)", "alice"),
      entry("StatusChanged", "CREATED -> CONFIRMED", null),
      entry("PaymentUpdated", "pay-o1 SUCCEEDED", "payment-worker"),
      entry("RecordShipmentProgress", "shp-1 IN_TRANSIT", "seller-v1"),
      entry("RecordShipmentProgress", "shp-2 IN_TRANSIT", "seller-v2"),
      entry("SomethingNew", "SHOE whatever", null));

  static Principal vendor(String vendor) {
    return new Principal("seller-" + vendor, "acme", Set.of(Role.VENDOR), Optional.of(vendor), Optional.empty());
  }

  @Test
  void theBuyerAndStaffSeeEveryEntry() {
    Principal alice = new Principal("alice", "acme", Set.of(Role.CUSTOMER), Optional.empty(), Optional.empty());
    Principal analyst = new Principal("an-1", "acme", Set.of(Role.ANALYST), Optional.empty(), Optional.empty());
    assertThat(OrderHistoryView.visible(alice, order(), ENTRIES)).hasSize(ENTRIES.size());
    assertThat(OrderHistoryView.visible(analyst, order(), ENTRIES)).hasSize(ENTRIES.size())
        .extracting(HistoryItem::actor).contains("alice");
  }

  @Test
  void aVendorSeesTheOrdersLifecycleAndItsOwnLinesAndShipmentsNeverTheBuyerOrAnotherVendor() {
    List<HistoryItem> seen = OrderHistoryView.visible(vendor("v1"), order(), ENTRIES);

    assertThat(seen).extracting(HistoryItem::type).containsExactly("PlaceOrder", "StatusChanged", "StockReserved",
        "StatusChanged", "PaymentUpdated", "RecordShipmentProgress");
    assertThat(seen).extracting(HistoryItem::detail).noneMatch(d -> d != null && (d.contains("SOCK") || d.contains("shp-2")));
    assertThat(seen).extracting(HistoryItem::actor).containsOnly(null, "seller-v1").doesNotContain("alice");
    assertThat(seen).filteredOn(i -> "RecordShipmentProgress".equals(i.type())).extracting(HistoryItem::actor)
        .containsExactly("seller-v1");

    List<HistoryItem> other = OrderHistoryView.visible(vendor("v2"), order(), ENTRIES);
    assertThat(other).extracting(HistoryItem::detail).contains("SOCK x1 from {main=1}", "SOCK: 3 asked, 1 available",
        "shp-2 IN_TRANSIT").noneMatch(d -> d != null && (d.contains("SHOE") || d.contains("shp-1")));
  }

  @Test
  void aVendorWithoutALineInTheOrderIsToldItDoesNotExist() {
    assertThatThrownBy(() -> OrderHistoryView.visible(vendor("v-hats"), order(), ENTRIES))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
  }
}
