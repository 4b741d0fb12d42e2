package io.fusioncommerce.topologies.inventory;

import io.fusioncommerce.schemas.inventory.SetStockLevel;
import io.fusioncommerce.schemas.inventory.StockLevel;
import io.fusioncommerce.schemas.inventory.WarehouseStock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The rules for one SKU's stock across warehouses. Pure: state in, state out. */
public final class StockLedger {

  private StockLedger() {}

  /** The outcome of a change: the new state and whether total stock just fell to the low-stock threshold. */
  public record Change(StockLevel next, String warehouse, boolean crossedLowStockThreshold) {}

  public static StockLevel empty(String tenantId, String sku, Instant at) {
    return StockLevel.newBuilder()
        .setTenantId(tenantId)
        .setSku(sku)
        .setWarehouses(new HashMap<>())
        .setLowStockThreshold(null)
        .setVersion(0)
        .setUpdatedAt(at)
        .build();
  }

  public static Change setLevel(StockLevel current, SetStockLevel command, Instant at) {
    if (command.getAvailable() < 0) {
      throw new IllegalArgumentException("available must not be negative: " + command.getAvailable());
    }
    Map<String, WarehouseStock> warehouses = new HashMap<>(current.getWarehouses());
    WarehouseStock before = warehouses.get(command.getWarehouse());
    long reserved = before == null ? 0 : before.getReserved();
    warehouses.put(command.getWarehouse(), new WarehouseStock(command.getAvailable(), reserved));

    Long threshold =
        command.getLowStockThreshold() != null ? command.getLowStockThreshold() : current.getLowStockThreshold();
    StockLevel next =
        StockLevel.newBuilder(current)
            .setWarehouses(warehouses)
            .setLowStockThreshold(threshold)
            .setVersion(current.getVersion() + 1)
            .setUpdatedAt(at)
            .build();
    boolean crossed =
        threshold != null && totalAvailable(next) <= threshold
            && (current.getVersion() == 0 || totalAvailable(current) > threshold
                || !threshold.equals(current.getLowStockThreshold()));
    return new Change(next, command.getWarehouse(), crossed);
  }

  public static long totalAvailable(StockLevel level) {
    return level.getWarehouses().values().stream().mapToLong(WarehouseStock::getAvailable).sum();
  }

  public static long totalReserved(StockLevel level) {
    return level.getWarehouses().values().stream().mapToLong(WarehouseStock::getReserved).sum();
  }
}
