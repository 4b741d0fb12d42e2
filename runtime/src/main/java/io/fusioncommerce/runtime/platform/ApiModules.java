package io.fusioncommerce.runtime.platform;

import io.fusioncommerce.ingress.carts.CartRoutes;
import io.fusioncommerce.ingress.tax.TaxRoutes;
import io.fusioncommerce.ingress.promotions.PromotionRoutes;
import io.fusioncommerce.analytics.live.LiveFiguresSource;
import io.fusioncommerce.analytics.query.AnalyticsQueries;
import io.fusioncommerce.connectors.objectstore.ObjectStore;
import io.fusioncommerce.ingress.ApiModule;
import io.fusioncommerce.ingress.fraud.FraudRoutes;
import io.fusioncommerce.ingress.analytics.AnalyticsRoutes;
import io.fusioncommerce.ingress.analytics.DashboardRoutes;
import io.fusioncommerce.ingress.analytics.LiveRoutes;
import io.fusioncommerce.ingress.analytics.LiveSettings;
import io.fusioncommerce.ingress.campaigns.CampaignRoutes;
import io.fusioncommerce.ingress.catalog.CatalogProductMedia;
import io.fusioncommerce.ingress.catalog.CatalogSkus;
import io.fusioncommerce.ingress.catalog.CategoryRoutes;
import io.fusioncommerce.ingress.catalog.ProductRoutes;
import io.fusioncommerce.ingress.catalog.ProductTransferRoutes;
import io.fusioncommerce.ingress.catalog.TenantSettingsRoutes;
import io.fusioncommerce.ingress.catalog.csv.ImportSettings;
import io.fusioncommerce.ingress.catalog.media.MediaSettings;
import io.fusioncommerce.ingress.catalog.media.ProductMediaRoutes;
import io.fusioncommerce.ingress.database.Database;
import io.fusioncommerce.ingress.http.TrustedProxies;
import io.fusioncommerce.ingress.inventory.InventoryRoutes;
import io.fusioncommerce.ingress.notifications.NotificationRoutes;
import io.fusioncommerce.ingress.orders.OrderRoutes;
import io.fusioncommerce.ingress.pricing.PricingRoutes;
import io.fusioncommerce.ingress.shipping.HyperlocalRoutes;
import io.fusioncommerce.ingress.shipping.ShipmentRoutes;
import io.fusioncommerce.ingress.payments.PaymentRoutes;
import io.fusioncommerce.ingress.payments.WalletRoutes;
import io.fusioncommerce.ingress.returns.ReturnRoutes;
import io.fusioncommerce.ingress.http.BrowserPolicy;
import io.fusioncommerce.ingress.recommendations.RecommendationRoutes;
import io.fusioncommerce.connectors.webhooks.WebhookSettings;
import io.fusioncommerce.ingress.webhooks.WebhookRoutes;
import io.fusioncommerce.connectors.payments.PaymentSettings;
import io.fusioncommerce.connectors.payments.StripeWebhooks;
import io.fusioncommerce.topologies.campaigns.InviteCodes;
import java.util.List;

/** Every bounded context's HTTP routes. */
final class ApiModules {

  private ApiModules() {}

  /**
   * @param database the catalog and read models
   * @param objectStore binary objects (product media)
   * @param inviteCodes campaign invite code signer
   * @param analytics the analytics store's queries (history charts, /v1/analytics)
   * @param liveFigures the analytics topology's live figures (/v1/live)
   * @param webhooks which webhook targets are allowed and the limits (embedded or role mode)
   */
  static List<ApiModule> all(Database database, ObjectStore objectStore, InviteCodes inviteCodes,
      AnalyticsQueries analytics, LiveFiguresSource liveFigures, WebhookSettings webhooks) {
    return List.of(new InventoryRoutes(new CatalogSkus(database)), new OrderRoutes(database, OrderRoutes.fraudScoring(System.getenv())), new CategoryRoutes(database),
        new ProductTransferRoutes(database, ImportSettings.fromEnvironment(System.getenv())),
        new ProductRoutes(database),
        new ProductMediaRoutes(objectStore, new CatalogProductMedia(database), MediaSettings.fromEnvironment(System.getenv())),
        new TenantSettingsRoutes(database), new CampaignRoutes(database, inviteCodes),
        new ShipmentRoutes(objectStore, ShippingWorkers.webhooks(System.getenv())), new HyperlocalRoutes(),
        paymentRoutes(), new WalletRoutes(),
        new AnalyticsRoutes(analytics), new LiveRoutes(liveFigures, LiveSettings.fromEnvironment(System.getenv())),
        new DashboardRoutes(),
        // Pricing
        new PricingRoutes(database),
        // Fraud: the review queue, operators' decisions, the tenant's thresholds
        new FraudRoutes(),
        // X-Forwarded-* (invite and label links) believed from FUSION_TRUSTED_PROXIES only
        TrustedProxies.fromEnvironment(System.getenv()).module(),
        // Recommendations
        new RecommendationRoutes(),
        // Notifications: what was mailed, the tenant's sender, vendors' addresses (ADR 0025)
        new NotificationRoutes(database),
        // Webhooks: subscriptions, deliveries, replays (the worker delivers; see PlatformNode)
        new WebhookRoutes(database, webhooks),
        // Carts (COMMERCE): carts and checkout, tax rates
        new CartRoutes(OrderRoutes.fraudScoring(System.getenv())), new TaxRoutes(), new PromotionRoutes(),
        // Returns
        new ReturnRoutes(database),
        // Browsers: CORS for FUSION_CORS_ORIGINS, security headers on every answer
        BrowserPolicy.fromEnvironment(System.getenv()));
  }

  /** The Stripe webhook is served when STRIPE_WEBHOOK_SECRET is set (see PaymentSettings). */
  private static PaymentRoutes paymentRoutes() {
    PaymentSettings payments = PaymentSettings.fromEnvironment(System.getenv());
    return new PaymentRoutes(payments.webhookSecret().map(secret -> new StripeWebhooks(secret, payments.webhookTolerance())));
  }
}
