package io.fusioncommerce.ingress.pricing;

import io.fusioncommerce.ingress.ApiContext;
import io.fusioncommerce.ingress.ApiModule;
import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.ingress.catalog.Price;
import io.fusioncommerce.ingress.catalog.ProductAccess;
import io.fusioncommerce.ingress.catalog.ProductRules;
import io.fusioncommerce.ingress.catalog.store.ProductStore;
import io.fusioncommerce.ingress.commands.Actors;
import io.fusioncommerce.ingress.commands.CommandIds;
import io.fusioncommerce.ingress.database.Database;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.FieldError;
import io.fusioncommerce.ingress.http.PathParams;
import io.fusioncommerce.ingress.http.RequestContext;
import io.fusioncommerce.ingress.openapi.DocumentedRoutes;
import io.fusioncommerce.ingress.query.KeyedStore;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.pricing.PricingCommand;
import io.fusioncommerce.schemas.pricing.PricingState;
import io.fusioncommerce.schemas.pricing.SetPricingPolicy;
import io.fusioncommerce.topologies.pricing.PricingBook;
import io.fusioncommerce.topologies.pricing.PricingTopology;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/**
 * Dynamic pricing over HTTP. A vendor (or an admin) sets a SKU's policy: the ingress checks the
 * product, the caller and the terms against the catalog (its system of record) and writes a
 * SetPricingPolicy command; the pricing topology checks again and moves the price. The current price
 * is read from the pricing topology's state on the instance that owns the SKU.
 */
public record PricingRoutes(Database database) implements ApiModule {

  private static final KeyedStore<SkuKey, PricingState> STATES =
      KeyedStore.of(PricingTopology.CONTEXT, PricingTopology.STATE_STORE, SkuKey.class);
  static final String LIST_PRICE = "LIST_PRICE";

  /** Answer of an accepted policy (202): the pricing topology applies it in order. */
  public record PolicyAccepted(String sku, boolean enabled, Price floor, Price ceiling, int maxStepPercent,
      long intervalSeconds) {}

  @Override
  public void register(DocumentedRoutes routes, ApiContext api) {
    routes.put("/v1/products/{sku}/pricing-policy", ctx -> setPolicy(ctx, api), Role.ADMIN, Role.VENDOR)
        .tag("Pricing").summary("Opt a SKU into dynamic pricing (or out), with its floor, ceiling and largest step")
        .description("The vendor of the product or an admin. Demand (units ordered per interval, stock cover in days, "
            + "campaign joins) moves the price within [floor, ceiling], at most once per intervalSeconds and by at most "
            + "maxStepPercent (1-50) of the current price; amounts in minor units of the product's currency. "
            + "Orders are charged the current price; an order keeps the price it was placed at. Every move is a "
            + "price.changed event with its signals.")
        .body(PricingPolicyRequest.class)
        .response(202, PolicyAccepted.class, "Accepted; GET /v1/products/{sku}/price shows the price it sets");
    routes.get("/v1/products/{sku}/price", ctx -> price(ctx, api), Role.ANY)
        .tag("Pricing").summary("What a SKU costs now: its list price, its current (dynamic) price and why")
        .response(200, PriceView.class, "The SKU's price");
  }

  private void setPolicy(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    String sku = sku(ctx);
    PricingPolicyRequest request = api.bodies().read(ctx, PricingPolicyRequest.class);
    ProductStore.Orderable product = orderable(principal, sku);
    ProductAccess.editable(principal, product.product()); // 403 for another vendor's product
    SetPricingPolicy policy = SetPricingPolicy.newBuilder().setEnabled(request.enabled())
        .setFloor(new Money(request.floor().amount(), request.floor().currency()))
        .setCeiling(new Money(request.ceiling().amount(), request.ceiling().currency()))
        .setMaxStepPercent(request.maxStepPercent()).setIntervalSeconds(request.intervalOrDefault()).build();
    List<FieldError> errors = PricingBook.check(policy, product.price().currency()).stream()
        .map(problem -> new FieldError(problem.field(), problem.message())).toList();
    if (!errors.isEmpty()) {
      throw ApiException.validation(errors);
    }
    SkuKey key = new SkuKey(principal.tenantId(), sku);
    PricingCommand command = RequestContext.cause(ctx, Actors.of(principal), api.clock().instant()).command(
        new PricingCommand(), CommandIds.forRequest(ctx, principal, "pricing-policy:" + sku), policy);
    PolicyAccepted answer = new PolicyAccepted(sku, policy.getEnabled(), request.floor().asPrice(),
        request.ceiling().asPrice(), policy.getMaxStepPercent(), policy.getIntervalSeconds());
    ctx.future(() -> api.commands().send(Topics.PRICING_COMMANDS, key, command, ctx)
        .thenRun(() -> ctx.status(202).header("Location", "/v1/products/" + sku + "/price").json(answer)));
  }

  private void price(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    String sku = sku(ctx);
    ProductStore.Orderable product = orderable(principal, sku);
    Price list = product.price();
    api.atOwner(ctx, STATES, new SkuKey(principal.tenantId(), sku), local -> {
      Optional<PricingState> state = local.<PricingState>get(PricingTopology.STATE_STORE);
      ctx.json(view(list, state.orElse(null)));
    });
  }

  /** What the order topology would charge: the dynamic price when there is one in the list price's currency. */
  static PriceView view(Price list, PricingState state) {
    if (state == null || !state.getEnabled() || state.getCurrentPrice() == null
        || !state.getCurrentPrice().getCurrency().equals(list.currency())) {
      return new PriceView(list, list, state == null ? LIST_PRICE : state.getReason(),
          state == null ? null : state.getValidFrom());
    }
    Money current = state.getCurrentPrice();
    return new PriceView(list, new Price(current.getAmount(), current.getCurrency()), state.getReason(),
        state.getValidFrom());
  }

  /** The product or variant, if the caller may see it: another tenant's, or one it may not see, is not found. */
  private ProductStore.Orderable orderable(Principal principal, String sku) {
    return database.inTenant(principal.tenantId(), handle -> new ProductStore(handle).orderable(principal.tenantId(), sku))
        .filter(o -> ProductAccess.canSee(principal, o.product()))
        .orElseThrow(() -> ProductAccess.notFound(sku));
  }

  private static String sku(Context ctx) {
    return PathParams.matching(ctx, "sku", ProductRules.SKU, "not a valid SKU");
  }
}
