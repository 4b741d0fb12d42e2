package io.fusioncommerce.analytics.feed;

import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.topologies.support.StoreChangeListener;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Keeps a tenant's live figures on the partition that owns the tenant: its minutes (a one-minute tumbling
 * window store), its low-stock SKUs and its open campaigns; tells the listener the tenant changed.
 */
final class LiveFiguresProcessor implements Processor<String, LiveEvent, Void, Void> {

  private final StoreChangeListener changes;
  private ProcessorContext<Void, Void> context;
  private WindowStore<String, MinuteFigures> minutes;
  private KeyValueStore<String, LiveEntries.LowStock> lowStock;
  private KeyValueStore<String, LiveEntries.OpenCampaign> campaigns;
  private KeyValueStore<SkuKey, Product> products;

  LiveFiguresProcessor(StoreChangeListener changes) {
    this.changes = changes;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    minutes = context.getStateStore(AnalyticsTopology.MINUTE_STORE);
    lowStock = context.getStateStore(AnalyticsTopology.LOW_STOCK_STORE);
    campaigns = context.getStateStore(AnalyticsTopology.CAMPAIGN_STORE);
    products = context.getStateStore(AnalyticsTopology.PRODUCT_STORE);
  }

  @Override
  public void process(Record<String, LiveEvent> record) {
    String tenantId = record.key();
    LiveEvent event = record.value();
    if (tenantId == null || event == null) {
      return;
    }
    String store = switch (event) {
      case LiveEvent.Placed p -> minute(tenantId, event);
      case LiveEvent.Confirmed c -> minute(tenantId, event);
      case LiveEvent.Rejected r -> minute(tenantId, event);
      case LiveEvent.LowStock low -> lowStock(tenantId, low);
      case LiveEvent.StockLevel level -> stockLevel(tenantId, level);
      case LiveEvent.Campaign campaign -> campaign(tenantId, campaign);
    };
    if (store != null) {
      changes.changed(store, tenantId);
    }
  }

  private String minute(String tenantId, LiveEvent event) {
    long start = event.at() - Math.floorMod(event.at(), AnalyticsTopology.MINUTE.toMillis());
    // a minute closes a grace period after its end (stream time): a straggler after that is not counted
    if (start + AnalyticsTopology.MINUTE.toMillis() + AnalyticsTopology.MINUTE_GRACE.toMillis()
        < context.currentStreamTimeMs()) {
      return null;
    }
    MinuteFigures current = minutes.fetch(tenantId, start);
    minutes.put(tenantId, (current == null ? MinuteFigures.empty() : current).with(event), start);
    return AnalyticsTopology.MINUTE_STORE;
  }

  private String lowStock(String tenantId, LiveEvent.LowStock low) {
    String key = LiveEntries.tenantPrefix(tenantId) + low.sku();
    LiveEntries.LowStock known = lowStock.get(key);
    Product product = products.get(new SkuKey(tenantId, low.sku()));
    lowStock.put(key, new LiveEntries.LowStock(low.sku(), product == null ? null : product.getVendorId(),
        low.available(), low.threshold(), known == null ? low.at() : known.since()));
    return AnalyticsTopology.LOW_STOCK_STORE;
  }

  private String stockLevel(String tenantId, LiveEvent.StockLevel level) {
    String key = LiveEntries.tenantPrefix(tenantId) + level.sku();
    LiveEntries.LowStock known = lowStock.get(key);
    if (known == null) {
      return null;
    }
    if (level.totalAvailable() > known.threshold()) {
      lowStock.delete(key);
    } else {
      lowStock.put(key, new LiveEntries.LowStock(known.sku(), known.vendorId(), level.totalAvailable(),
          known.threshold(), known.since()));
    }
    return AnalyticsTopology.LOW_STOCK_STORE;
  }

  private String campaign(String tenantId, LiveEvent.Campaign campaign) {
    String key = LiveEntries.tenantPrefix(tenantId) + campaign.campaignId();
    if ("OPEN".equals(campaign.status())) {
      campaigns.put(key, new LiveEntries.OpenCampaign(campaign.campaignId(), campaign.sku(), campaign.participants(),
          campaign.minParticipants(), campaign.endsAt()));
    } else {
      campaigns.delete(key);
    }
    return AnalyticsTopology.CAMPAIGN_STORE;
  }

  /** How long minutes are kept: the live tiles show the last hour; two give room for a late reader. */
  static final Duration RETENTION = Duration.ofHours(2);
}
