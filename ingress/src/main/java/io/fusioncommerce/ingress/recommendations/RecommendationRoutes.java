package io.fusioncommerce.ingress.recommendations;

import io.fusioncommerce.ingress.ApiContext;
import io.fusioncommerce.ingress.ApiModule;
import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.ingress.catalog.ProductRules;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.PageLimit;
import io.fusioncommerce.ingress.http.PathParams;
import io.fusioncommerce.ingress.http.RequestContext;
import io.fusioncommerce.ingress.openapi.DocumentedRoutes;
import io.fusioncommerce.schemas.common.CustomerKey;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.topologies.recommendations.RecommendationBook;
import io.fusioncommerce.topologies.recommendations.RecommendationSettings;
import io.fusioncommerce.topologies.recommendations.RecommendationTopology;
import io.javalin.http.Context;
import java.util.regex.Pattern;

/**
 * Recommendations over HTTP, built at read time from the recommendation topology's rows by
 * {@link RecommendationBook} (the same code the offline evaluation measures): bought together with a SKU,
 * and a customer's own. Only ACTIVE SKUs of the caller's tenant are ever answered.
 */
public final class RecommendationRoutes implements ApiModule {

  /** ?limit= of an answer: 10 by default, at most 50 (400 naming limit otherwise). */
  static final PageLimit LIMIT = new PageLimit(10, RecommendationBook.MAX_LIMIT);
  private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9._@-]{1,128}");

  private final RecommendationBook book;

  public RecommendationRoutes() {
    this(new RecommendationBook(RecommendationSettings.defaults()));
  }

  public RecommendationRoutes(RecommendationBook book) {
    this.book = book;
  }

  @Override
  public void register(DocumentedRoutes routes, ApiContext api) {
    routes.get("/v1/products/{sku}/recommendations", ctx -> forProduct(ctx, api), Role.ANY)
        .tag("Recommendations").summary("Products bought together with this one (ACTIVE products only)")
        .description("From confirmed orders, weighted down with age (half-life 30 days); answered from the "
            + "recommendation topology's state stores.")
        .queryParam("limit", Integer.class, "How many (1 to 50, default 10)")
        .response(200, RecommendationsView.class, "Best first; reason BOUGHT_TOGETHER:<sku>")
        .problem(404, "No such SKU in the tenant's catalog");
    routes.get("/v1/customers/{customerId}/recommendations", ctx -> forCustomer(ctx, api), Role.CUSTOMER,
            Role.ADMIN, Role.OPERATOR)
        .tag("Recommendations").summary("A customer's recommendations; a customer reads only its own")
        .description("Neighbours of its recent purchases, popular products of its favourite categories and the "
            + "tenant's popular products, never what it already bought.")
        .queryParam("limit", Integer.class, "How many (1 to 50, default 10)")
        .response(200, RecommendationsView.class,
            "Best first; reason BOUGHT_TOGETHER:<sku>, CATEGORY_AFFINITY:<category> or POPULAR")
        .problem(404, "A customer asking for another customer's recommendations");
  }

  private void forProduct(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    String sku = PathParams.matching(ctx, "sku", ProductRules.SKU, "not a valid SKU");
    int limit = LIMIT.require(ctx.queryParam("limit"));
    RecommendationReads.atOwner(ctx, api, principal.tenantId(), RecommendationTopology.NEIGHBOUR_STORE,
        new SkuKey(principal.tenantId(), sku), SkuKey.class, state -> {
          if (state.product(sku).isEmpty()) {
            throw ApiException.notFound("no product " + sku);
          }
          ctx.json(RecommendationsView.of(book.forProduct(state, sku, api.clock().instant(), limit)));
        });
  }

  private void forCustomer(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    String customerId = PathParams.matching(ctx, "customerId", CUSTOMER_ID, "not a customer id");
    if (!principal.hasAny(Role.ADMIN, Role.OPERATOR) && !principal.subject().equals(customerId)) {
      throw ApiException.notFound("no customer " + customerId); // another customer's: never say it exists
    }
    int limit = LIMIT.require(ctx.queryParam("limit"));
    RecommendationReads.atOwner(ctx, api, principal.tenantId(), RecommendationTopology.CUSTOMER_STORE,
        new CustomerKey(principal.tenantId(), customerId), CustomerKey.class,
        state -> ctx.json(RecommendationsView.of(book.forCustomer(state, customerId, api.clock().instant(), limit))));
  }
}
