package io.fusioncommerce.analytics.feed;

import io.fusioncommerce.analytics.feed.Facts.StockFact;
import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.inventory.InventoryLowStock;
import io.fusioncommerce.schemas.inventory.StockLevelChanged;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stock movements and low stock as facts, and as live events for the tenant's low-stock tile. The delta of
 * a movement is the change of the warehouse's available stock since the last one the feed saw (store
 * {@value AnalyticsTopology#STOCK_STORE}: one number per SKU and warehouse); the vendor is the catalog's.
 */
final class StockFactsProcessor implements Processor<SkuKey, SpecificRecord, String, Object> {

  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, Long> levels;
  private KeyValueStore<SkuKey, Product> products;

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    levels = context.getStateStore(AnalyticsTopology.STOCK_STORE);
    products = context.getStateStore(AnalyticsTopology.PRODUCT_STORE);
  }

  @Override
  public void process(Record<SkuKey, SpecificRecord> record) {
    switch (record.value()) {
      case StockLevelChanged changed -> {
        long at = changed.getOccurredAt().toEpochMilli();
        String key = changed.getTenantId() + '\u0000' + changed.getSku() + '\u0000' + changed.getWarehouse();
        Long previous = levels.get(key);
        levels.put(key, changed.getAvailable());
        forward(record, new StockFact(at, changed.getEventId(), changed.getTenantId(), "STOCK_CHANGED",
            changed.getSku(), vendorOf(changed.getTenantId(), changed.getSku()),
            previous == null ? null : changed.getAvailable() - previous, changed.getTotalAvailable(), null, null));
        context.forward(record.withKey(changed.getTenantId())
            .withValue(new LiveEvent.StockLevel(at, changed.getSku(), changed.getTotalAvailable())));
      }
      case InventoryLowStock low -> {
        long at = low.getOccurredAt().toEpochMilli();
        forward(record, new StockFact(at, low.getEventId(), low.getTenantId(), "LOW_STOCK", low.getSku(),
            vendorOf(low.getTenantId(), low.getSku()), null, low.getTotalAvailable(), low.getThreshold(), null));
        context.forward(record.withKey(low.getTenantId())
            .withValue(new LiveEvent.LowStock(at, low.getSku(), low.getTotalAvailable(), low.getThreshold())));
      }
      case null, default -> { }
    }
  }

  private String vendorOf(String tenantId, String sku) {
    Product product = products.get(new SkuKey(tenantId, sku));
    return product == null ? null : product.getVendorId();
  }

  private void forward(Record<SkuKey, SpecificRecord> record, StockFact fact) {
    context.forward(record.withKey(fact.factId()).withValue(fact));
  }
}
