package io.fusioncommerce.topologies.inventory;

import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.inventory.InventoryCommand;
import io.fusioncommerce.schemas.inventory.InventoryLowStock;
import io.fusioncommerce.schemas.inventory.SetStockLevel;
import io.fusioncommerce.schemas.inventory.StockLevel;
import io.fusioncommerce.schemas.inventory.StockLevelChanged;
import io.fusioncommerce.schemas.inventory.WarehouseStock;
import io.fusioncommerce.topologies.support.EventIds;
import io.fusioncommerce.topologies.support.InvalidCommandException;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Applies inventory commands to the stock store and emits what changed. */
final class InventoryCommandProcessor implements Processor<SkuKey, InventoryCommand, SkuKey, SpecificRecord> {

  private ProcessorContext<SkuKey, SpecificRecord> context;
  private KeyValueStore<SkuKey, StockLevel> stock;

  @Override
  public void init(ProcessorContext<SkuKey, SpecificRecord> context) {
    this.context = context;
    this.stock = context.getStateStore(InventoryTopology.STOCK_STORE);
  }

  @Override
  public void process(Record<SkuKey, InventoryCommand> record) {
    SkuKey key = record.key();
    InventoryCommand command = record.value();
    if (key == null || command == null) {
      throw new InvalidCommandException("inventory command without key or value");
    }
    if (!key.getTenantId().equals(command.getTenantId())) {
      // A command may only touch its own tenant's stock; a mismatch is a bug or an attack, never applied.
      throw new InvalidCommandException(
          "tenant of key (" + key.getTenantId() + ") differs from tenant of command (" + command.getTenantId() + ")");
    }
    Instant at = Instant.ofEpochMilli(record.timestamp());
    if (command.getCommand() instanceof SetStockLevel set) {
      if (!set.getSku().equals(key.getSku())) {
        throw new InvalidCommandException("sku of key (" + key.getSku() + ") differs from sku of command (" + set.getSku() + ")");
      }
      StockLevel current = stock.get(key);
      StockLedger.Change change;
      try {
        change = StockLedger.setLevel(current != null ? current : StockLedger.empty(key.getTenantId(), key.getSku(), at), set, at);
      } catch (IllegalArgumentException e) {
        throw new InvalidCommandException(e.getMessage());
      }
      stock.put(key, change.next());
      emit(record, key, command, change, at);
    } else {
      throw new InvalidCommandException("unknown inventory command " + command.getCommand().getClass().getName());
    }
  }

  private void emit(Record<SkuKey, InventoryCommand> record, SkuKey key, InventoryCommand command, StockLedger.Change change, Instant at) {
    StockLevel next = change.next();
    WarehouseStock warehouse = next.getWarehouses().get(change.warehouse());
    StockLevelChanged changed =
        StockLevelChanged.newBuilder()
            .setEventId(EventIds.derive(command.getCommandId(), "stock-changed"))
            .setTenantId(key.getTenantId())
            .setOccurredAt(at)
            .setCorrelationId(command.getCorrelationId())
            .setCausationId(command.getCommandId())
            .setSku(key.getSku())
            .setWarehouse(change.warehouse())
            .setAvailable(warehouse.getAvailable())
            .setReserved(warehouse.getReserved())
            .setTotalAvailable(StockLedger.totalAvailable(next))
            .setTotalReserved(StockLedger.totalReserved(next))
            .setVersion(next.getVersion())
            .build();
    context.forward(record.withKey(key).<SpecificRecord>withValue(changed), InventoryTopology.STOCK_CHANGED_SINK);
    if (change.crossedLowStockThreshold()) {
      InventoryLowStock low =
          InventoryLowStock.newBuilder()
              .setEventId(EventIds.derive(command.getCommandId(), "low-stock"))
              .setTenantId(key.getTenantId())
              .setOccurredAt(at)
              .setCorrelationId(command.getCorrelationId())
              .setCausationId(command.getCommandId())
              .setSku(key.getSku())
              .setTotalAvailable(StockLedger.totalAvailable(next))
              .setThreshold(next.getLowStockThreshold())
              .build();
      context.forward(record.withKey(key).<SpecificRecord>withValue(low), InventoryTopology.LOW_STOCK_SINK);
    }
  }
}
