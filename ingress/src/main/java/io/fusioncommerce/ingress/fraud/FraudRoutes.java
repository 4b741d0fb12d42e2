package io.fusioncommerce.ingress.fraud;

import io.fusioncommerce.ingress.ApiContext;
import io.fusioncommerce.ingress.ApiModule;
import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.ingress.commands.Actors;
import io.fusioncommerce.ingress.commands.CommandIds;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.PageLimit;
import io.fusioncommerce.ingress.http.PathParams;
import io.fusioncommerce.ingress.http.RequestContext;
import io.fusioncommerce.ingress.openapi.DocumentedRoutes;
import io.fusioncommerce.ingress.query.KeyedStore;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.envelope.Cause;
import io.fusioncommerce.schemas.fraud.FraudCommand;
import io.fusioncommerce.schemas.fraud.FraudReview;
import io.fusioncommerce.schemas.fraud.FraudSettings;
import io.fusioncommerce.schemas.fraud.SetFraudSettings;
import io.fusioncommerce.schemas.orders.OrderCommand;
import io.fusioncommerce.schemas.orders.OrderState;
import io.fusioncommerce.schemas.orders.ReviewOrderRisk;
import io.fusioncommerce.schemas.tenants.TenantKey;
import io.fusioncommerce.topologies.fraud.FraudTopology;
import io.fusioncommerce.topologies.orders.OrderStatus;
import io.fusioncommerce.topologies.orders.OrderTopology;
import io.javalin.http.Context;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;

/**
 * Fraud review over HTTP: the tenant's queue of HELD orders (from the fraud topology's review store, on
 * the tenant's partition), an operator's decision on one order (a command to the order, which refuses it
 * unless the order is HELD), and the tenant's thresholds and high-risk categories (a command to the fraud
 * topology, read back from its store). Staff of another tenant never see a tenant's queue or orders: every
 * key starts with the caller's tenant.
 */
public final class FraudRoutes implements ApiModule {

  private static final java.util.regex.Pattern ORDER_ID = java.util.regex.Pattern.compile("[A-Za-z0-9-]{1,64}");
  private static final KeyedStore<OrderKey, OrderState> ORDERS =
      KeyedStore.of(OrderTopology.CONTEXT, OrderTopology.ORDER_STORE, OrderKey.class);
  /** Found by the tenant: the review queue lives on the same partition as the settings. */
  private static final KeyedStore<TenantKey, FraudSettings> SETTINGS =
      KeyedStore.of(FraudTopology.CONTEXT, FraudTopology.SETTINGS_STORE, TenantKey.class);

  /** Body of {@code POST /v1/orders/{orderId}/risk-review}. */
  public record RiskReviewRequest(
      @NotNull @Pattern(regexp = "APPROVE|REJECT", message = "APPROVE or REJECT") String decision) {}

  @Override
  public void register(DocumentedRoutes routes, ApiContext api) {
    routes.get("/v1/fraud/reviews", ctx -> reviews(ctx, api), Role.OPERATOR, Role.ADMIN)
        .tag("Fraud").summary("The tenant's orders HELD for a fraud review, with their risk")
        .description("An order whose fraud score reached the tenant's review threshold waits HELD, its stock reserved, "
            + "until an operator approves or rejects it (POST /v1/orders/{orderId}/risk-review) or its hold expires. "
            + "The queue follows the orders within moments. Ordered by order id; pages follow \"next\".")
        .paged()
        .response(200, FraudViews.ReviewPage.class, "One page of the queue")
        .problem(400, "A parameter is wrong; errors[].field names it");
    routes.post("/v1/orders/{orderId}/risk-review", ctx -> review(ctx, api), Role.OPERATOR, Role.ADMIN)
        .tag("Fraud").summary("Approve (→ CONFIRMED) or reject (→ REJECTED, FRAUD_SUSPECTED) a HELD order")
        .description("APPROVE confirms the order and holds its stock for payment afresh; REJECT rejects it as "
            + "FRAUD_SUSPECTED and releases its stock. GET the order (with ?waitMs=) to see it move.")
        .body(RiskReviewRequest.class).idempotent()
        .response(202, FraudViews.Accepted.class, "Accepted")
        .problem(400, "The decision is not APPROVE or REJECT (errors[].field \"decision\")")
        .problem(404, "No such order in the caller's tenant")
        .problem(409, "The order is not HELD");
    routes.get("/v1/fraud/settings", ctx -> settings(ctx, api), Role.ADMIN)
        .tag("Fraud").summary("The tenant's fraud thresholds and high-risk categories")
        .response(200, FraudViews.Settings.class, "The settings (version 0: the platform's defaults)");
    routes.put("/v1/fraud/settings", ctx -> putSettings(ctx, api), Role.ADMIN)
        .tag("Fraud").summary("Set the tenant's fraud thresholds and high-risk categories")
        .description("From reviewThreshold an order is HELD for review, from rejectThreshold it is REJECTED as "
            + "FRAUD_SUSPECTED; both lie in [0, 1] and reviewThreshold may not exceed rejectThreshold (equal: never "
            + "review). Units of products in highRiskCategories raise an order's score. Applies to orders scored "
            + "from now on.")
        .body(FraudSettingsRequest.class)
        .response(202, FraudViews.Settings.class, "Accepted; GET shows it within moments")
        .problem(400, "A threshold is outside [0, 1] or review exceeds reject; errors[].field names it");
  }

  private void reviews(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    int limit = PageLimit.LISTS.require(ctx.queryParam("limit"));
    String cursor = ctx.queryParam("cursor");
    if (cursor != null && !ORDER_ID.matcher(cursor).matches()) {
      throw ApiException.invalidField("cursor", "not a cursor of this list");
    }
    String prefix = FraudTopology.tenantPrefix(principal.tenantId());
    api.atOwner(ctx, SETTINGS, new TenantKey(principal.tenantId()), local -> {
      List<KeyValue<String, FraudReview>> page = local.scan(FraudTopology.REVIEW_STORE, prefix,
          cursor == null ? null : prefix + cursor, limit + 1);
      List<FraudViews.Review> items = page.stream().limit(limit).map(entry -> FraudViews.Review.of(entry.value)).toList();
      ctx.json(new FraudViews.ReviewPage(items, page.size() > limit ? items.getLast().orderId() : null));
    });
  }

  private void review(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    OrderKey key = new OrderKey(principal.tenantId(), PathParams.matching(ctx, "orderId", ORDER_ID, "not an order id"));
    RiskReviewRequest request = api.bodies().read(ctx, RiskReviewRequest.class);
    api.withValue(ctx, ORDERS, key, () -> ApiException.notFound("no order " + key.getOrderId()), (local, state) -> {
      if (!state.getPlaced()) {
        throw ApiException.notFound("no order " + key.getOrderId());
      }
      if (!OrderStatus.HELD.name().equals(state.getStatus())) {
        throw ApiException.conflict("an order that is " + state.getStatus() + " is not held for review");
      }
      Cause cause = RequestContext.cause(ctx, Actors.of(principal), api.clock().instant());
      OrderCommand command = cause.command(new OrderCommand(),
          CommandIds.forRequest(ctx, principal, "risk-review:" + key.getOrderId()),
          new ReviewOrderRisk(key.getOrderId(), request.decision()));
      ctx.future(() -> api.commands().send(Topics.ORDER_COMMANDS, key, command, cause)
          .thenRun(() -> ctx.status(202).header("Location", "/v1/orders/" + key.getOrderId())
              .json(new FraudViews.Accepted(key.getOrderId(), request.decision()))));
    });
  }

  private void settings(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    api.atOwner(ctx, SETTINGS, new TenantKey(principal.tenantId()), local -> ctx.json(
        local.<FraudSettings>get(FraudTopology.SETTINGS_STORE).map(FraudViews.Settings::of)
            .orElse(FraudViews.Settings.DEFAULTS)));
  }

  private void putSettings(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    FraudSettingsRequest request = api.bodies().read(ctx, FraudSettingsRequest.class);
    if (request.reviewThreshold() > request.rejectThreshold()) {
      throw ApiException.invalidField("reviewThreshold", "must not exceed rejectThreshold");
    }
    List<String> categories = Optional.ofNullable(request.highRiskCategories()).orElse(List.of()).stream()
        .distinct().sorted().toList();
    TenantKey key = new TenantKey(principal.tenantId());
    Cause cause = RequestContext.cause(ctx, Actors.of(principal), api.clock().instant());
    FraudCommand command = cause.command(new FraudCommand(), CommandIds.forRequest(ctx, principal, "fraud-settings"),
        new SetFraudSettings(request.reviewThreshold(), request.rejectThreshold(), categories));
    ctx.future(() -> api.commands().send(Topics.FRAUD_COMMANDS, key, command, cause)
        .thenRun(() -> ctx.status(202).json(new FraudViews.Settings(request.reviewThreshold(),
            request.rejectThreshold(), categories, null, 0))));
  }
}
