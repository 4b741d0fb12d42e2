package io.fusioncommerce.topologies.orders;

import io.fusioncommerce.schemas.Topics;
import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.orders.OrderCommand;
import io.fusioncommerce.schemas.orders.OrderCreated;
import io.fusioncommerce.schemas.orders.OrderHistoryEntry;
import io.fusioncommerce.schemas.orders.OrderState;
import io.fusioncommerce.schemas.orders.OrderStatusChanged;
import io.fusioncommerce.schemas.orders.OrderView;
import io.fusioncommerce.schemas.orders.MarkOrderPaid;
import io.fusioncommerce.schemas.orders.PlaceOrder;
import io.fusioncommerce.schemas.orders.RequestedLine;
import io.fusioncommerce.schemas.common.OrderKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.fusioncommerce.topologies.inventory.StockLimits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderSagaTest extends ShoesAndSocksSagaTest {

  @BeforeEach
  void stock() {
    saga.product("acme", "HAT", 1500, "USD", "v-hats", "PENDING");
    saga.stock("acme", "SHOE", "main", 10);
    saga.stock("acme", "SOCK", "main", 3);
    saga.stock("acme", "SOCK", "east", 2);
  }

  private static Map<String, Long> lines(Object... skuAndQuantity) {
    Map<String, Long> lines = new LinkedHashMap<>();
    for (int i = 0; i < skuAndQuantity.length; i += 2) {
      lines.put((String) skuAndQuantity[i], ((Number) skuAndQuantity[i + 1]).longValue());
    }
    return lines;
  }

  @Test
  void anOrderIsPricedFromTheCatalogAndConfirmedWhenEveryLineIsHeld() {
    saga.place("acme", "o-1", "USD", lines("SHOE", 2, "SOCK", 4));

    OrderState order = saga.order("acme", "o-1");
    assertThat(order.getStatus()).isEqualTo("CONFIRMED");
    assertThat(order.getTotal()).isEqualTo(new Money(2 * 5999L + 4 * 499L, "USD"));
    assertThat(order.getLines()).extracting(l -> l.getVendorId()).containsExactly("v-shoes", "v-socks");
    // fewer than 10 units of each are left: scarce stock is held for the shorter time (see StockLimitsTest)
    assertThat(order.getHoldExpiresAt()).isEqualTo(SagaHarness.T0.plus(StockLimits.DEFAULT_SCARCE_HOLD));
    // SOCK needs 4: the fuller warehouse first, then the other
    assertThat(order.getLines().get(1).getAllocations()).containsEntry("main", 3L).containsEntry("east", 1L);

    OrderCreated created = saga.orderTopics.output(Topics.ORDER_CREATED).readValue();
    assertThat(created.getItems()).extracting(i -> i.getUnitPrice().getAmount()).containsExactly(5999L, 499L);
    assertThat(created.getTotal().getAmount()).isEqualTo(13994L);
    assertThat(saga.orderTopics.output(Topics.ORDER_STATUS_CHANGED).readValuesToList())
        .extracting(OrderStatusChanged::getToStatus)
        .containsExactly("CREATED", "CONFIRMED");
    assertThat(saga.available("acme", "SHOE")).isEqualTo(8);
    assertThat(saga.reserved("acme", "SOCK")).isEqualTo(4);
  }

  @Test
  void theOrdersEmailIsKeptAndTravelsOnItsStatusChangesForTheMailWorker() {
    saga.orderCommand(new io.fusioncommerce.schemas.common.OrderKey("acme", "o-mail"), OrderCommand.newBuilder()
        .setCommandId("cmd-mail").setTenantId("acme").setIssuedAt(saga.now()).setCorrelationId("corr-mail")
        .setIssuedBy(SagaHarness.CUSTOMER).setCommand(PlaceOrder.newBuilder().setOrderId("o-mail").setCustomerId("c1")
            .setCurrency("USD").setLines(java.util.List.of(new io.fusioncommerce.schemas.orders.RequestedLine("SHOE", 1L)))
            .setRequestHash("hash-mail").setEmail("ann@buyer.example").build())
        .build());
    saga.reserveOnly("acme", "o-mail", lines("SHOE", 1));
    saga.relay();

    assertThat(saga.order("acme", "o-mail").getEmail()).isEqualTo("ann@buyer.example");
    assertThat(saga.orderTopics.output(Topics.ORDER_STATUS_CHANGED).readValuesToList())
        .extracting(OrderStatusChanged::getToStatus, OrderStatusChanged::getEmail)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("CREATED", "ann@buyer.example"),
            org.assertj.core.groups.Tuple.tuple("CONFIRMED", "ann@buyer.example"));
  }

  @Test
  void whenOneLineCannotBeHeldTheOrderIsRejectedAndTheOtherLinesAreReleased() {
    saga.place("acme", "o-1", "USD", lines("SHOE", 2, "SOCK", 6));

    assertThat(saga.status("acme", "o-1")).isEqualTo("REJECTED");
    assertThat(saga.order("acme", "o-1").getRejectionReason()).isEqualTo("INSUFFICIENT_STOCK");
    assertThat(saga.stockOf("acme", "SHOE")).isEqualTo(new SagaHarness.Stock(10, 0));
    assertThat(saga.available("acme", "SOCK")).isEqualTo(5);
    assertThat(saga.inventoryTopics.output(Topics.INVENTORY_RELEASED).readValuesToList())
        .extracting(r -> r.getSku()).containsExactly("SHOE");
  }

  @Test
  void unknownAndInactiveSkusRejectTheOrderAndGiveBackWhatWasHeld() {
    saga.place("acme", "o-unknown", "USD", lines("SHOE", 1, "NOPE", 1));
    saga.place("acme", "o-inactive", "USD", lines("HAT", 1));

    assertThat(saga.order("acme", "o-unknown").getRejectionReason()).isEqualTo("UNKNOWN_SKU");
    assertThat(saga.order("acme", "o-inactive").getRejectionReason()).isEqualTo("UNKNOWN_SKU");
    assertThat(saga.available("acme", "SHOE")).isEqualTo(10);
  }

  @Test
  void anotherTenantsProductCannotBeOrdered() {
    saga.product("globex", "GADGET", 100, "USD", "v-g", "ACTIVE");
    saga.stock("acme", "GADGET", "main", 5);
    saga.place("acme", "o-1", "USD", lines("GADGET", 1));
    assertThat(saga.order("acme", "o-1").getRejectionReason()).isEqualTo("UNKNOWN_SKU");
  }

  @Test
  void aPriceInAnotherCurrencyRejectsTheOrder() {
    saga.place("acme", "o-1", "EUR", lines("SHOE", 1));
    assertThat(saga.order("acme", "o-1").getRejectionReason()).isEqualTo("CURRENCY_MISMATCH");
    assertThat(saga.available("acme", "SHOE")).isEqualTo(10);
  }

  @Test
  void aRepeatedOrderIsOneOrderAndADifferentOrderUnderTheSameIdIsRefused() {
    saga.place("acme", "o-1", "USD", lines("SHOE", 2));
    saga.place("acme", "o-1", "USD", lines("SHOE", 2));
    saga.placeOnly("acme", "o-1", "USD", lines("SHOE", 9), "another-body");
    saga.relay();

    assertThat(saga.orderTopics.output(Topics.ORDER_CREATED).readValuesToList()).hasSize(1);
    assertThat(saga.available("acme", "SHOE")).isEqualTo(8);
    assertThat(saga.order("acme", "o-1").getLines().get(0).getQuantity()).isEqualTo(2);
    List<OrderHistoryEntry> history = saga.history("acme", "o-1");
    assertThat(history).extracting(OrderHistoryEntry::getType).contains("PlaceOrderRefused");
  }

  @Test
  void reservationResultsThatOvertakeTheOrderAreKeptUntilItArrives() {
    saga.reserveOnly("acme", "o-1", lines("SHOE", 3));
    saga.relay();
    assertThat(saga.status("acme", "o-1")).isEqualTo("PENDING");

    saga.placeOnly("acme", "o-1", "USD", lines("SHOE", 3), "h");
    saga.relay();
    assertThat(saga.status("acme", "o-1")).isEqualTo("CONFIRMED");
    assertThat(saga.available("acme", "SHOE")).isEqualTo(7);
  }

  @Test
  void cancellingAConfirmedOrderReleasesItsStock() {
    saga.place("acme", "o-1", "USD", lines("SHOE", 4));
    saga.cancel("acme", "o-1", "changed my mind");

    assertThat(saga.status("acme", "o-1")).isEqualTo("CANCELLED");
    assertThat(saga.order("acme", "o-1").getCancellationReason()).isEqualTo("changed my mind");
    assertThat(saga.stockOf("acme", "SHOE")).isEqualTo(new SagaHarness.Stock(10, 0));
  }

  @Test
  void theTopologyRefusesInvalidTransitions() {
    saga.place("acme", "o-1", "USD", lines("SOCK", 99));
    assertThat(saga.status("acme", "o-1")).isEqualTo("REJECTED");
    long version = saga.order("acme", "o-1").getVersion();

    saga.cancel("acme", "o-1", "too late");
    assertThat(saga.status("acme", "o-1")).isEqualTo("REJECTED");
    assertThat(saga.order("acme", "o-1").getVersion()).isEqualTo(version);
    assertThat(saga.history("acme", "o-1"))
        .extracting(OrderHistoryEntry::getType).contains("CancelRefused");
  }

  @Test
  void anUnpaidOrderIsCancelledWhenTheTenantsHoldTimeEnds() {
    saga.holdSeconds("acme", 120);
    saga.place("acme", "o-1", "USD", lines("SHOE", 5));
    assertThat(saga.available("acme", "SHOE")).isEqualTo(5);

    saga.advance(Duration.ofSeconds(119));
    assertThat(saga.status("acme", "o-1")).isEqualTo("CONFIRMED");

    saga.advance(Duration.ofSeconds(2));
    assertThat(saga.status("acme", "o-1")).isEqualTo("CANCELLED");
    assertThat(saga.order("acme", "o-1").getCancellationReason()).isEqualTo("HOLD_EXPIRED");
    assertThat(saga.available("acme", "SHOE")).isEqualTo(10);
  }

  @Test
  void aPaidOrderIsNotCancelledByTheHold() {
    saga.holdSeconds("acme", 60);
    saga.place("acme", "o-1", "USD", lines("SHOE", 1));
    saga.command("acme", "o-1", OrderCommand.newBuilder().setCommandId("pay-1").setTenantId("acme")
        .setIssuedAt(SagaHarness.T0).setCorrelationId("corr").setIssuedBy(SagaHarness.CUSTOMER)
        .setCommand(new MarkOrderPaid("o-1", "pay-1", new Money(5999L, "USD"))).build());
    saga.advance(Duration.ofMinutes(5));

    assertThat(saga.status("acme", "o-1")).isEqualTo("PAID");
    assertThat(saga.reserved("acme", "SHOE")).isEqualTo(1);
  }

  @Test
  void anOrderWhoseReservationsNeverArriveIsRejectedAndALateReservationTakesNothing() {
    saga.placeOnly("acme", "o-1", "USD", lines("SHOE", 2), "h");
    saga.relay();
    assertThat(saga.status("acme", "o-1")).isEqualTo("CREATED");

    saga.advance(OrderBook.RESERVATION_TIMEOUT.plusSeconds(1));
    assertThat(saga.status("acme", "o-1")).isEqualTo("REJECTED");
    assertThat(saga.order("acme", "o-1").getRejectionReason()).isEqualTo("RESERVATION_TIMEOUT");

    saga.reserveOnly("acme", "o-1", lines("SHOE", 2));
    saga.relay();
    assertThat(saga.available("acme", "SHOE")).isEqualTo(10);
  }

  @Test
  void anOrderPlacedBeforeAnOutageWaitsForItsReservationsAfterTheRestart() {
    // placed two minutes before the topologies started: its reservation timeout is long past when they do
    saga.issueEarlier(Duration.ofMinutes(2));
    saga.placeOnly("acme", "o-1", "USD", lines("SHOE", 2), "h");
    saga.advance(Duration.ofSeconds(1)); // the timers are scanned before the inventory has answered
    assertThat(saga.status("acme", "o-1")).as("the outage is not the inventory's slowness").isEqualTo("CREATED");

    saga.reserveOnly("acme", "o-1", lines("SHOE", 2));
    saga.relay();
    assertThat(saga.status("acme", "o-1")).isEqualTo("CONFIRMED");
    assertThat(saga.available("acme", "SHOE")).isEqualTo(8);
  }

  @Test
  void afterTheRestartsGraceAReservationThatNeverCameTimesOut() {
    saga.issueEarlier(Duration.ofMinutes(2));
    saga.placeOnly("acme", "o-1", "USD", lines("SHOE", 2), "h");
    saga.advance(OrderBook.RESERVATION_TIMEOUT.minusSeconds(1));
    assertThat(saga.status("acme", "o-1")).isEqualTo("CREATED");
    saga.advance(Duration.ofSeconds(2));
    assertThat(saga.status("acme", "o-1")).isEqualTo("REJECTED");
    assertThat(saga.order("acme", "o-1").getRejectionReason()).isEqualTo("RESERVATION_TIMEOUT");
  }

  @Test
  void reservationsForAnOrderThatNeverArrivesAreGivenBack() {
    saga.reserveOnly("acme", "o-ghost", lines("SHOE", 4));
    saga.relay();
    assertThat(saga.available("acme", "SHOE")).isEqualTo(6);

    saga.advance(OrderBook.RESERVATION_TIMEOUT.plusSeconds(1));
    assertThat(saga.available("acme", "SHOE")).isEqualTo(10);
    assertThat(saga.order("acme", "o-ghost").getRejectionReason()).isEqualTo("ORDER_NOT_RECEIVED");
  }

  @Test
  void theAuditTrailListsEveryStepOldestFirst() {
    saga.place("acme", "o-1", "USD", lines("SHOE", 1, "SOCK", 1));
    saga.cancel("acme", "o-1", "no");
    assertThat(saga.history("acme", "o-1"))
        .extracting(OrderHistoryEntry::getType)
        .containsSubsequence("PlaceOrder", "StatusChanged", "StockReserved", "StockReserved", "StatusChanged",
            "CancelOrder", "StockReleaseRequested", "StockReleaseRequested", "StatusChanged");
  }

  @Test
  void theListRowChangesWithEveryStatusAndCarriesEachVendorsPart() {
    saga.place("acme", "o-1", "USD", lines("SOCK", 2, "SHOE", 1));
    saga.cancel("acme", "o-1", "changed my mind");

    List<OrderView> rows = saga.orderTopics.output(Topics.ORDERS_VIEW).readValuesToList();
    assertThat(rows).extracting(OrderView::getStatus).containsExactly("CREATED", "CONFIRMED", "CANCELLED");
    assertThat(rows).extracting(OrderView::getVersion).isSorted().doesNotHaveDuplicates();
    OrderView last = rows.get(rows.size() - 1);
    assertThat(last.getTotalAmount()).isEqualTo(5999L + 2 * 499L);
    assertThat(last.getItemCount()).isEqualTo(3);
    assertThat(last.getVendors()).containsExactly("v-shoes", "v-socks");
    assertThat(last.getVendorIds()).isEqualTo("v-shoes,v-socks");
    assertThat(last.getVendorSubtotals()).containsExactly(5999L, 998L);
    assertThat(last.getVendorItemCounts()).containsExactly(1L, 2L);
    assertThat(last.getCreatedAt()).isEqualTo(rows.get(0).getCreatedAt());
    assertThat(last.getVersion()).isEqualTo(saga.order("acme", "o-1").getVersion());
  }

  @Test
  void aRejectedOrderIsListedWithTheVendorsItNamed() {
    saga.place("acme", "o-1", "USD", lines("SHOE", 1, "NOPE", 1));

    OrderView row = saga.orderTopics.output(Topics.ORDERS_VIEW).readValuesToList().getLast();
    assertThat(row.getStatus()).isEqualTo("REJECTED");
    assertThat(row.getRejectionReason()).isEqualTo("UNKNOWN_SKU");
    assertThat(row.getVendors()).containsExactly("v-shoes");
  }

  @Test
  void aCommandForAnotherTenantsOrderIsDeadLetteredAndChangesNothing() {
    saga.command("acme", "o-1", OrderCommand.newBuilder().setCommandId("x").setTenantId("globex")
        .setIssuedAt(SagaHarness.T0).setCorrelationId("corr").setIssuedBy(SagaHarness.CUSTOMER)
        .setCommand(PlaceOrder.newBuilder().setOrderId("o-1").setCustomerId("c1").setCurrency("USD")
            .setLines(List.of(new RequestedLine("SHOE", 1L))).setRequestHash("h").build()).build());
    assertThat(saga.order("acme", "o-1")).isNull();
    assertThat(saga.orderDeadLetters.readRecordsToList()).hasSize(1);
  }

  @Test
  void aFlashSaleConfirmsExactlyAsManyOrdersAsThereAreUnits() {
    saga.stock("acme", "DEAL", "main", 40);
    saga.product("acme", "DEAL", 100, "USD", "v-deal", "ACTIVE");
    int confirmed = 0;
    for (int i = 0; i < 400; i++) {
      String id = UUID.randomUUID().toString();
      saga.as("buyer-" + i).place("acme", id, "USD", lines("DEAL", 1));
      if ("CONFIRMED".equals(saga.status("acme", id))) {
        confirmed++;
      }
    }
    assertThat(confirmed).isEqualTo(40);
    assertThat(saga.available("acme", "DEAL")).isZero();
    assertThat(saga.reserved("acme", "DEAL")).isEqualTo(40);
  }
}
