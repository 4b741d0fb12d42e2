package io.fusioncommerce.analytics.feed;

import io.fusioncommerce.schemas.campaigns.CampaignListRow;
import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.catalog.ProductCreated;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.inventory.InventoryLowStock;
import io.fusioncommerce.schemas.inventory.StockLevelChanged;
import io.fusioncommerce.schemas.orders.OrderCreated;
import io.fusioncommerce.schemas.orders.OrderLine;
import io.fusioncommerce.schemas.orders.OrderStatusChanged;
import io.fusioncommerce.schemas.payments.PaymentRefunded;
import java.time.Instant;
import java.util.List;

/** Business events as the platform's topologies write them, with only what a test cares about to fill in. */
final class AnalyticsEvents {

  private AnalyticsEvents() {}

  /** Facts as Druid reads them: each JSON value as a map of its fields. */
  static java.util.List<java.util.Map<String, Object>> parsed(java.util.List<String> json) {
    return json.stream().map(value -> {
      try {
        return JsonSerde.MAPPER.readValue(value,
            new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, Object>>() {});
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).toList();
  }

  static OrderLine line(String sku, long quantity, long unitPrice, String vendorId) {
    return OrderLine.newBuilder().setSku(sku).setQuantity(quantity).setUnitPrice(new Money(unitPrice, "EUR"))
        .setVendorId(vendorId).build();
  }

  static OrderCreated created(String tenant, String orderId, Instant at, OrderLine... lines) {
    long total = List.of(lines).stream().mapToLong(l -> l.getQuantity() * l.getUnitPrice().getAmount()).sum();
    return OrderCreated.newBuilder().setEventId("ev-created-" + orderId).setTenantId(tenant).setOccurredAt(at)
        .setCorrelationId("corr").setOrderId(orderId).setCustomerId("cust-" + orderId).setItems(List.of(lines))
        .setTotal(new Money(total, "EUR")).build();
  }

  static OrderStatusChanged status(String tenant, String orderId, String to, String reason, Instant at) {
    return OrderStatusChanged.newBuilder().setEventId("ev-" + to + "-" + orderId).setTenantId(tenant)
        .setOccurredAt(at).setCorrelationId("corr").setOrderId(orderId).setCustomerId("cust-" + orderId)
        .setToStatus(to).setReason(reason).build();
  }

  static PaymentRefunded refunded(String tenant, String orderId, long amount, Instant at) {
    return PaymentRefunded.newBuilder().setEventId("ev-refund-" + orderId).setTenantId(tenant).setOccurredAt(at)
        .setCorrelationId("corr").setPaymentId("pay-" + orderId).setOrderId(orderId).setRefundId("ref-" + orderId)
        .setAmount(new Money(amount, "EUR")).setRefundedTotal(new Money(amount, "EUR")).setReason("damaged").build();
  }

  static ProductCreated product(String tenant, String sku, String vendorId, String... categoryIds) {
    return ProductCreated.newBuilder().setEventId("ev-product-" + sku).setTenantId(tenant)
        .setOccurredAt(Instant.EPOCH).setCorrelationId("corr").setSku(sku).setVendorId(vendorId).setName(sku)
        .setPrice(new Money(100L, "EUR")).setCategoryIds(List.of(categoryIds)).setStatus("ACTIVE").build();
  }

  static Product catalogRow(String tenant, String sku, String parentSku, String vendorId) {
    return Product.newBuilder().setTenantId(tenant).setSku(sku).setParentSku(parentSku).setVendorId(vendorId)
        .setName(sku).setPrice(new Money(100L, "EUR")).setStatus("ACTIVE").setVersion(1L).setUpdatedAt(Instant.EPOCH)
        .build();
  }

  static InventoryLowStock lowStock(String tenant, String sku, long available, long threshold, Instant at) {
    return InventoryLowStock.newBuilder().setEventId("ev-low-" + sku + at.toEpochMilli()).setTenantId(tenant)
        .setOccurredAt(at).setCorrelationId("corr").setSku(sku).setTotalAvailable(available).setThreshold(threshold)
        .build();
  }

  static StockLevelChanged stockChanged(String tenant, String sku, long available, Instant at) {
    return StockLevelChanged.newBuilder().setEventId("ev-stock-" + sku + at.toEpochMilli()).setTenantId(tenant)
        .setOccurredAt(at).setCorrelationId("corr").setSku(sku).setWarehouse("main").setAvailable(available)
        .setReserved(0).setTotalAvailable(available).setTotalReserved(0).setVersion(at.toEpochMilli()).build();
  }

  static CampaignListRow campaign(String tenant, String campaignId, String status, int participants, Instant endsAt,
      Instant at) {
    return CampaignListRow.newBuilder().setTenantId(tenant).setCampaignId(campaignId).setSku("sku-c")
        .setProductName("Group tea").setVendorId("v1").setStatus(status).setParticipants(participants)
        .setMinParticipants(10).setGroupPriceAmount(500).setCurrency("EUR").setStartsAt(Instant.EPOCH)
        .setEndsAt(endsAt).setCreatedAt(Instant.EPOCH).setUpdatedAt(at).setVersion(participants).build();
  }
}
