package io.fusioncommerce.topologies.shipping;

import static io.fusioncommerce.topologies.shipping.ShippingHarness.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.common.ShipmentKey;
import io.fusioncommerce.schemas.orders.ShippingAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delivered shipments leave the shipment store after their retention; shipments on their way stay. */
class ShippingRetentionTest {

  @TempDir Path dir;
  ShippingHarness h;

  @BeforeEach
  void start() {
    h = new ShippingHarness(dir);
    h.twoVendors();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private void paidOrder(String orderId) {
    h.saga.place(TENANT, orderId, "USD", Map.of("SHOE", 1L, "SOCK", 2L), ShippingAddress.newBuilder().setName("Alice")
        .setLine1("1 Main St").setCity("Springfield").setPostalCode("12345").setCountry("US").build());
    h.relay();
    h.pay(orderId);
    h.labelAll();
  }

  private boolean stored(String orderId, String vendor) {
    return h.shipmentStore.get(new ShipmentKey(TENANT, ShipmentIds.of(TENANT, orderId, vendor))) != null;
  }

  @Test
  void aDeliveredShipmentGoesNinetyDaysAfterDeliveryAndOneInTransitStays() {
    paidOrder("o1");
    h.track(ShipmentIds.of(TENANT, "o1", "v-shoes"), "IN_TRANSIT");
    h.track(ShipmentIds.of(TENANT, "o1", "v-shoes"), "DELIVERED");
    h.track(ShipmentIds.of(TENANT, "o1", "v-socks"), "IN_TRANSIT");

    h.saga.advance(Duration.ofDays(89));
    paidOrder("o2"); // records at the new time move stream time forward
    assertThat(stored("o1", "v-shoes")).as("delivered 89 days ago").isTrue();

    h.saga.advance(Duration.ofDays(2));
    paidOrder("o3");
    assertThat(stored("o1", "v-shoes")).as("delivered 91 days ago").isFalse();
    assertThat(stored("o1", "v-socks")).as("still in transit").isTrue();
    assertThat(stored("o3", "v-shoes")).isTrue();
  }
}
