package io.fusioncommerce.ingress.inventory;

import io.fusioncommerce.schemas.inventory.StockLevel;
import io.fusioncommerce.schemas.inventory.WarehouseStock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** Answer of {@code GET /v1/inventory/{sku}}: totals across warehouses and each warehouse's stock. */
public record StockView(
    String sku, long available, long reserved, Map<String, WarehouseView> warehouses, Long lowStockThreshold,
    long version, Instant updatedAt) {

  public record WarehouseView(long available, long reserved) {}

  public static StockView of(StockLevel level) {
    Map<String, WarehouseView> warehouses = new TreeMap<>();
    long available = 0;
    long reserved = 0;
    for (Map.Entry<String, WarehouseStock> entry : level.getWarehouses().entrySet()) {
      warehouses.put(entry.getKey(), new WarehouseView(entry.getValue().getAvailable(), entry.getValue().getReserved()));
      available += entry.getValue().getAvailable();
      reserved += entry.getValue().getReserved();
    }
    return new StockView(level.getSku(), available, reserved, warehouses, level.getLowStockThreshold(),
        level.getVersion(), level.getUpdatedAt());
  }
}
