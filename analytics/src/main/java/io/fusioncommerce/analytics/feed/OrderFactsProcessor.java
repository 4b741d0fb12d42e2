package io.fusioncommerce.analytics.feed;

import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.catalog.ProductCreated;
import io.fusioncommerce.schemas.catalog.ProductUpdated;
import io.fusioncommerce.schemas.orders.OrderCreated;
import io.fusioncommerce.schemas.orders.OrderStatusChanged;
import io.fusioncommerce.schemas.payments.PaymentRefunded;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns an order's events (placed, status changes, refunds re-keyed by order) into one fact per line, and
 * tells the live figures (keyed by tenant) about placements, confirmations and rejections. The order's
 * lines are kept in {@value AnalyticsTopology#ORDER_STORE} from its placement on.
 */
final class OrderFactsProcessor implements Processor<OrderKey, SpecificRecord, String, Object> {

  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, OrderLines> orders;
  private KeyValueStore<String, EarlyStatuses> early;
  private CategoryLookup categories;

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.orders = context.getStateStore(AnalyticsTopology.ORDER_STORE);
    this.early = context.getStateStore(AnalyticsTopology.EARLY_STATUS_STORE);
    KeyValueStore<SkuKey, Product> products = context.getStateStore(AnalyticsTopology.PRODUCT_STORE);
    KeyValueStore<SkuKey, ProductCreated> created = context.getStateStore(AnalyticsTopology.PRODUCT_CREATED_STORE);
    KeyValueStore<SkuKey, ProductUpdated> updated = context.getStateStore(AnalyticsTopology.PRODUCT_UPDATED_STORE);
    this.categories = (tenantId, sku) -> {
      Product product = products.get(new SkuKey(tenantId, sku));
      // a variant SKU is filed under its product's categories
      String productSku = product != null && product.getParentSku() != null ? product.getParentSku() : sku;
      SkuKey key = new SkuKey(tenantId, productSku);
      ProductUpdated latest = updated.get(key);
      if (latest != null) {
        return ProductCategory.of(latest.getCategoryIds());
      }
      ProductCreated first = created.get(key);
      return first != null ? ProductCategory.of(first.getCategoryIds()) : ProductCategory.NONE;
    };
  }

  static String storeKey(String tenantId, String orderId) {
    return tenantId + '\u0000' + orderId;
  }

  @Override
  public void process(Record<OrderKey, SpecificRecord> record) {
    switch (record.value()) {
      case OrderCreated created -> placed(record, created);
      case OrderStatusChanged changed -> statusChanged(record, changed);
      case PaymentRefunded refunded -> refunded(record, refunded);
      case null, default -> { }
    }
  }

  private void placed(Record<OrderKey, SpecificRecord> record, OrderCreated created) {
    OrderLines order = OrderLineBook.placed(created, record.timestamp(), categories);
    orders.put(storeKey(order.tenantId(), order.orderId()), order);
    emit(record, OrderLineBook.facts(order, created.getEventId(), "PLACED", order.placedAt(), null, null));
    live(record, order.tenantId(), new LiveEvent.Placed(order.placedAt()));
    String key = storeKey(order.tenantId(), order.orderId());
    EarlyStatuses waiting = early.delete(key);
    if (waiting != null) {
      for (EarlyStatuses.EarlyStatus status : waiting.statuses()) {
        apply(record, key, orders.get(key), status);
      }
    }
  }

  private void statusChanged(Record<OrderKey, SpecificRecord> record, OrderStatusChanged changed) {
    String key = storeKey(changed.getTenantId(), changed.getOrderId());
    OrderLines order = orders.get(key);
    long at = changed.getOccurredAt().toEpochMilli();
    EarlyStatuses.EarlyStatus status = new EarlyStatuses.EarlyStatus(changed.getEventId(), changed.getToStatus(), at,
        changed.getReason(), changed.getCampaignId());
    if ("REJECTED".equals(status.status())) {
      live(record, changed.getTenantId(), new LiveEvent.Rejected(at, status.reason()));
    }
    if (order == null) {
      // its order.created has not been read yet (or the order expired long ago): keep it for the order
      EarlyStatuses waiting = early.get(key);
      early.put(key, waiting == null ? EarlyStatuses.first(at, status) : waiting.and(status));
      return;
    }
    apply(record, key, order, status);
  }

  private void apply(Record<OrderKey, SpecificRecord> record, String key, OrderLines order,
      EarlyStatuses.EarlyStatus change) {
    String status = change.status();
    long at = change.at();
    String reason = change.reason();
    Long latency = null;
    if ("CONFIRMED".equals(status)) {
      latency = Math.max(0, at - order.placedAt());
      long units = order.lines().stream().mapToLong(OrderLines.Line::quantity).sum();
      long revenue = order.lines().stream().mapToLong(OrderLines.Line::amount).sum();
      live(record, order.tenantId(), new LiveEvent.Confirmed(at, units, order.currency(), revenue, latency));
    }
    OrderLines moved = order.moved(status, change.campaignId(), at);
    if (OrderLineBook.FACT_STATUSES.contains(status)) {
      emit(record, OrderLineBook.facts(moved, change.eventId(), status, at, reason, latency));
    }
    orders.put(key, moved);
  }

  private void refunded(Record<OrderKey, SpecificRecord> record, PaymentRefunded refunded) {
    String key = storeKey(refunded.getTenantId(), refunded.getOrderId());
    OrderLines order = orders.get(key);
    if (order == null) {
      return;
    }
    long at = refunded.getOccurredAt().toEpochMilli();
    emit(record, OrderLineBook.refunded(order, refunded.getEventId(), at, refunded.getAmount().getAmount(),
        refunded.getAmount().getCurrency(), refunded.getReason()));
    orders.put(key, order.moved(order.status(), null, at));
  }

  private void emit(Record<OrderKey, SpecificRecord> record, List<? extends Facts.Fact> facts) {
    facts.forEach(fact -> context.forward(record.withKey(fact.factId()).withValue(fact)));
  }

  private void live(Record<OrderKey, SpecificRecord> record, String tenantId, LiveEvent event) {
    context.forward(record.withKey(tenantId).withValue(event));
  }
}
