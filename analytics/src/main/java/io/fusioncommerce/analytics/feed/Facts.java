package io.fusioncommerce.analytics.feed;

/**
 * The flat facts, one record type per fact topic. Field names are the Druid columns (see the contract in
 * {@link AnalyticsTopics}); times are epoch milliseconds, money is minor units with its currency.
 */
public final class Facts {

  private Facts() {}

  /** A fact and the topic it goes to; its key is its {@code factId}. */
  public sealed interface Fact permits OrderLineFact, PaymentFact, ShipmentFact, CampaignFact, StockFact {
    String factId();

    String tenantId();

    String topic();
  }

  public record OrderLineFact(long occurredAt, String factId, String tenantId, String event, String reason,
      String orderId, String customerId, String vendorId, String sku, String category, String categoryPath,
      String currency, long quantity, long unitPrice, long amount, long lines, long orderCount,
      long vendorOrderCount, long categoryOrderCount, String campaignId, Long confirmLatencyMillis) implements Fact {
    @Override
    public String topic() {
      return AnalyticsTopics.ORDER_LINES;
    }
  }

  public record PaymentFact(long occurredAt, String factId, String tenantId, String event, String paymentId,
      String orderId, String customerId, String provider, String methodType, String failureCode, String currency,
      long amount) implements Fact {
    @Override
    public String topic() {
      return AnalyticsTopics.PAYMENTS;
    }
  }

  public record ShipmentFact(long occurredAt, String factId, String tenantId, String event, String shipmentId,
      String orderId, String vendorId, String carrier, Long labelMillis, Long deliveryMillis) implements Fact {
    @Override
    public String topic() {
      return AnalyticsTopics.SHIPMENTS;
    }
  }

  public record CampaignFact(long occurredAt, String factId, String tenantId, String event, String campaignId,
      String sku, String vendorId, String customerId, Long quantity, Long targetQuantity, String reason)
      implements Fact {
    @Override
    public String topic() {
      return AnalyticsTopics.CAMPAIGNS;
    }
  }

  public record StockFact(long occurredAt, String factId, String tenantId, String event, String sku, String vendorId,
      Long delta, Long available, Long threshold, String reason) implements Fact {
    @Override
    public String topic() {
      return AnalyticsTopics.STOCK;
    }
  }
}
