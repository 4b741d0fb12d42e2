package io.fusioncommerce.topologies.inventory;

import io.fusioncommerce.schemas.inventory.RestockReturnedUnits;
import io.fusioncommerce.schemas.inventory.SetStockLevel;
import io.fusioncommerce.schemas.inventory.StockLevel;
import io.fusioncommerce.schemas.inventory.WarehouseStock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules for one SKU's stock across warehouses. Pure: state in, state out. Only the partition that
 * owns the SKU applies them, one command at a time, so a reservation can never take what another
 * one already took.
 */
public final class StockLedger {

  private StockLedger() {}

  /**
   * The outcome of a change.
   *
   * @param next the new state
   * @param warehouses the warehouses whose stock moved
   * @param crossedLowStockThreshold total available stock just fell to the low-stock threshold
   */
  public record Change(StockLevel next, Set<String> warehouses, boolean crossedLowStockThreshold) {}

  /** The outcome of a reservation: the change, and what was taken from which warehouse. */
  public record Reserved(Change change, Map<String, Long> allocations) {}

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
    return change(current, warehouses, threshold, Set.of(command.getWarehouse()), at,
        current.getVersion() == 0 || !threshold(threshold).equals(threshold(current.getLowStockThreshold())));
  }

  /** How many restocked returns a SKU remembers (newest kept): far more than are ever redelivered at once. */
  public static final int RESTOCKED_RETURNS_KEPT = 500;
  /** Where returned units go when the command names no warehouse and the SKU has none yet. */
  public static final String DEFAULT_WAREHOUSE = "main";

  /**
   * Adds returned units to a warehouse's available stock: the named one, else the SKU's first warehouse by
   * name, else {@value #DEFAULT_WAREHOUSE}. Null when this return was already restocked (nothing changes).
   */
  public static Change restock(StockLevel current, RestockReturnedUnits command, Instant at) {
    if (command.getQuantity() <= 0) {
      throw new IllegalArgumentException("restock quantity must be positive: " + command.getQuantity());
    }
    if (current.getRestockedReturns().contains(command.getReturnId())) {
      return null;
    }
    String warehouse = command.getWarehouse() != null ? command.getWarehouse()
        : current.getWarehouses().keySet().stream().sorted().findFirst().orElse(DEFAULT_WAREHOUSE);
    Map<String, WarehouseStock> warehouses = new HashMap<>(current.getWarehouses());
    WarehouseStock stock = warehouses.getOrDefault(warehouse, new WarehouseStock(0L, 0L));
    warehouses.put(warehouse, new WarehouseStock(Math.addExact(stock.getAvailable(), command.getQuantity()),
        stock.getReserved()));
    List<String> restocked = new ArrayList<>(current.getRestockedReturns());
    restocked.add(command.getReturnId());
    if (restocked.size() > RESTOCKED_RETURNS_KEPT) {
      restocked = new ArrayList<>(restocked.subList(restocked.size() - RESTOCKED_RETURNS_KEPT, restocked.size()));
    }
    Change change = change(current, warehouses, current.getLowStockThreshold(), Set.of(warehouse), at, false);
    return new Change(StockLevel.newBuilder(change.next()).setRestockedReturns(restocked).build(), change.warehouses(),
        change.crossedLowStockThreshold());
  }

  /**
   * Takes {@code quantity} from the warehouses that have it, fullest first (ties by name, so replays
   * choose the same), or nothing when the SKU's total available stock is too small.
   */
  public static Optional<Reserved> reserve(StockLevel current, long quantity, Instant at) {
    if (quantity <= 0) {
      throw new IllegalArgumentException("quantity must be positive: " + quantity);
    }
    if (totalAvailable(current) < quantity) {
      return Optional.empty();
    }
    List<Map.Entry<String, WarehouseStock>> byStock = new ArrayList<>(current.getWarehouses().entrySet());
    byStock.sort(Comparator.comparingLong((Map.Entry<String, WarehouseStock> e) -> -e.getValue().getAvailable())
        .thenComparing(Map.Entry::getKey));
    Map<String, WarehouseStock> warehouses = new HashMap<>(current.getWarehouses());
    Map<String, Long> allocations = new LinkedHashMap<>();
    long missing = quantity;
    for (Map.Entry<String, WarehouseStock> entry : byStock) {
      if (missing == 0) {
        break;
      }
      long take = Math.min(missing, entry.getValue().getAvailable());
      if (take > 0) {
        WarehouseStock stock = entry.getValue();
        warehouses.put(entry.getKey(), new WarehouseStock(stock.getAvailable() - take, stock.getReserved() + take));
        allocations.put(entry.getKey(), take);
        missing -= take;
      }
    }
    Change change = change(current, warehouses, current.getLowStockThreshold(), allocations.keySet(), at, false);
    return Optional.of(new Reserved(change, allocations));
  }

  /** Returns what a reservation took to the warehouses it came from. */
  public static Change release(StockLevel current, Map<String, Long> allocations, Instant at) {
    Map<String, WarehouseStock> warehouses = new HashMap<>(current.getWarehouses());
    allocations.forEach((warehouse, quantity) -> {
      WarehouseStock stock = warehouses.getOrDefault(warehouse, new WarehouseStock(0L, 0L));
      warehouses.put(warehouse, new WarehouseStock(stock.getAvailable() + quantity,
          Math.max(0, stock.getReserved() - quantity)));
    });
    return change(current, warehouses, current.getLowStockThreshold(), allocations.keySet(), at, false);
  }

  /** The reserved stock left with the order: it is no longer reserved, and not available either. */
  public static Change commit(StockLevel current, Map<String, Long> allocations, Instant at) {
    Map<String, WarehouseStock> warehouses = new HashMap<>(current.getWarehouses());
    allocations.forEach((warehouse, quantity) -> {
      WarehouseStock stock = warehouses.getOrDefault(warehouse, new WarehouseStock(0L, 0L));
      warehouses.put(warehouse, new WarehouseStock(stock.getAvailable(), Math.max(0, stock.getReserved() - quantity)));
    });
    return change(current, warehouses, current.getLowStockThreshold(), allocations.keySet(), at, false);
  }

  private static Change change(StockLevel current, Map<String, WarehouseStock> warehouses, Long threshold,
      Set<String> touched, Instant at, boolean thresholdIsNew) {
    StockLevel next = StockLevel.newBuilder(current)
        .setWarehouses(warehouses)
        .setLowStockThreshold(threshold)
        .setVersion(current.getVersion() + 1)
        .setUpdatedAt(at)
        .build();
    boolean crossed = threshold != null && totalAvailable(next) <= threshold
        && (thresholdIsNew || totalAvailable(current) > threshold);
    return new Change(next, touched, crossed);
  }

  private static Long threshold(Long value) {
    return value == null ? -1L : value;
  }

  public static long totalAvailable(StockLevel level) {
    return level.getWarehouses().values().stream().mapToLong(WarehouseStock::getAvailable).sum();
  }

  public static long totalReserved(StockLevel level) {
    return level.getWarehouses().values().stream().mapToLong(WarehouseStock::getReserved).sum();
  }
}
