package io.fusioncommerce.topologies.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.inventory.CustomerReservations;
import io.fusioncommerce.schemas.inventory.CustomerSkuKey;
import io.fusioncommerce.schemas.tenants.TenantSettings;
import io.fusioncommerce.topologies.inventory.InventoryTopology;
import io.fusioncommerce.topologies.inventory.StockLimits;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stock hoarding: the per-order maximum, the per-customer window and the shorter hold for scarce
 * stock, through both topologies of the saga (the limits are enforced where the SKU is reserved).
 */
class StockLimitsSagaTest extends ShoesAndSocksSagaTest {

  @BeforeEach
  void stock() {
    saga.stock("acme", "SHOE", "main", 1000);
    saga.stock("acme", "SOCK", "main", 5);
  }

  @Test
  void anOrderOverThePerOrderMaximumIsRejectedAndReservesNothing() {
    saga.as("mallory").place("acme", "o-1", "USD", Map.of("SHOE", StockLimits.DEFAULT_MAX_PER_ORDER + 1));

    assertThat(saga.status("acme", "o-1")).isEqualTo("REJECTED");
    assertThat(saga.order("acme", "o-1").getRejectionReason()).isEqualTo("QUANTITY_LIMIT_EXCEEDED");
    assertThat(saga.stockOf("acme", "SHOE")).isEqualTo(new SagaHarness.Stock(1000, 0));
  }

  @Test
  void theReservationIsRefusedEvenWhenItArrivesBeforeTheOrder() {
    saga.as("mallory").reserveOnly("acme", "o-1", Map.of("SHOE", 11L));
    saga.relay();
    assertThat(saga.available("acme", "SHOE")).isEqualTo(1000);

    saga.placeOnly("acme", "o-1", "USD", Map.of("SHOE", 11L), "hash-o-1");
    saga.relay();
    assertThat(saga.order("acme", "o-1").getRejectionReason()).isEqualTo("QUANTITY_LIMIT_EXCEEDED");
  }

  @Test
  void aCustomerPastItsWindowLimitIsRejectedWhileOthersStillBuy() {
    saga.as("mallory").place("acme", "o-1", "USD", Map.of("SHOE", 10L));
    saga.as("mallory").place("acme", "o-2", "USD", Map.of("SHOE", 10L));
    saga.as("mallory").place("acme", "o-3", "USD", Map.of("SHOE", 1L));
    saga.as("alice").place("acme", "o-4", "USD", Map.of("SHOE", 1L));

    assertThat(saga.status("acme", "o-1")).isEqualTo("CONFIRMED");
    assertThat(saga.status("acme", "o-2")).isEqualTo("CONFIRMED");
    assertThat(saga.status("acme", "o-3")).isEqualTo("REJECTED");
    assertThat(saga.order("acme", "o-3").getRejectionReason()).isEqualTo("CUSTOMER_LIMIT_EXCEEDED");
    assertThat(saga.status("acme", "o-4")).isEqualTo("CONFIRMED");
    assertThat(saga.reserved("acme", "SHOE")).isEqualTo(21);
  }

  @Test
  void concurrentReservationsOfOneCustomerCannotSlipPastTheLimit() {
    saga.settings(TenantSettings.newBuilder().setTenantId("acme").setMaxQuantityPerCustomer(5L).build());
    // every ReserveStock is on the SKU's partition before any result comes back: as concurrent as it gets
    for (int i = 0; i < 10; i++) {
      saga.as("mallory").reserveOnly("acme", "o-" + i, Map.of("SHOE", 2L));
    }
    for (int i = 0; i < 10; i++) {
      saga.as("mallory").placeOnly("acme", "o-" + i, "USD", Map.of("SHOE", 2L), "hash-o-" + i);
    }
    saga.relay();

    long confirmed = java.util.stream.IntStream.range(0, 10)
        .filter(i -> "CONFIRMED".equals(saga.status("acme", "o-" + i))).count();
    assertThat(confirmed).isEqualTo(2); // 2 + 2 units; a third order would make 6 > 5
    assertThat(saga.reserved("acme", "SHOE")).isEqualTo(4);
  }

  @Test
  void renewingAHoldAfterItExpiresStillCountsAgainstTheWindowUntilItPasses() {
    saga.as("mallory").place("acme", "o-1", "USD", Map.of("SHOE", 10L));
    saga.advance(OrderBook.DEFAULT_HOLD.plusSeconds(1));
    assertThat(saga.status("acme", "o-1")).isEqualTo("CANCELLED");

    saga.as("mallory").place("acme", "o-2", "USD", Map.of("SHOE", 10L));
    saga.advance(OrderBook.DEFAULT_HOLD.plusSeconds(1));
    saga.as("mallory").place("acme", "o-3", "USD", Map.of("SHOE", 10L));
    assertThat(saga.order("acme", "o-3").getRejectionReason()).isEqualTo("CUSTOMER_LIMIT_EXCEEDED");

    saga.advance(StockLimits.DEFAULT_WINDOW);
    saga.as("mallory").place("acme", "o-4", "USD", Map.of("SHOE", 10L));
    assertThat(saga.status("acme", "o-4")).isEqualTo("CONFIRMED");
  }

  @Test
  void unitsOfAnOrderThatWasRejectedDoNotCount() {
    // SOCK has 5: the order is rejected, its 10 shoes released, and they are not counted
    saga.as("bob").place("acme", "o-1", "USD", Map.of("SHOE", 10L, "SOCK", 6L));
    assertThat(saga.order("acme", "o-1").getRejectionReason()).isEqualTo("INSUFFICIENT_STOCK");

    saga.as("bob").place("acme", "o-2", "USD", Map.of("SHOE", 10L));
    saga.as("bob").place("acme", "o-3", "USD", Map.of("SHOE", 10L));
    assertThat(saga.status("acme", "o-2")).isEqualTo("CONFIRMED");
    assertThat(saga.status("acme", "o-3")).isEqualTo("CONFIRMED");
  }

  @Test
  void aTenantSetsItsOwnLimitsAndZeroMeansNone() {
    saga.settings(TenantSettings.newBuilder().setTenantId("acme").setMaxQuantityPerOrder(0L)
        .setMaxQuantityPerCustomer(0L).build());
    saga.as("wholesale").place("acme", "o-1", "USD", Map.of("SHOE", 300L));
    saga.as("wholesale").place("acme", "o-2", "USD", Map.of("SHOE", 300L));
    assertThat(saga.status("acme", "o-1")).isEqualTo("CONFIRMED");
    assertThat(saga.status("acme", "o-2")).isEqualTo("CONFIRMED");

    saga.settings(TenantSettings.newBuilder().setTenantId("acme").setMaxQuantityPerOrder(2L).build());
    saga.as("alice").place("acme", "o-3", "USD", Map.of("SHOE", 3L));
    assertThat(saga.order("acme", "o-3").getRejectionReason()).isEqualTo("QUANTITY_LIMIT_EXCEEDED");
  }

  @Test
  void scarceStockIsHeldForTheShorterTime() {
    saga.as("alice").place("acme", "o-plenty", "USD", Map.of("SHOE", 1L));
    assertThat(saga.order("acme", "o-plenty").getHoldExpiresAt())
        .isEqualTo(saga.now().plus(OrderBook.DEFAULT_HOLD));

    saga.as("bob").place("acme", "o-scarce", "USD", Map.of("SHOE", 1L, "SOCK", 1L)); // 4 socks left < 10
    assertThat(saga.order("acme", "o-scarce").getHoldExpiresAt())
        .isEqualTo(saga.now().plus(StockLimits.DEFAULT_SCARCE_HOLD));

    saga.advance(StockLimits.DEFAULT_SCARCE_HOLD.plusSeconds(1));
    assertThat(saga.status("acme", "o-scarce")).isEqualTo("CANCELLED");
    assertThat(saga.status("acme", "o-plenty")).isEqualTo("CONFIRMED");
    assertThat(saga.available("acme", "SOCK")).isEqualTo(5);
  }

  @Test
  void theTenantChoosesTheScarceThresholdAndHold() {
    saga.settings(TenantSettings.newBuilder().setTenantId("acme").setScarceStockThreshold(0L).build());
    saga.as("bob").place("acme", "o-1", "USD", Map.of("SOCK", 4L));
    assertThat(saga.order("acme", "o-1").getHoldExpiresAt()).isEqualTo(saga.now().plus(OrderBook.DEFAULT_HOLD));

    saga.settings(TenantSettings.newBuilder().setTenantId("acme").setScarceStockThreshold(2000L)
        .setScarceHoldSeconds(120L).build());
    saga.as("carol").place("acme", "o-2", "USD", Map.of("SHOE", 1L));
    assertThat(saga.order("acme", "o-2").getHoldExpiresAt()).isEqualTo(saga.now().plus(Duration.ofSeconds(120)));
  }

  @Test
  void aCustomersWindowLeavesTheStoreOnceItsReservationsLeftTheWindow() {
    saga.as("alice").place("acme", "o-1", "USD", Map.of("SHOE", 1L));
    KeyValueStore<CustomerSkuKey, CustomerReservations> windows =
        saga.inventory.getKeyValueStore(InventoryTopology.CUSTOMER_WINDOW_STORE);
    CustomerSkuKey key = new CustomerSkuKey("acme", "SHOE", "alice");
    assertThat(windows.get(key).getEntries()).hasSize(1);

    saga.advance(StockLimits.DEFAULT_WINDOW.plusMinutes(1));
    saga.stock("acme", "SOCK", "main", 5); // any record moves the inventory's stream time on
    assertThat(windows.get(key)).isNull();
    assertThat(saga.stockStore.get(new SkuKey("acme", "SHOE"))).isNotNull();
  }
}
