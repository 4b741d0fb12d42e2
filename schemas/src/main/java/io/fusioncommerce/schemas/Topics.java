package io.fusioncommerce.schemas;

import io.fusioncommerce.schemas.campaigns.CampaignCommand;
import io.fusioncommerce.schemas.carts.CartAbandoned;
import io.fusioncommerce.schemas.carts.CartCommand;
import io.fusioncommerce.schemas.carts.CartKey;
import io.fusioncommerce.schemas.promotions.PromotionCommand;
import io.fusioncommerce.schemas.promotions.PromotionKey;
import io.fusioncommerce.schemas.promotions.PromotionRedemptionOutcome;
import io.fusioncommerce.schemas.promotions.PromotionState;
import io.fusioncommerce.schemas.tax.TaxRates;
import io.fusioncommerce.schemas.tax.TaxRatesKey;
import io.fusioncommerce.schemas.campaigns.CampaignCreated;
import io.fusioncommerce.schemas.campaigns.CampaignExpired;
import io.fusioncommerce.schemas.campaigns.CampaignJoinRefused;
import io.fusioncommerce.schemas.campaigns.CampaignJoined;
import io.fusioncommerce.schemas.campaigns.CampaignListRow;
import io.fusioncommerce.schemas.campaigns.CampaignRejected;
import io.fusioncommerce.schemas.campaigns.CampaignSucceeded;
import io.fusioncommerce.schemas.campaigns.GroupOrderOutcome;
import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.catalog.ProductApproved;
import io.fusioncommerce.schemas.catalog.ProductArchived;
import io.fusioncommerce.schemas.catalog.ProductCreated;
import io.fusioncommerce.schemas.catalog.ProductRejected;
import io.fusioncommerce.schemas.catalog.ProductUpdated;
import io.fusioncommerce.schemas.common.CampaignKey;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.common.PaymentKey;
import io.fusioncommerce.schemas.common.ShipmentKey;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.fraud.FraudCommand;
import io.fusioncommerce.schemas.fraud.OrderRiskAssessed;
import io.fusioncommerce.schemas.inventory.InventoryCommand;
import io.fusioncommerce.schemas.inventory.InventoryCommitted;
import io.fusioncommerce.schemas.inventory.InventoryInsufficient;
import io.fusioncommerce.schemas.inventory.InventoryLowStock;
import io.fusioncommerce.schemas.inventory.InventoryReleased;
import io.fusioncommerce.schemas.inventory.InventoryReserved;
import io.fusioncommerce.schemas.inventory.StockLevelChanged;
import io.fusioncommerce.schemas.orders.OrderCommand;
import io.fusioncommerce.schemas.orders.OrderCreated;
import io.fusioncommerce.schemas.orders.OrderStatusChanged;
import io.fusioncommerce.schemas.orders.OrderView;
import io.fusioncommerce.schemas.common.CustomerKey;
import io.fusioncommerce.schemas.payments.PaymentCommand;
import io.fusioncommerce.schemas.payments.PaymentCreated;
import io.fusioncommerce.schemas.payments.PaymentFailed;
import io.fusioncommerce.schemas.payments.PaymentProviderRequest;
import io.fusioncommerce.schemas.payments.PaymentRefundRefused;
import io.fusioncommerce.schemas.payments.PaymentRefunded;
import io.fusioncommerce.schemas.payments.PaymentSucceeded;
import io.fusioncommerce.schemas.recommendations.CategoryKey;
import io.fusioncommerce.schemas.returns.ReturnApproved;
import io.fusioncommerce.schemas.returns.ReturnCommand;
import io.fusioncommerce.schemas.returns.ReturnReceived;
import io.fusioncommerce.schemas.returns.ReturnRefunded;
import io.fusioncommerce.schemas.returns.ReturnRejected;
import io.fusioncommerce.schemas.returns.ReturnRequested;
import io.fusioncommerce.schemas.recommendations.CategoryPurchased;
import io.fusioncommerce.schemas.recommendations.CustomerPurchased;
import io.fusioncommerce.schemas.recommendations.SkuPurchased;
import io.fusioncommerce.schemas.shipping.HyperlocalAgent;
import io.fusioncommerce.schemas.shipping.HyperlocalAgentKey;
import io.fusioncommerce.schemas.shipping.LabelRequested;
import io.fusioncommerce.schemas.shipping.ShipmentCommand;
import io.fusioncommerce.schemas.shipping.ShipmentTracked;
import io.fusioncommerce.schemas.wallets.WalletCommand;
import io.fusioncommerce.schemas.wallets.WalletTransaction;
import io.fusioncommerce.schemas.shipping.ShippingLabelCreated;
import io.fusioncommerce.schemas.shipping.ShippingOptions;
import io.fusioncommerce.schemas.pricing.CurrentPrice;
import io.fusioncommerce.schemas.pricing.PriceChanged;
import io.fusioncommerce.schemas.pricing.PricingCommand;
import io.fusioncommerce.schemas.pricing.PricingSignal;
import io.fusioncommerce.schemas.tenants.TenantKey;
import io.fusioncommerce.schemas.tenants.TenantSettings;
import java.util.List;

/** Every topic of the platform, in one place. Topic names are part of the public contract. */
public final class Topics {

  private Topics() {}

  // Inventory
  public static final TopicContract<SkuKey, InventoryCommand> INVENTORY_COMMANDS =
      new TopicContract<>("inventory.commands", SkuKey.class, InventoryCommand.class, TopicContract.Kind.COMMAND);
  public static final TopicContract<SkuKey, StockLevelChanged> INVENTORY_STOCK_CHANGED =
      new TopicContract<>("inventory.stock-changed", SkuKey.class, StockLevelChanged.class, TopicContract.Kind.EVENT);
  // Reservation outcomes are facts about an order's line: keyed by the order, so the order topology
  // reads them on the partition that owns the order.
  public static final TopicContract<OrderKey, InventoryReserved> INVENTORY_RESERVED =
      new TopicContract<>("inventory.reserved", OrderKey.class, InventoryReserved.class, TopicContract.Kind.EVENT);
  public static final TopicContract<OrderKey, InventoryInsufficient> INVENTORY_INSUFFICIENT =
      new TopicContract<>("inventory.insufficient", OrderKey.class, InventoryInsufficient.class, TopicContract.Kind.EVENT);
  public static final TopicContract<OrderKey, InventoryReleased> INVENTORY_RELEASED =
      new TopicContract<>("inventory.released", OrderKey.class, InventoryReleased.class, TopicContract.Kind.EVENT);
  public static final TopicContract<OrderKey, InventoryCommitted> INVENTORY_COMMITTED =
      new TopicContract<>("inventory.committed", OrderKey.class, InventoryCommitted.class, TopicContract.Kind.EVENT);
  public static final TopicContract<SkuKey, InventoryLowStock> INVENTORY_LOW_STOCK =
      new TopicContract<>("inventory.low-stock", SkuKey.class, InventoryLowStock.class, TopicContract.Kind.EVENT);

  // Catalog
  public static final TopicContract<SkuKey, ProductCreated> PRODUCT_CREATED =
      new TopicContract<>("product.created", SkuKey.class, ProductCreated.class, TopicContract.Kind.EVENT);
  public static final TopicContract<SkuKey, ProductUpdated> PRODUCT_UPDATED =
      new TopicContract<>("product.updated", SkuKey.class, ProductUpdated.class, TopicContract.Kind.EVENT);
  public static final TopicContract<SkuKey, ProductArchived> PRODUCT_ARCHIVED =
      new TopicContract<>("product.archived", SkuKey.class, ProductArchived.class, TopicContract.Kind.EVENT);
  public static final TopicContract<SkuKey, ProductApproved> PRODUCT_APPROVED =
      new TopicContract<>("product.approved", SkuKey.class, ProductApproved.class, TopicContract.Kind.EVENT);
  public static final TopicContract<SkuKey, ProductRejected> PRODUCT_REJECTED =
      new TopicContract<>("product.rejected", SkuKey.class, ProductRejected.class, TopicContract.Kind.EVENT);
  /** Every orderable SKU's current price, vendor and status (compacted). */
  public static final TopicContract<SkuKey, Product> CATALOG_PRODUCTS =
      new TopicContract<>("catalog.products", SkuKey.class, Product.class, TopicContract.Kind.TABLE);

  // Orders
  public static final TopicContract<OrderKey, OrderCommand> ORDER_COMMANDS =
      new TopicContract<>("order.commands", OrderKey.class, OrderCommand.class, TopicContract.Kind.COMMAND);
  public static final TopicContract<OrderKey, OrderCreated> ORDER_CREATED =
      new TopicContract<>("order.created", OrderKey.class, OrderCreated.class, TopicContract.Kind.EVENT);
  public static final TopicContract<OrderKey, OrderStatusChanged> ORDER_STATUS_CHANGED =
      new TopicContract<>("order.status-changed", OrderKey.class, OrderStatusChanged.class, TopicContract.Kind.EVENT);
  /** One row per order for the Postgres read model (compacted; the JDBC sink upserts it). */
  public static final TopicContract<OrderKey, OrderView> ORDERS_VIEW =
      new TopicContract<>("orders.view", OrderKey.class, OrderView.class, TopicContract.Kind.TABLE);

  // Tenants
  public static final TopicContract<TenantKey, TenantSettings> TENANT_SETTINGS =
      new TopicContract<>("tenant.settings", TenantKey.class, TenantSettings.class, TopicContract.Kind.TABLE);

  // Group buying
  public static final TopicContract<CampaignKey, CampaignCommand> CAMPAIGN_COMMANDS =
      new TopicContract<>("campaign.commands", CampaignKey.class, CampaignCommand.class, TopicContract.Kind.COMMAND);
  public static final TopicContract<CampaignKey, CampaignRejected> CAMPAIGN_REJECTED =
      new TopicContract<>("campaign.rejected", CampaignKey.class, CampaignRejected.class, TopicContract.Kind.EVENT);
  public static final TopicContract<CampaignKey, CampaignJoinRefused> CAMPAIGN_JOIN_REFUSED =
      new TopicContract<>("campaign.join-refused", CampaignKey.class, CampaignJoinRefused.class, TopicContract.Kind.EVENT);
  /** One row per campaign for the Postgres campaign list (compacted; the JDBC sink upserts it). */
  public static final TopicContract<CampaignKey, CampaignListRow> CAMPAIGNS_VIEW =
      new TopicContract<>("campaigns.view", CampaignKey.class, CampaignListRow.class, TopicContract.Kind.TABLE);
  /** Status changes of group orders, re-keyed by campaign so the campaign's partition sees them. */
  public static final TopicContract<CampaignKey, GroupOrderOutcome> CAMPAIGN_GROUP_ORDERS =
      new TopicContract<>("campaign.group-orders", CampaignKey.class, GroupOrderOutcome.class, TopicContract.Kind.EVENT);
  public static final TopicContract<CampaignKey, CampaignCreated> CAMPAIGN_CREATED =
      new TopicContract<>("campaign.created", CampaignKey.class, CampaignCreated.class, TopicContract.Kind.EVENT);
  public static final TopicContract<CampaignKey, CampaignJoined> CAMPAIGN_JOINED =
      new TopicContract<>("campaign.joined", CampaignKey.class, CampaignJoined.class, TopicContract.Kind.EVENT);
  public static final TopicContract<CampaignKey, CampaignSucceeded> CAMPAIGN_SUCCEEDED =
      new TopicContract<>("campaign.succeeded", CampaignKey.class, CampaignSucceeded.class, TopicContract.Kind.EVENT);
  public static final TopicContract<CampaignKey, CampaignExpired> CAMPAIGN_EXPIRED =
      new TopicContract<>("campaign.expired", CampaignKey.class, CampaignExpired.class, TopicContract.Kind.EVENT);

  // Payments
  public static final TopicContract<PaymentKey, PaymentCreated> PAYMENT_CREATED =
      new TopicContract<>("payment.created", PaymentKey.class, PaymentCreated.class, TopicContract.Kind.EVENT);
  public static final TopicContract<PaymentKey, PaymentSucceeded> PAYMENT_SUCCEEDED =
      new TopicContract<>("payment.succeeded", PaymentKey.class, PaymentSucceeded.class, TopicContract.Kind.EVENT);
  public static final TopicContract<PaymentKey, PaymentFailed> PAYMENT_FAILED =
      new TopicContract<>("payment.failed", PaymentKey.class, PaymentFailed.class, TopicContract.Kind.EVENT);
  public static final TopicContract<PaymentKey, PaymentCommand> PAYMENT_COMMANDS =
      new TopicContract<>("payment.commands", PaymentKey.class, PaymentCommand.class, TopicContract.Kind.COMMAND);
  /** Calls to the payment provider, made by the payment worker (never by a stream processor). */
  public static final TopicContract<PaymentKey, PaymentProviderRequest> PAYMENT_PROVIDER_REQUESTS =
      new TopicContract<>("payment.provider-requests", PaymentKey.class, PaymentProviderRequest.class,
          TopicContract.Kind.COMMAND);
  public static final TopicContract<PaymentKey, PaymentRefunded> PAYMENT_REFUNDED =
      new TopicContract<>("payment.refunded", PaymentKey.class, PaymentRefunded.class, TopicContract.Kind.EVENT);
  public static final TopicContract<PaymentKey, PaymentRefundRefused> PAYMENT_REFUND_REFUSED =
      new TopicContract<>("payment.refund-refused", PaymentKey.class, PaymentRefundRefused.class,
          TopicContract.Kind.EVENT);
  public static final TopicContract<CustomerKey, WalletCommand> WALLET_COMMANDS =
      new TopicContract<>("wallet.commands", CustomerKey.class, WalletCommand.class, TopicContract.Kind.COMMAND);
  public static final TopicContract<CustomerKey, WalletTransaction> WALLET_TRANSACTIONS =
      new TopicContract<>("wallet.transactions", CustomerKey.class, WalletTransaction.class, TopicContract.Kind.EVENT);

  // Shipping
  public static final TopicContract<ShipmentKey, ShippingLabelCreated> SHIPPING_LABEL_CREATED =
      new TopicContract<>("shipping.label.created", ShipmentKey.class, ShippingLabelCreated.class, TopicContract.Kind.EVENT);
  public static final TopicContract<ShipmentKey, ShipmentCommand> SHIPPING_COMMANDS =
      new TopicContract<>("shipping.commands", ShipmentKey.class, ShipmentCommand.class, TopicContract.Kind.COMMAND);
  /** Shipments that need a label: read by the label worker, never by a stream processor that calls out. */
  public static final TopicContract<ShipmentKey, LabelRequested> SHIPPING_LABEL_REQUESTS =
      new TopicContract<>("shipping.label-requests", ShipmentKey.class, LabelRequested.class, TopicContract.Kind.EVENT);
  public static final TopicContract<ShipmentKey, ShipmentTracked> SHIPPING_TRACKING =
      new TopicContract<>("shipping.tracking", ShipmentKey.class, ShipmentTracked.class, TopicContract.Kind.EVENT);
  /** Registered hyperlocal agents (compacted; every shipping instance holds them all in a global store). */
  public static final TopicContract<HyperlocalAgentKey, HyperlocalAgent> SHIPPING_HYPERLOCAL_AGENTS =
      new TopicContract<>("shipping.hyperlocal-agents", HyperlocalAgentKey.class, HyperlocalAgent.class,
          TopicContract.Kind.TABLE);
  /** Each tenant's shipping options, hyperlocal routing on or off (compacted). */
  public static final TopicContract<TenantKey, ShippingOptions> SHIPPING_OPTIONS =
      new TopicContract<>("shipping.options", TenantKey.class, ShippingOptions.class, TopicContract.Kind.TABLE);

  // Pricing
  public static final TopicContract<SkuKey, PricingCommand> PRICING_COMMANDS =
      new TopicContract<>("pricing.commands", SkuKey.class, PricingCommand.class, TopicContract.Kind.COMMAND);
  /** Demand signals (order lines, campaign participants) re-keyed by SKU for the pricing topology. */
  public static final TopicContract<SkuKey, PricingSignal> PRICING_SIGNALS =
      new TopicContract<>("pricing.signals", SkuKey.class, PricingSignal.class, TopicContract.Kind.EVENT);
  public static final TopicContract<SkuKey, PriceChanged> PRICE_CHANGED =
      new TopicContract<>("price.changed", SkuKey.class, PriceChanged.class, TopicContract.Kind.EVENT);
  /** Each dynamically priced SKU's current price (compacted; the order topology reads it as a global table). */
  public static final TopicContract<SkuKey, CurrentPrice> PRICING_CURRENT_PRICES =
      new TopicContract<>("pricing.current-prices", SkuKey.class, CurrentPrice.class, TopicContract.Kind.TABLE);

  // Recommendations: a confirmed order's purchases, re-keyed to the partitions that keep each SKU's
  // neighbours, each customer's profile and each category's popularity (the recommendation topology's
  // own repartitions; kept like events, so the stores can be rebuilt from them).
  public static final TopicContract<SkuKey, SkuPurchased> RECOMMENDATION_SKU_PURCHASES =
      new TopicContract<>("recommendations.sku-purchases", SkuKey.class, SkuPurchased.class, TopicContract.Kind.EVENT);
  public static final TopicContract<CustomerKey, CustomerPurchased> RECOMMENDATION_CUSTOMER_PURCHASES =
      new TopicContract<>("recommendations.customer-purchases", CustomerKey.class, CustomerPurchased.class,
          TopicContract.Kind.EVENT);
  public static final TopicContract<CategoryKey, CategoryPurchased> RECOMMENDATION_CATEGORY_PURCHASES =
      new TopicContract<>("recommendations.category-purchases", CategoryKey.class, CategoryPurchased.class,
          TopicContract.Kind.EVENT);
  // Fraud
  /**
   * Commands to the fraud topology, keyed by tenant: every fraud feature of a tenant lives on one partition.
   * Besides AssessOrderRisk and the settings, failed payments and HELD orders are relayed here re-keyed.
   */
  public static final TopicContract<TenantKey, FraudCommand> FRAUD_COMMANDS =
      new TopicContract<>("fraud.commands", TenantKey.class, FraudCommand.class, TopicContract.Kind.COMMAND);
  /** An order's risk, keyed by the order so the order topology reads it on the order's partition. */
  public static final TopicContract<OrderKey, OrderRiskAssessed> FRAUD_ASSESSED =
      new TopicContract<>("fraud.assessed", OrderKey.class, OrderRiskAssessed.class, TopicContract.Kind.EVENT);

  // Carts (COMMERCE): cart commands keyed by cart, idle carts' events, and each tenant's tax rates per country
  public static final TopicContract<CartKey, CartCommand> CART_COMMANDS =
      new TopicContract<>("cart.commands", CartKey.class, CartCommand.class, TopicContract.Kind.COMMAND);
  /** A cart with lines was left idle for the configured time (once per idle period). */
  public static final TopicContract<CartKey, CartAbandoned> CART_ABANDONED =
      new TopicContract<>("cart.abandoned", CartKey.class, CartAbandoned.class, TopicContract.Kind.EVENT);
  /** Each tenant's tax rates per country (compacted; the cart topology reads it as a global table). */
  public static final TopicContract<TaxRatesKey, TaxRates> TAX_RATES =
      new TopicContract<>("tax.rates", TaxRatesKey.class, TaxRates.class, TopicContract.Kind.TABLE);
  /** Commands to the promotion topology (create, redeem for an order, release an order's redemption), keyed by promotion. */
  public static final TopicContract<PromotionKey, PromotionCommand> PROMOTION_COMMANDS =
      new TopicContract<>("promotion.commands", PromotionKey.class, PromotionCommand.class, TopicContract.Kind.COMMAND);
  /** The outcome of an order's redemption, keyed by the order so the order topology reads it on the order's partition. */
  public static final TopicContract<OrderKey, PromotionRedemptionOutcome> PROMOTION_REDEMPTIONS =
      new TopicContract<>("promotion.redemptions", OrderKey.class, PromotionRedemptionOutcome.class,
          TopicContract.Kind.EVENT);
  /** Each promotion with its redemption count (compacted; the carts read it as a global table to price with). */
  public static final TopicContract<PromotionKey, PromotionState> PROMOTIONS_DEFINITIONS =
      new TopicContract<>("promotions.definitions", PromotionKey.class, PromotionState.class, TopicContract.Kind.TABLE);

  // Returns: keyed by the ORDER, so a return is decided on the partition of its order's own events (ADR 0024).
  /** Return commands from the ingress, and refund outcomes relayed from the payment topology. */
  public static final TopicContract<OrderKey, ReturnCommand> RETURN_COMMANDS =
      new TopicContract<>("return.commands", OrderKey.class, ReturnCommand.class, TopicContract.Kind.COMMAND);
  public static final TopicContract<OrderKey, ReturnRequested> RETURN_REQUESTED =
      new TopicContract<>("return.requested", OrderKey.class, ReturnRequested.class, TopicContract.Kind.EVENT);
  public static final TopicContract<OrderKey, ReturnApproved> RETURN_APPROVED =
      new TopicContract<>("return.approved", OrderKey.class, ReturnApproved.class, TopicContract.Kind.EVENT);
  public static final TopicContract<OrderKey, ReturnRejected> RETURN_REJECTED =
      new TopicContract<>("return.rejected", OrderKey.class, ReturnRejected.class, TopicContract.Kind.EVENT);
  public static final TopicContract<OrderKey, ReturnReceived> RETURN_RECEIVED =
      new TopicContract<>("return.received", OrderKey.class, ReturnReceived.class, TopicContract.Kind.EVENT);
  public static final TopicContract<OrderKey, ReturnRefunded> RETURN_REFUNDED =
      new TopicContract<>("return.refunded", OrderKey.class, ReturnRefunded.class, TopicContract.Kind.EVENT);

  /**
   * Raw change topics of the catalog source connector (connectors/catalog-source.json): Debezium's
   * change events as schemaless JSON, keyed by the row's primary key as JSON. They are internal: only
   * the catalog topology reads them; everyone else reads the Avro events it derives. Named
   * {@code <topic.prefix>.<schema>.<table>} by Debezium.
   */
  public static final String CDC_TOPIC_PREFIX = "cdc";
  public static final String CDC_CATALOG_PRODUCTS = CDC_TOPIC_PREFIX + ".catalog.products";
  public static final String CDC_CATALOG_TENANTS = CDC_TOPIC_PREFIX + ".catalog.tenants";
  /** The raw change topics, created by the platform before any topology subscribes to them. */
  public static final List<String> CDC_TOPICS = List.of(CDC_CATALOG_PRODUCTS, CDC_CATALOG_TENANTS);

  /**
   * Records a topology could not process (Kafka Streams' dead-letter queue, KIP-1034): the raw key and
   * value bytes of the failed record, with the exception, source topic, partition and offset in headers.
   */
  public static final String DEAD_LETTER = "platform.dead-letter";

  /** Every contract topic, for creation at start-up and for the schema checks. */
  public static final List<TopicContract<?, ?>> ALL =
      List.of(
          INVENTORY_COMMANDS,
          INVENTORY_STOCK_CHANGED,
          INVENTORY_RESERVED,
          INVENTORY_INSUFFICIENT,
          INVENTORY_RELEASED,
          INVENTORY_COMMITTED,
          INVENTORY_LOW_STOCK,
          PRODUCT_CREATED,
          PRODUCT_UPDATED,
          PRODUCT_ARCHIVED,
          PRODUCT_APPROVED,
          PRODUCT_REJECTED,
          CATALOG_PRODUCTS,
          ORDER_COMMANDS,
          ORDER_CREATED,
          ORDER_STATUS_CHANGED,
          ORDERS_VIEW,
          TENANT_SETTINGS,
          CAMPAIGN_COMMANDS,
          CAMPAIGN_CREATED,
          CAMPAIGN_REJECTED,
          CAMPAIGN_JOIN_REFUSED,
          CAMPAIGN_GROUP_ORDERS,
          CAMPAIGNS_VIEW,
          CAMPAIGN_JOINED,
          CAMPAIGN_SUCCEEDED,
          CAMPAIGN_EXPIRED,
          PAYMENT_CREATED,
          PAYMENT_SUCCEEDED,
          PAYMENT_FAILED,
          PAYMENT_COMMANDS,
          PAYMENT_PROVIDER_REQUESTS,
          PAYMENT_REFUNDED,
          PAYMENT_REFUND_REFUSED,
          WALLET_COMMANDS,
          WALLET_TRANSACTIONS,
          SHIPPING_LABEL_CREATED,
          SHIPPING_COMMANDS,
          SHIPPING_LABEL_REQUESTS,
          SHIPPING_TRACKING,
          SHIPPING_HYPERLOCAL_AGENTS,
          SHIPPING_OPTIONS,
          // Pricing
          PRICING_COMMANDS,
          PRICING_SIGNALS,
          PRICE_CHANGED,
          PRICING_CURRENT_PRICES,
          // Recommendations
          RECOMMENDATION_SKU_PURCHASES,
          RECOMMENDATION_CUSTOMER_PURCHASES,
          RECOMMENDATION_CATEGORY_PURCHASES,
          // Fraud
          FRAUD_COMMANDS,
          FRAUD_ASSESSED,
          // Carts (COMMERCE)
          CART_COMMANDS,
          CART_ABANDONED,
          TAX_RATES,
          PROMOTION_COMMANDS,
          PROMOTION_REDEMPTIONS,
          PROMOTIONS_DEFINITIONS,
          // Returns
          RETURN_COMMANDS,
          RETURN_REQUESTED,
          RETURN_APPROVED,
          RETURN_REJECTED,
          RETURN_RECEIVED,
          RETURN_REFUNDED);
}
