package io.fusioncommerce.runtime.platform;

import io.fusioncommerce.connectors.objectstore.ObjectStore;
import io.fusioncommerce.ingress.ApiModule;
import io.fusioncommerce.ingress.campaigns.CampaignRoutes;
import io.fusioncommerce.ingress.catalog.CatalogProductMedia;
import io.fusioncommerce.ingress.catalog.CategoryRoutes;
import io.fusioncommerce.ingress.catalog.ProductRoutes;
import io.fusioncommerce.ingress.catalog.ProductTransferRoutes;
import io.fusioncommerce.ingress.catalog.TenantSettingsRoutes;
import io.fusioncommerce.ingress.catalog.csv.ImportSettings;
import io.fusioncommerce.ingress.catalog.media.MediaSettings;
import io.fusioncommerce.ingress.catalog.media.ProductMediaRoutes;
import io.fusioncommerce.ingress.database.Database;
import io.fusioncommerce.ingress.inventory.InventoryRoutes;
import io.fusioncommerce.ingress.orders.OrderRoutes;
import io.fusioncommerce.ingress.shipping.HyperlocalRoutes;
import io.fusioncommerce.ingress.shipping.ShipmentRoutes;
import io.fusioncommerce.ingress.payments.PaymentRoutes;
import io.fusioncommerce.ingress.payments.WalletRoutes;
import io.fusioncommerce.connectors.payments.PaymentSettings;
import io.fusioncommerce.connectors.payments.StripeWebhooks;
import java.util.List;

/** Every bounded context's HTTP routes. */
final class ApiModules {

  private ApiModules() {}

  /**
   * @param database the catalog and read models
   * @param objectStore binary objects (product media)
   */
  static List<ApiModule> all(Database database, ObjectStore objectStore) {
    return List.of(new InventoryRoutes(), new OrderRoutes(database), new CategoryRoutes(database),
        new ProductTransferRoutes(database, ImportSettings.fromEnvironment(System.getenv())),
        new ProductRoutes(database),
        new ProductMediaRoutes(objectStore, new CatalogProductMedia(database), MediaSettings.fromEnvironment(System.getenv())),
        new TenantSettingsRoutes(database), new CampaignRoutes(database),
        new ShipmentRoutes(objectStore, ShippingWorkers.webhooks(System.getenv())), new HyperlocalRoutes(),
        paymentRoutes(), new WalletRoutes());
  }

  /** The Stripe webhook is served when STRIPE_WEBHOOK_SECRET is set (see PaymentSettings). */
  private static PaymentRoutes paymentRoutes() {
    PaymentSettings payments = PaymentSettings.fromEnvironment(System.getenv());
    return new PaymentRoutes(payments.webhookSecret().map(secret -> new StripeWebhooks(secret, payments.webhookTolerance())));
  }
}
