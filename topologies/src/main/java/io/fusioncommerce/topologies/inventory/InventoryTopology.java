package io.fusioncommerce.topologies.inventory;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.inventory.CustomerReservations;
import io.fusioncommerce.schemas.inventory.CustomerSkuKey;
import io.fusioncommerce.schemas.inventory.Reservation;
import io.fusioncommerce.schemas.inventory.ReservationKey;
import io.fusioncommerce.schemas.inventory.StockLevel;
import io.fusioncommerce.topologies.support.StoreChangeListener;
import io.fusioncommerce.topologies.support.WiredTopology;
import io.fusioncommerce.topologies.support.Wiring;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Inventory: stock per SKU and warehouse ({@value #STOCK_STORE}) and the reservations orders hold
 * against it ({@value #RESERVATION_STORE}). Every command for a SKU lands on the partition that owns
 * the SKU and is applied one at a time, so reservations are atomic per SKU: no oversell, under any
 * concurrency. Reservation outcomes are published keyed by the order. The catalog's product table
 * ({@value #PRODUCT_STORE}, a global store of catalog.products) names each SKU's vendor, so a stock
 * level a vendor sets on another vendor's SKU is refused here too, not only at the ingress.
 */
public final class InventoryTopology extends WiredTopology {

  public static final String CONTEXT = "inventory";
  public static final String STOCK_STORE = "inventory-stock";
  public static final String RESERVATION_STORE = "inventory-reservations";
  /** The catalog's product table (SKU to product, vendor included), fed by the catalog topology. */
  public static final String PRODUCT_STORE = "inventory-catalog-products";
  /** Per customer and SKU: what it reserved within the tenant's limit window (see StockLimits). */
  public static final String CUSTOMER_WINDOW_STORE = "inventory-customer-windows";
  /** What retention drops when: keys sorted by due time (see InventorySweep). */
  public static final String SWEEP_STORE = "inventory-sweep";
  public static final String TENANT_STORE = "inventory-tenant-settings";

  public InventoryTopology() {
    super(CONTEXT, STOCK_STORE);
  }

  @Override
  protected void wire(Wiring wiring, StoreChangeListener changes) {
    wiring.processor("inventory-command-processor", () -> new InventoryCommandProcessor(changes))
        .reads(Topics.INVENTORY_COMMANDS)
        .keeps(wiring.store(STOCK_STORE, SkuKey.class, StockLevel.class),
            wiring.store(RESERVATION_STORE, ReservationKey.class, Reservation.class),
            wiring.store(CUSTOMER_WINDOW_STORE, CustomerSkuKey.class, CustomerReservations.class),
            // Sweep keys sort by due time as strings, which Avro's varint encoding would not.
            Wiring.store(SWEEP_STORE, Serdes.String(), Serdes.String()))
        .writes(Topics.INVENTORY_STOCK_CHANGED, Topics.INVENTORY_LOW_STOCK, Topics.INVENTORY_RESERVED,
            Topics.INVENTORY_INSUFFICIENT, Topics.INVENTORY_RELEASED, Topics.INVENTORY_COMMITTED);
    wiring.globalTable(Topics.CATALOG_PRODUCTS, PRODUCT_STORE);
    wiring.globalTable(Topics.TENANT_SETTINGS, TENANT_STORE);
  }
}
