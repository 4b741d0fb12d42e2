package io.fusioncommerce.analytics.feed;

/** The live stores' values besides the minutes (times in epoch ms, so plain JSON keeps them). */
public final class LiveEntries {

  private LiveEntries() {}

  /** A SKU low on stock (store {@value AnalyticsTopology#LOW_STOCK_STORE}, key tenant + NUL + SKU). */
  public record LowStock(String sku, String vendorId, long available, long threshold, long since) {}

  /** An open campaign (store {@value AnalyticsTopology#CAMPAIGN_STORE}, key tenant + NUL + campaign). */
  public record OpenCampaign(String campaignId, String sku, long participants, long targetParticipants, long endsAt) {}

  /** The prefix of every key of {@code tenantId} in the live key-value stores. */
  public static String tenantPrefix(String tenantId) {
    return tenantId + '\u0000';
  }
}
