package io.fusioncommerce.topologies.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fusioncommerce.schemas.inventory.SetStockLevel;
import io.fusioncommerce.schemas.inventory.StockLevel;
import io.fusioncommerce.schemas.inventory.WarehouseStock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stock ledger's rules: stock + movement → the new stock, per warehouse. */
class StockLedgerBookTest {

  private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

  @Test
  void setting_a_level_keeps_what_is_reserved_there() {
    StockLevel stock = reserved(stocked("berlin", 10), 4);

    StockLedger.Change change = StockLedger.setLevel(stock, set("berlin", 20, null), NOW);

    assertThat(change.next().getWarehouses().get("berlin")).isEqualTo(new WarehouseStock(20L, 4L));
    assertThat(change.warehouses()).containsExactly("berlin");
  }

  @Test
  void a_negative_level_is_refused() {
    assertThatThrownBy(() -> StockLedger.setLevel(empty(), set("berlin", -1, null), NOW))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_reservation_takes_from_the_fullest_warehouse_first() {
    StockLevel stock = StockLedger.setLevel(stocked("berlin", 3), set("hamburg", 5, null), NOW).next();

    StockLedger.Reserved reserved = StockLedger.reserve(stock, 6, NOW).orElseThrow();

    assertThat(reserved.allocations()).containsExactly(Map.entry("hamburg", 5L), Map.entry("berlin", 1L));
    assertThat(StockLedger.totalAvailable(reserved.change().next())).isEqualTo(2);
    assertThat(StockLedger.totalReserved(reserved.change().next())).isEqualTo(6);
  }

  @Test
  void a_reservation_larger_than_the_stock_takes_nothing() {
    assertThat(StockLedger.reserve(stocked("berlin", 3), 4, NOW)).isEmpty();
  }

  @Test
  void a_release_gives_the_units_back_where_they_came_from() {
    StockLedger.Reserved reserved = StockLedger.reserve(stocked("berlin", 10), 4, NOW).orElseThrow();

    StockLevel released = StockLedger.release(reserved.change().next(), reserved.allocations(), NOW).next();

    assertThat(released.getWarehouses().get("berlin")).isEqualTo(new WarehouseStock(10L, 0L));
  }

  @Test
  void a_commit_removes_the_reserved_units_for_good() {
    StockLedger.Reserved reserved = StockLedger.reserve(stocked("berlin", 10), 4, NOW).orElseThrow();

    StockLevel committed = StockLedger.commit(reserved.change().next(), reserved.allocations(), NOW).next();

    assertThat(committed.getWarehouses().get("berlin")).isEqualTo(new WarehouseStock(6L, 0L));
  }

  @Test
  void falling_to_the_low_stock_threshold_is_reported_once() {
    StockLevel stock = StockLedger.setLevel(empty(), set("berlin", 10, 5L), NOW).next();

    StockLedger.Reserved first = StockLedger.reserve(stock, 5, NOW).orElseThrow();
    StockLedger.Reserved second = StockLedger.reserve(first.change().next(), 1, NOW).orElseThrow();

    assertThat(first.change().crossedLowStockThreshold()).isTrue();
    assertThat(second.change().crossedLowStockThreshold()).isFalse();
  }

  @Test
  void every_change_is_a_new_version() {
    StockLevel stock = stocked("berlin", 10);

    assertThat(StockLedger.reserve(stock, 1, NOW).orElseThrow().change().next().getVersion())
        .isEqualTo(stock.getVersion() + 1);
  }

  private static StockLevel empty() {
    return StockLedger.empty("t1", "sku-1", NOW);
  }

  private static StockLevel stocked(String warehouse, long available) {
    return StockLedger.setLevel(empty(), set(warehouse, available, null), NOW).next();
  }

  private static StockLevel reserved(StockLevel stock, long quantity) {
    return StockLedger.reserve(stock, quantity, NOW).orElseThrow().change().next();
  }

  private static SetStockLevel set(String warehouse, long available, Long lowStockThreshold) {
    return new SetStockLevel("sku-1", warehouse, available, lowStockThreshold);
  }
}
