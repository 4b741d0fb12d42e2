package io.fusioncommerce.topologies.carts;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.carts.CartAbandoned;
import io.fusioncommerce.schemas.carts.CartCommand;
import io.fusioncommerce.schemas.carts.CartKey;
import io.fusioncommerce.schemas.carts.CartState;
import io.fusioncommerce.schemas.carts.CheckoutCart;
import io.fusioncommerce.schemas.carts.CreateCart;
import io.fusioncommerce.schemas.carts.SetCartItem;
import io.fusioncommerce.schemas.carts.SetCartShippingAddress;
import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.common.Actor;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.inventory.InventoryCommand;
import io.fusioncommerce.schemas.orders.ShippingAddress;
import io.fusioncommerce.schemas.pricing.CurrentPrice;
import io.fusioncommerce.schemas.tax.TaxRates;
import io.fusioncommerce.schemas.tax.TaxRatesKey;
import io.fusioncommerce.schemas.promotions.CreatePromotion;
import io.fusioncommerce.schemas.promotions.Promotion;
import io.fusioncommerce.schemas.promotions.PromotionCommand;
import io.fusioncommerce.schemas.promotions.PromotionKey;
import io.fusioncommerce.schemas.promotions.PromotionState;
import io.fusioncommerce.topologies.orders.SagaHarness;
import io.fusioncommerce.topologies.promotions.PromotionTopology;
import io.fusioncommerce.topologies.support.TestTopology;
import io.fusioncommerce.topologies.orders.SagaWiredHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The cart topology in a TopologyTestDriver beside the order saga: checkouts' orders, reservations and
 * risk assessments go into the saga as on the broker; the catalog, dynamic prices and tax rates are fed
 * to both sides.
 */
final class CartHarness extends SagaWiredHarness {

  static final Duration IDLE = Duration.ofMinutes(30);

  final KeyValueStore<CartKey, CartState> cartStore;
  final TestTopology promotionTopics;
  final KeyValueStore<PromotionKey, PromotionState> promotionStore;
  String customer = "c1";
  boolean riskAssessed = true;

  CartHarness(Path stateDir) {
    super(stateDir, "carts", new CartTopology(IDLE));
    saga.withFraud((features, thresholds) -> new io.fusioncommerce.topologies.fraud.RiskAssessment(0.01,
        io.fusioncommerce.topologies.fraud.RiskDecision.ACCEPT, List.of()));
    cartStore = store(CartTopology.CART_STORE);
    promotionTopics = TestTopology.start(new PromotionTopology(), stateDir.resolve("promotions"), SagaHarness.T0);
    promotionStore = promotionTopics.driver().getKeyValueStore(PromotionTopology.PROMOTION_STORE);
  }

  void promotion(Promotion promotion) {
    Actor admin = Actor.newBuilder().setSubject("admin").setRoles(List.of("admin")).build();
    promotionTopics.input(Topics.PROMOTION_COMMANDS).pipeInput(new PromotionKey(promotion.getTenantId(),
        promotion.getPromotionId()), PromotionCommand.newBuilder().setCommandId("create-" + promotion.getPromotionId())
        .setTenantId(promotion.getTenantId()).setIssuedAt(now()).setCorrelationId("corr").setIssuedBy(admin)
        .setCommand(new CreatePromotion(promotion)).build(), now());
    relay();
  }

  PromotionState promotionState(String tenant, String promotionId) {
    return promotionStore.get(new PromotionKey(tenant, promotionId));
  }

  Instant now() {
    return saga.now();
  }

  /** A product on both sides; {@code orderSidePrice} lets a test tell the cart's price from the order topology's. */
  void product(String tenant, String sku, long price, String currency, String vendor) {
    product(tenant, sku, price, currency, vendor, price);
  }

  void product(String tenant, String sku, long price, String currency, String vendor, long orderSidePrice) {
    saga.product(tenant, sku, orderSidePrice, currency, vendor, "ACTIVE");
    topics.input(Topics.CATALOG_PRODUCTS).pipeInput(new SkuKey(tenant, sku), Product.newBuilder().setTenantId(tenant)
        .setSku(sku).setVendorId(vendor).setName("Product " + sku).setPrice(new Money(price, currency))
        .setStatus("ACTIVE").setVersion(1).setUpdatedAt(SagaHarness.T0).build(), now());
  }

  void currentPrice(String tenant, String sku, long price, String currency) {
    topics.input(Topics.PRICING_CURRENT_PRICES).pipeInput(new SkuKey(tenant, sku), CurrentPrice.newBuilder()
        .setTenantId(tenant).setSku(sku).setPrice(new Money(price, currency)).setReason("HIGH_DEMAND").setValidFrom(now())
        .build(), now());
  }

  void taxRates(String tenant, String country, String rate, boolean inclusive, Map<String, String> regions) {
    topics.input(Topics.TAX_RATES).pipeInput(new TaxRatesKey(tenant, country), TaxRates.newBuilder().setTenantId(tenant)
        .setCountry(country).setRate(rate).setInclusive(inclusive).setRegions(regions).setUpdatedAt(now())
        .setUpdatedBy("admin").build(), now());
  }

  void stock(String tenant, String sku, long units) {
    saga.stock(tenant, sku, "main", units);
  }

  String command(String tenant, String cartId, Object body) {
    String commandId = pipe(tenant, cartId, body);
    relay();
    return commandId;
  }

  /** Writes a cart command without moving anything on: many of them then race through the saga at once. */
  String pipe(String tenant, String cartId, Object body) {
    String commandId = UUID.randomUUID().toString();
    Actor actor = Actor.newBuilder().setSubject(customer).setRoles(List.of("customer")).build();
    topics.input(Topics.CART_COMMANDS).pipeInput(new CartKey(tenant, cartId), CartCommand.newBuilder()
        .setCommandId(commandId).setTenantId(tenant).setIssuedAt(now()).setCorrelationId("corr-" + commandId)
        .setIssuedBy(actor).setCommand(body).build(), now());
    return commandId;
  }

  void create(String tenant, String cartId, String currency) {
    command(tenant, cartId, new CreateCart(cartId, customer, currency, "hash-" + cartId));
  }

  String set(String tenant, String cartId, String sku, long quantity) {
    return command(tenant, cartId, new SetCartItem(sku, quantity));
  }

  void shipTo(String tenant, String cartId, String country, String region) {
    command(tenant, cartId, new SetCartShippingAddress(address(country, region)));
  }

  String checkout(String tenant, String cartId, String orderId, String country, String region) {
    command(tenant, cartId, checkoutCommand(orderId, country, region));
    return orderId;
  }

  CheckoutCart checkoutCommand(String orderId, String country, String region) {
    return CheckoutCart.newBuilder().setOrderId(orderId).setShippingAddress(address(country, region))
        .setRiskAssessmentRequested(riskAssessed).build();
  }

  static ShippingAddress address(String country, String region) {
    return ShippingAddress.newBuilder().setName("Ada").setLine1("1 Main St").setCity("Town").setRegion(region)
        .setPostalCode("12345").setCountry(country).build();
  }

  CartState cart(String tenant, String cartId) {
    return cartStore.get(new CartKey(tenant, cartId));
  }

  List<CartAbandoned> abandoned() {
    return topics.output(Topics.CART_ABANDONED).readValuesToList();
  }

  void advance(Duration duration) {
    promotionTopics.driver().advanceWallClockTime(duration);
    topics.driver().advanceWallClockTime(duration);
    saga.advance(duration);
    relay();
  }

  @Override
  public void close() {
    promotionTopics.driver().close();
    super.close();
  }

  @Override
  protected boolean relayOnce() {
    boolean moved = forwardOrderCommands() > 0;
    for (TestRecord<SkuKey, InventoryCommand> r : topics.output(Topics.INVENTORY_COMMANDS).readRecordsToList()) {
      saga.inventoryCommand(r.key(), r.value());
      moved = true;
    }
    for (var r : topics.output(Topics.FRAUD_COMMANDS).readRecordsToList()) {
      saga.fraudCommand(r.key(), r.value());
      moved = true;
    }
    for (var r : topics.output(Topics.PROMOTION_COMMANDS).readRecordsToList()) {
      promotionTopics.input(Topics.PROMOTION_COMMANDS).pipeInput(r.key(), r.value(), now());
      moved = true;
    }
    saga.relay();
    for (var r : saga.orderTopics.output(Topics.PROMOTION_COMMANDS).readRecordsToList()) {
      promotionTopics.input(Topics.PROMOTION_COMMANDS).pipeInput(r.key(), r.value(), now());
      moved = true;
    }
    for (var r : promotionTopics.output(Topics.PROMOTION_REDEMPTIONS).readRecordsToList()) {
      saga.orderTopics.input(Topics.PROMOTION_REDEMPTIONS).pipeInput(r.key(), r.value(), now());
      moved = true;
    }
    for (var r : promotionTopics.output(Topics.PROMOTIONS_DEFINITIONS).readRecordsToList()) {
      topics.input(Topics.PROMOTIONS_DEFINITIONS).pipeInput(r.key(), r.value(), now());
      moved = true;
    }
    saga.drainStatusChanges();
    return moved;
  }
}
