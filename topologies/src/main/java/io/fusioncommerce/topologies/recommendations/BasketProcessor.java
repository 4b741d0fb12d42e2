package io.fusioncommerce.topologies.recommendations;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.catalog.ProductCreated;
import io.fusioncommerce.schemas.catalog.ProductUpdated;
import io.fusioncommerce.schemas.common.CustomerKey;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.envelope.Cause;
import io.fusioncommerce.schemas.orders.OrderCreated;
import io.fusioncommerce.schemas.orders.OrderStatusChanged;
import io.fusioncommerce.schemas.recommendations.CategoryKey;
import io.fusioncommerce.schemas.recommendations.CategoryPurchased;
import io.fusioncommerce.schemas.recommendations.CustomerPurchased;
import io.fusioncommerce.schemas.recommendations.PendingBasket;
import io.fusioncommerce.schemas.recommendations.SkuPurchased;
import io.fusioncommerce.topologies.support.Wiring;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * On the orders' partitions: joins an order's lines (order.created) with its confirmation
 * (order.status-changed, which carries no lines and may be read first), counts the order once, and sends
 * its purchases to the partitions of its SKUs, its customer and its categories. orders.view is no help
 * here: it carries counts and vendors, not SKUs.
 */
final class BasketProcessor implements Processor<OrderKey, SpecificRecord, SpecificRecord, SpecificRecord> {

  private ProcessorContext<SpecificRecord, SpecificRecord> context;
  private KeyValueStore<OrderKey, PendingBasket> baskets;
  private KeyValueStore<SkuKey, Product> products;
  private KeyValueStore<SkuKey, ProductCreated> created;
  private KeyValueStore<SkuKey, ProductUpdated> updated;

  @Override
  public void init(ProcessorContext<SpecificRecord, SpecificRecord> context) {
    this.context = context;
    this.baskets = context.getStateStore(RecommendationTopology.BASKET_STORE);
    this.products = context.getStateStore(RecommendationTopology.PRODUCT_STORE);
    this.created = context.getStateStore(RecommendationTopology.PRODUCT_CREATED_STORE);
    this.updated = context.getStateStore(RecommendationTopology.PRODUCT_UPDATED_STORE);
  }

  @Override
  public void process(Record<OrderKey, SpecificRecord> record) {
    if (record.key() == null || record.value() == null) {
      return;
    }
    OrderKey key = record.key();
    PendingBasket current = baskets.get(key);
    Instant at = Instant.ofEpochMilli(record.timestamp());
    PendingBasket next = switch (record.value()) {
      case OrderCreated order -> RecommendationBook.placed(current, order, sku -> categories(key.getTenantId(), sku), at);
      case OrderStatusChanged changed when "CONFIRMED".equals(changed.getToStatus()) ->
          RecommendationBook.confirmed(current, key.getTenantId(), key.getOrderId(), changed.getOccurredAt());
      default -> current;
    };
    if (next == null || next.equals(current)) {
      return;
    }
    var purchase = RecommendationBook.toCount(next);
    if (purchase.isPresent()) {
      send(purchase.get(), Cause.of(record.value(), record.headers(), record.timestamp()));
      next = RecommendationBook.counted(next);
    }
    baskets.put(key, next);
  }

  private void send(ConfirmedPurchase purchase, Cause cause) {
    String tenant = purchase.tenantId();
    long timestamp = purchase.at().toEpochMilli();
    for (String sku : purchase.skus()) {
      List<String> others = purchase.boughtWith(sku);
      if (!others.isEmpty()) {
        forward(new SkuKey(tenant, sku), SkuPurchased.newBuilder(cause.event(new SkuPurchased(),
                cause.derive("recommendations-sku:" + purchase.orderId() + ":" + sku)))
            .setOccurredAt(purchase.at()).setOrderId(purchase.orderId()).setSku(sku).setBoughtWith(others).build(),
            timestamp, cause, Wiring.sinkName(Topics.RECOMMENDATION_SKU_PURCHASES));
      }
    }
    forward(new CustomerKey(tenant, purchase.customerId()), CustomerPurchased.newBuilder(cause.event(
            new CustomerPurchased(), cause.derive("recommendations-customer:" + purchase.orderId())))
        .setOccurredAt(purchase.at()).setOrderId(purchase.orderId()).setCustomerId(purchase.customerId())
        .setLines(purchase.lines()).build(), timestamp, cause, Wiring.sinkName(Topics.RECOMMENDATION_CUSTOMER_PURCHASES));
    for (Map.Entry<String, List<String>> category : purchase.skusByCategory().entrySet()) {
      forward(new CategoryKey(tenant, category.getKey()), CategoryPurchased.newBuilder(cause.event(
              new CategoryPurchased(), cause.derive("recommendations-category:" + purchase.orderId() + ":" + category.getKey())))
          .setOccurredAt(purchase.at()).setOrderId(purchase.orderId()).setCategoryId(category.getKey())
          .setSkus(category.getValue()).build(), timestamp, cause, Wiring.sinkName(Topics.RECOMMENDATION_CATEGORY_PURCHASES));
    }
  }

  private void forward(SpecificRecord key, SpecificRecord value, long timestamp, Cause cause, String sink) {
    context.forward(new Record<>(key, value, timestamp, cause.headers()), sink);
  }

  /** The SKU's product's categories (a variant is filed under its product's), as the catalog has them now. */
  private List<String> categories(String tenantId, String sku) {
    Product product = products.get(new SkuKey(tenantId, sku));
    String productSku = product != null && product.getParentSku() != null ? product.getParentSku() : sku;
    SkuKey key = new SkuKey(tenantId, productSku);
    ProductUpdated latest = updated.get(key);
    if (latest != null) {
      return latest.getCategoryIds();
    }
    ProductCreated first = created.get(key);
    return first != null ? first.getCategoryIds() : List.of();
  }
}
