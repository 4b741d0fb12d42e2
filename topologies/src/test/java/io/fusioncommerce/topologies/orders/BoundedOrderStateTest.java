package io.fusioncommerce.topologies.orders;

import io.fusioncommerce.schemas.Topics;
import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.inventory.Reservation;
import io.fusioncommerce.schemas.inventory.ReservationKey;
import io.fusioncommerce.schemas.orders.OrderHistoryEntry;
import io.fusioncommerce.schemas.orders.OrderStatusChanged;
import io.fusioncommerce.schemas.registry.InMemorySchemaRegistryClient;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import io.fusioncommerce.topologies.inventory.InventoryTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order topology's work and state stay bounded: timers per punctuation, the size of each audit-trail
 * value, and how long closed orders and settled reservations are kept.
 */
class BoundedOrderStateTest {

  private static final Duration RETENTION = Duration.ofDays(3);

  @TempDir Path stateDir;
  SagaHarness saga;

  private void start() {
    saga = new SagaHarness(stateDir, new OrderTopology(RETENTION));
    saga.product("acme", "SHOE", 5999, "USD", "v-shoes", "ACTIVE");
    saga.stock("acme", "SHOE", "main", 100);
  }

  @AfterEach
  void stop() {
    if (saga != null) {
      saga.close();
    }
  }

  // ------------------------------------------------------------------ item: timers per punctuation

  @Test
  void aPunctuationFiresAtMostItsBoundOfDueTimersAndTheRestOnTheNextOnesEachOnce() {
    start();
    int orders = 2 * OrderProcessor.MAX_TIMERS_PER_PUNCTUATION + 50;
    for (int i = 0; i < orders; i++) {
      saga.placeOnly("acme", "o-" + i, "USD", Map.of("SHOE", 1L), "h-" + i); // no reservation: each times out
    }
    saga.relay();
    saga.drainStatusChanges();

    saga.advance(OrderBook.RESERVATION_TIMEOUT.plusSeconds(1));
    assertThat(rejections()).hasSize(OrderProcessor.MAX_TIMERS_PER_PUNCTUATION);

    Map<String, Integer> rejected = new HashMap<>();
    for (int i = 0; i < 5; i++) {
      saga.advance(OrderProcessor.TIMER_SCAN_INTERVAL);
      rejections().forEach(r -> rejected.merge(r.key().getOrderId(), 1, Integer::sum));
    }
    assertThat(rejected.size() + OrderProcessor.MAX_TIMERS_PER_PUNCTUATION).isEqualTo(orders);
    assertThat(rejected.values()).containsOnly(1);
    for (int i = 0; i < orders; i++) {
      assertThat(saga.status("acme", "o-" + i)).isEqualTo("REJECTED");
    }
  }

  private List<TestRecord<OrderKey, OrderStatusChanged>> rejections() {
    return saga.drainStatusChanges().stream().filter(r -> "REJECTED".equals(r.value().getToStatus())).toList();
  }

  // ------------------------------------------------------------------ item: history values bounded

  @Test
  void anOrderWithThousandsOfEventsKeepsEveryStoreValueSmall() {
    start();
    saga.place("acme", "o-1", "USD", Map.of("SHOE", 1L));
    String longReason = "x".repeat(100_000);
    int events = 2_000;
    for (int i = 0; i < events; i++) {
      saga.cancel("acme", "o-1", i == 0 ? longReason : "again " + i); // the first cancels, the rest are refused
    }

    List<OrderHistoryEntry> history = saga.history("acme", "o-1");
    assertThat(history).hasSizeGreaterThan(events);
    assertThat(history.get(0).getType()).isEqualTo("PlaceOrder");
    assertThat(history.get(history.size() - 1).getType()).isEqualTo("CancelRefused");
    assertThat(saga.historyStore.get(new OrderKey("acme", "o-1"))).isNull();

    AvroSerdes serdes = new AvroSerdes(new InMemorySchemaRegistryClient());
    var serializer = serdes.value(OrderHistoryEntry.class).serializer();
    int largest = 0;
    try (KeyValueIterator<String, OrderHistoryEntry> all = saga.historyEntries.all()) {
      while (all.hasNext()) {
        KeyValue<String, OrderHistoryEntry> entry = all.next();
        largest = Math.max(largest, serializer.serialize("t", entry.value).length);
      }
    }
    assertThat(largest).isLessThan(2_048);
  }

  @Test
  void aTrailWrittenAsOneValueIsMovedToEntriesOnTheNextEvent() {
    start();
    saga.place("acme", "o-1", "USD", Map.of("SHOE", 1L));
    List<OrderHistoryEntry> written = saga.history("acme", "o-1");
    // as the first version stored it: the whole trail in one value
    for (int i = 0; i < written.size(); i++) {
      saga.historyEntries.delete(OrderHistoryKeys.key("acme", "o-1", i));
    }
    saga.historyStore.put(new OrderKey("acme", "o-1"),
        new io.fusioncommerce.schemas.orders.OrderHistory("acme", "o-1", written));

    saga.cancel("acme", "o-1", "changed my mind");

    List<OrderHistoryEntry> moved = saga.history("acme", "o-1");
    assertThat(moved.subList(0, written.size())).isEqualTo(written);
    assertThat(moved.get(moved.size() - 1).getType()).isEqualTo("StatusChanged");
    assertThat(saga.historyStore.get(new OrderKey("acme", "o-1"))).isNull();
  }

  // ------------------------------------------------------------------ item: retention

  @Test
  void aClosedOrderLeavesTheStoresAfterItsRetentionAndAnOpenOneStays() {
    start();
    saga.place("acme", "o-closed", "USD", Map.of("SHOE", 1L));
    saga.cancel("acme", "o-closed", "no");
    saga.place("acme", "o-open", "USD", Map.of("SHOE", 1L));
    saga.command("acme", "o-open", io.fusioncommerce.schemas.orders.OrderCommand.newBuilder().setCommandId("pay-1")
        .setTenantId("acme").setIssuedAt(saga.now()).setCorrelationId("corr").setIssuedBy(SagaHarness.CUSTOMER)
        .setCommand(new io.fusioncommerce.schemas.orders.MarkOrderPaid("o-open", "pay-1",
            new io.fusioncommerce.schemas.common.Money(5999L, "USD"))).build());
    saga.orderTopics.output(Topics.ORDERS_VIEW).readRecordsToList();

    saga.advance(RETENTION.minusMinutes(1));
    assertThat(saga.order("acme", "o-closed")).isNotNull();

    saga.advance(Duration.ofMinutes(2));
    assertThat(saga.order("acme", "o-closed")).isNull();
    assertThat(saga.history("acme", "o-closed")).isEmpty();
    assertThat(saga.order("acme", "o-open").getStatus()).isEqualTo("PAID");
    assertThat(saga.history("acme", "o-open")).isNotEmpty();
    // the read model is not told: its row stays for the list route
    assertThat(saga.orderTopics.output(Topics.ORDERS_VIEW).readRecordsToList()).isEmpty();
  }

  @Test
  void settledReservationsAreDroppedAfterSevenDaysAndHeldOnesStay() {
    start();
    saga.place("acme", "o-released", "USD", Map.of("SHOE", 1L));
    saga.cancel("acme", "o-released", "no");
    saga.holdSeconds("acme", 604_800 * 2); // the held one stays held past the seven days
    saga.place("acme", "o-held", "USD", Map.of("SHOE", 1L));
    KeyValueStore<ReservationKey, Reservation> reservations =
        saga.inventory.getKeyValueStore(InventoryTopology.RESERVATION_STORE);
    ReservationKey released = new ReservationKey("acme", "SHOE", "o-released");
    ReservationKey held = new ReservationKey("acme", "SHOE", "o-held");
    assertThat(reservations.get(released).getStatus()).isEqualTo("RELEASED");

    saga.advance(Duration.ofDays(7).minusMinutes(1));
    saga.stock("acme", "SHOE", "main", 100); // moves the inventory's stream time
    assertThat(reservations.get(released)).isNotNull();

    saga.advance(Duration.ofMinutes(2));
    saga.stock("acme", "SHOE", "main", 100);
    assertThat(reservations.get(released)).isNull();
    assertThat(reservations.get(held).getStatus()).isEqualTo("RESERVED");
  }

  @Test
  void aShippedOrdersReservationSettlesAndIsDroppedAfterSevenDays() {
    start();
    saga.place("acme", "o-1", "USD", Map.of("SHOE", 2L));
    saga.command("acme", "o-1", io.fusioncommerce.schemas.orders.OrderCommand.newBuilder().setCommandId("pay-1")
        .setTenantId("acme").setIssuedAt(saga.now()).setCorrelationId("corr").setIssuedBy(SagaHarness.CUSTOMER)
        .setCommand(new io.fusioncommerce.schemas.orders.MarkOrderPaid("o-1", "pay-1",
            new io.fusioncommerce.schemas.common.Money(11998L, "USD"))).build());
    saga.command("acme", "o-1", io.fusioncommerce.schemas.orders.OrderCommand.newBuilder().setCommandId("ship-1")
        .setTenantId("acme").setIssuedAt(saga.now()).setCorrelationId("corr").setIssuedBy(SagaHarness.CUSTOMER)
        .setCommand(io.fusioncommerce.schemas.orders.RecordShipmentProgress.newBuilder().setOrderId("o-1")
            .setShipmentId("s-1").setVendorId("v-shoes").setStatus("IN_TRANSIT").build()).build());
    assertThat(saga.status("acme", "o-1")).isEqualTo("SHIPPED");
    KeyValueStore<ReservationKey, Reservation> reservations =
        saga.inventory.getKeyValueStore(InventoryTopology.RESERVATION_STORE);
    ReservationKey key = new ReservationKey("acme", "SHOE", "o-1");
    assertThat(reservations.get(key).getStatus()).isEqualTo("COMMITTED");
    assertThat(saga.reserved("acme", "SHOE")).isZero();
    assertThat(saga.available("acme", "SHOE")).isEqualTo(98);

    saga.advance(Duration.ofDays(7).plusMinutes(1));
    saga.stock("acme", "SHOE", "main", 98);
    assertThat(reservations.get(key)).isNull();
  }

  @Test
  void aClosedOrderThatChangedAfterItClosedIsKeptForTheRetentionAfterItsLastChange() {
    start();
    saga.place("acme", "o-1", "USD", Map.of("SHOE", 1L));
    saga.cancel("acme", "o-1", "no");
    saga.advance(Duration.ofDays(1));
    // a refund's payment update after the cancel changes the closed order
    saga.command("acme", "o-1", io.fusioncommerce.schemas.orders.OrderCommand.newBuilder().setCommandId("upd-1")
        .setTenantId("acme").setIssuedAt(saga.now()).setCorrelationId("corr").setIssuedBy(SagaHarness.CUSTOMER)
        .setCommand(new io.fusioncommerce.schemas.orders.UpdateOrderPayment("o-1",
            io.fusioncommerce.schemas.orders.OrderPayment.newBuilder().setPaymentId("p-1").setStatus("REFUNDED")
                .build())).build());

    saga.advance(RETENTION.minusDays(1).plusMinutes(1)); // the first timer: too early now, set again
    assertThat(saga.order("acme", "o-1")).isNotNull();
    saga.advance(Duration.ofDays(1));
    assertThat(saga.order("acme", "o-1")).isNull();
  }
}
