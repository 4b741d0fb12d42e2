package io.fusioncommerce.ingress.promotions;

import io.fusioncommerce.ingress.ApiContext;
import io.fusioncommerce.ingress.ApiModule;
import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.ingress.commands.Actors;
import io.fusioncommerce.ingress.commands.CommandIds;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.FieldError;
import io.fusioncommerce.ingress.http.PathParams;
import io.fusioncommerce.ingress.http.RequestContext;
import io.fusioncommerce.ingress.openapi.DocumentedRoutes;
import io.fusioncommerce.ingress.orders.OrderResponse.MoneyView;
import io.fusioncommerce.ingress.query.KeyedStore;
import io.fusioncommerce.ingress.query.ReadParameters;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.envelope.EventIds;
import io.fusioncommerce.schemas.promotions.CreatePromotion;
import io.fusioncommerce.schemas.promotions.Promotion;
import io.fusioncommerce.schemas.promotions.PromotionCommand;
import io.fusioncommerce.schemas.promotions.PromotionKey;
import io.fusioncommerce.schemas.promotions.PromotionScope;
import io.fusioncommerce.schemas.promotions.PromotionState;
import io.fusioncommerce.topologies.carts.CartTopology;
import io.fusioncommerce.topologies.promotions.PromotionRules;
import io.fusioncommerce.topologies.promotions.PromotionTopology;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Promotions over HTTP. An admin creates any promotion of the tenant; a vendor only promotions of its own
 * products (the scope's vendorId is its own, and every SKU named is its product). The route checks the terms
 * with the rules the topology applies ({@link PromotionRules}), writes CreatePromotion on the promotion's
 * partition and answers 201 once the promotion exists there. GET shows the promotion with its redemptions.
 */
public final class PromotionRoutes implements ApiModule {

  static final KeyedStore<PromotionKey, PromotionState> PROMOTIONS =
      KeyedStore.of(PromotionTopology.CONTEXT, PromotionTopology.PROMOTION_STORE, PromotionKey.class);
  private static final Pattern PROMOTION_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
  private static final Duration CREATE_WAIT = Duration.ofSeconds(10);

  /** A promotion as GET shows it. */
  public record PromotionView(String promotionId, String code, String type, long value, Integer buyQuantity,
      Integer getQuantity, Scope appliesTo, String currency, MoneyView minSubtotal, Instant startsAt, Instant endsAt,
      Long usageLimit, Long perCustomerLimit, long redemptions, long version) {

    public record Scope(List<String> skus, List<String> categories, String vendorId) {}

    static PromotionView of(PromotionState state) {
      Promotion p = state.getPromotion();
      return new PromotionView(p.getPromotionId(), p.getCode(), p.getType(), p.getValue(), p.getBuyQuantity(),
          p.getGetQuantity(), new Scope(List.copyOf(p.getAppliesTo().getSkus()), List.copyOf(p.getAppliesTo().getCategories()),
          p.getAppliesTo().getVendorId()), p.getCurrency(), MoneyView.of(p.getMinSubtotal()), p.getStartsAt(), p.getEndsAt(),
          p.getUsageLimit(), p.getPerCustomerLimit(), state.getRedemptions(), state.getVersion());
    }
  }

  @Override
  public void register(DocumentedRoutes routes, ApiContext api) {
    routes.post("/v1/promotions", ctx -> create(ctx, api), Role.ADMIN, Role.VENDOR)
        .tag("Promotions").summary("Create a promotion: automatic (code null) or by coupon code")
        .description("PERCENT_OFF (value 1-100), AMOUNT_OFF (value in minor units), BUY_X_GET_Y (buyQuantity, "
            + "getQuantity), FREE_SHIPPING (recorded at zero: the platform charges no shipping yet). appliesTo narrows it "
            + "to SKUs, categories and a vendor; a vendor creates promotions of its own products only. usageLimit and "
            + "perCustomerLimit are exact: each checkout's order redeems inside the order saga, and an order rejected or "
            + "cancelled gives its redemption back.")
        .body(PromotionRequest.class).idempotent()
        .response(201, PromotionView.class, "The promotion")
        .problem(403, "A vendor's promotion of another vendor's products")
        .problem(409, "A running promotion has the code already");
    routes.get("/v1/promotions/{promotionId}", ctx -> get(ctx, api), Role.ADMIN, Role.OPERATOR, Role.ANALYST, Role.VENDOR)
        .tag("Promotions").summary("A promotion and its redemptions")
        .longPoll()
        .response(200, PromotionView.class, "The promotion");
  }

  private void create(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    PromotionRequest request = api.bodies().read(ctx, PromotionRequest.class);
    String currency = request.currency() != null ? request.currency()
        : request.minSubtotal() != null ? request.minSubtotal().currency() : null;
    if (currency == null) {
      throw ApiException.invalidField("currency", "needed (or minSubtotal's currency)");
    }
    PromotionRequest.AppliesTo scope = request.appliesTo() != null ? request.appliesTo()
        : new PromotionRequest.AppliesTo(List.of(), List.of(), null);
    String vendorId = scope.vendorId();
    if (!principal.has(Role.ADMIN)) { // a vendor: its own products only
      String own = principal.vendorId().orElseThrow(() -> ApiException.forbidden("a vendor token without a vendor"));
      if (vendorId != null && !vendorId.equals(own)) {
        throw ApiException.forbidden("a vendor creates promotions of its own products only");
      }
      vendorId = own;
      for (String sku : scope.skus() == null ? List.<String>of() : scope.skus()) {
        Optional<Product> product = api.stores().queries().global(CartTopology.CONTEXT, CartTopology.PRODUCT_STORE,
            new SkuKey(principal.tenantId(), sku));
        if (product.filter(p -> own.equals(p.getVendorId())).isEmpty()) {
          throw ApiException.forbidden("a vendor creates promotions of its own products only (" + sku + ")");
        }
      }
    }
    String promotionId = CommandIds.forRequest(ctx, principal, "create-promotion");
    Promotion promotion = Promotion.newBuilder().setTenantId(principal.tenantId()).setPromotionId(promotionId)
        .setCode(request.code()).setType(request.type()).setValue(request.value() == null ? 0 : request.value())
        .setBuyQuantity(request.buyQuantity()).setGetQuantity(request.getQuantity())
        .setAppliesTo(new PromotionScope(scope.skus() == null ? List.of() : List.copyOf(scope.skus()),
            scope.categories() == null ? List.of() : List.copyOf(scope.categories()), vendorId))
        .setCurrency(currency)
        .setMinSubtotal(request.minSubtotal() == null ? null
            : new Money(request.minSubtotal().amount(), request.minSubtotal().currency()))
        .setStartsAt(request.startsAt()).setEndsAt(request.endsAt())
        .setUsageLimit(request.usageLimit()).setPerCustomerLimit(request.perCustomerLimit())
        .setCreatedBy(principal.subject()).setCreatedAt(api.clock().instant()).build();
    List<FieldError> errors = PromotionRules.check(promotion).stream()
        .map(problem -> new FieldError(problem.field(), problem.message())).toList();
    if (!errors.isEmpty()) {
      throw ApiException.validation(errors);
    }
    if (request.code() != null && !api.stores().queries().<PromotionState>globalValues(CartTopology.CONTEXT,
        CartTopology.PROMOTION_STORE, state -> principal.tenantId().equals(state.getPromotion().getTenantId())
            && request.code().equals(state.getPromotion().getCode())
            && !promotionId.equals(state.getPromotion().getPromotionId())
            && PromotionRules.running(state.getPromotion(), api.clock().instant()), 1).isEmpty()) {
      throw ApiException.conflict("a running promotion has the code " + request.code());
    }
    PromotionKey key = new PromotionKey(principal.tenantId(), promotionId);
    PromotionCommand command = RequestContext.cause(ctx, Actors.of(principal), api.clock().instant())
        .command(new PromotionCommand(), EventIds.derive(promotionId, "create-promotion"), new CreatePromotion(promotion));
    api.atOwner(ctx, PROMOTIONS, key, local -> ctx.future(() -> api.commands().send(Topics.PROMOTION_COMMANDS, key, command, ctx)
        .thenCompose(sent -> api.stores().longPoll().until(() -> local.<PromotionState>get(PromotionTopology.PROMOTION_STORE),
            Optional::isPresent, CREATE_WAIT, PromotionTopology.PROMOTION_STORE, key))
        .thenAccept(state -> {
          PromotionState created = state.orElseThrow(() -> ApiException.unavailable("the promotion did not answer in time; retry"));
          ctx.status(201).header("Location", "/v1/promotions/" + promotionId).json(PromotionView.of(visible(principal, created)));
        })));
  }

  private void get(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    PromotionKey key = new PromotionKey(principal.tenantId(),
        PathParams.matching(ctx, "promotionId", PROMOTION_ID, "not a promotion id"));
    api.serve(ctx, PROMOTIONS, key, state -> new ReadParameters.Seen(state.getVersion(), null),
        state -> PromotionView.of(visible(principal, state)), "no promotion " + key.getPromotionId());
  }

  /** Staff see every promotion of the tenant; a vendor its own; anyone else is told it does not exist. */
  static PromotionState visible(Principal principal, PromotionState state) {
    if (principal.hasAny(Role.ADMIN, Role.OPERATOR, Role.ANALYST)) {
      return state;
    }
    String vendor = state.getPromotion().getAppliesTo().getVendorId();
    if (principal.has(Role.VENDOR) && vendor != null && principal.vendorId().filter(vendor::equals).isPresent()) {
      return state;
    }
    throw ApiException.notFound("no promotion " + state.getPromotion().getPromotionId());
  }
}
