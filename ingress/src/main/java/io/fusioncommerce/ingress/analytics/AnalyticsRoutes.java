package io.fusioncommerce.ingress.analytics;

import io.fusioncommerce.analytics.query.AnalyticsQueries;
import io.fusioncommerce.analytics.query.AnalyticsUnavailableException;
import io.fusioncommerce.analytics.query.CampaignQuery;
import io.fusioncommerce.analytics.query.Granularity;
import io.fusioncommerce.analytics.query.SalesGroupBy;
import io.fusioncommerce.analytics.query.SalesQuery;
import io.fusioncommerce.analytics.query.Scope;
import io.fusioncommerce.analytics.query.TopProductsQuery;
import io.fusioncommerce.ingress.ApiContext;
import io.fusioncommerce.ingress.ApiModule;
import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.PathParams;
import io.fusioncommerce.ingress.http.RequestContext;
import io.fusioncommerce.ingress.http.TenantSlots;
import io.fusioncommerce.ingress.openapi.DocumentedRoutes;
import io.fusioncommerce.ingress.openapi.OperationDoc;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analytics API: history from the analytics store (Druid SQL behind {@link AnalyticsQueries}). Thin:
 * the parameters are checked and the caller's {@link Scope} is built from its token here; the store's
 * implementation filters by that scope with bound parameters. While the store cannot answer (starting,
 * restarting, down) every route answers 503 with Retry-After and the rest of the API is unaffected.
 */
public final class AnalyticsRoutes implements ApiModule {

  /** Seconds a client is told to wait while the analytics store starts (embedded Druid takes ~40 s). */
  static final int RETRY_AFTER_SECONDS = 10;
  private static final Logger LOG = LoggerFactory.getLogger(AnalyticsRoutes.class);
  private static final Pattern CAMPAIGN_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
  private static final Role[] READERS = {Role.ADMIN, Role.ANALYST, Role.OPERATOR, Role.VENDOR};

  /** Queries in flight on a node: as many as the Druid connection pool holds (DruidAnalyticsQueries). */
  static final int QUERIES_PER_NODE = 8;
  /** Queries in flight per tenant: one tenant cannot take every connection to the analytics store. */
  static final int QUERIES_PER_TENANT = 4;
  private static final int BUSY_RETRY_AFTER_SECONDS = 1;

  private final AnalyticsQueries queries;
  private final TenantSlots inFlight;

  public AnalyticsRoutes(AnalyticsQueries queries) {
    this(queries, QUERIES_PER_NODE, QUERIES_PER_TENANT);
  }

  /**
   * A query past either cap is refused at once (429 for the tenant, 503 for the node, Retry-After 1)
   * instead of queueing for a connection: a dashboard refreshing in a loop, or a client asking 10,000
   * times a second, waits on nobody else's queries and does not pile work onto the store.
   */
  AnalyticsRoutes(AnalyticsQueries queries, int perNode, int perTenant) {
    this.queries = queries;
    this.inFlight = new TenantSlots(perNode, perTenant,
        () -> new ApiException(429, "analytics-queries-per-tenant", "Too many analytics queries",
            "this tenant has " + perTenant + " analytics queries running, the most it may; retry in a moment",
            List.of()),
        () -> new ApiException(503, "analytics-busy", "Analytics busy",
            "this node runs as many analytics queries as it takes; retry in a moment", List.of()));
  }

  @FunctionalInterface
  private interface Query<T> {
    T run() throws AnalyticsUnavailableException;
  }

  @Override
  public void register(DocumentedRoutes routes, ApiContext api) {
    ranged(routes.get("/v1/analytics/sales", ctx -> sales(ctx, api), READERS)
        .summary("Sales of confirmed orders over time, from the analytics store")
        .description("Orders, units and revenue of the order lines confirmed in each bucket, one point per bucket, "
            + "group and currency (buckets without sales are absent). Admins, analysts and operators see the tenant (or one "
            + "vendor of it with ?vendor=); a vendor sees its own sales only."))
        .queryParam("granularity", String.class, "Bucket width: minute, hour (default) or day")
        .queryParam("groupBy", String.class, "Split by vendor, sku, category or currency; absent: one series")
        .response(200, AnalyticsViews.SalesResponse.class, "The series");
    ranged(routes.get("/v1/analytics/top-products", ctx -> topProducts(ctx, api), READERS)
        .summary("The best-selling products of a period, by units")
        .description("Without from and to: the last 30 days. The range may be up to "
            + Granularity.DAY.longestRange().toDays() + " days."))
        .queryParam("limit", Integer.class, "Products at most, 1 to " + AnalyticsParameters.TOP_PRODUCTS.max()
            + " (default " + AnalyticsParameters.TOP_PRODUCTS.defaultLimit() + ")")
        .response(200, AnalyticsViews.TopProductsResponse.class, "The products, best first");
    ranged(routes.get("/v1/analytics/campaigns/{campaignId}", ctx -> campaign(ctx, api), READERS)
        .summary("A group-buying campaign's joins over time")
        .description("Joins, the units they committed and group orders placed per bucket. A campaign that does not "
            + "exist (or that a vendor does not run) has an empty series."))
        .queryParam("granularity", String.class, "Bucket width: minute, hour (default) or day")
        .response(200, AnalyticsViews.CampaignResponse.class, "The series");
  }

  /** What every analytics route shares in the API document. */
  private static OperationDoc ranged(OperationDoc doc) {
    return doc.tag("Analytics")
        .queryParam("from", Instant.class, "Start (inclusive), ISO-8601; default: one span before to "
            + "(an hour by minute, a day by hour, 30 days by day)")
        .queryParam("to", Instant.class, "End (exclusive), ISO-8601; default: now")
        .queryParam("vendor", String.class, "Only this vendor's sales (a vendor may name only itself)")
        .problem(400, "A parameter is wrong (from after to, a range too long for the granularity, an unknown "
            + "granularity or groupBy, limit out of range); errors[].field names it")
        .problem(403, "Not an admin, analyst, operator or vendor, or a vendor naming another vendor (errors[].field vendor)")
        .problem(503, "The analytics store is not answering yet (Retry-After)");
  }

  private void sales(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    AnalyticsParameters parameters = AnalyticsParameters.read(ctx, api.clock().instant(), AnalyticsParameters.DEFAULT_GRANULARITY);
    Scope scope = AnalyticsScope.of(principal, parameters.vendor());
    var series = ask(ctx, () -> queries.sales(new SalesQuery(scope, parameters.from(), parameters.to(),
        parameters.granularity(), parameters.groupBy())));
    ctx.json(new AnalyticsViews.SalesResponse(parameters.from(), parameters.to(), name(parameters.granularity()),
        parameters.groupBy().map(AnalyticsRoutes::name).orElse(null), scope.vendorId().orElse(null),
        series.stream().map(AnalyticsViews.SalesPointView::of).toList()));
  }

  private void topProducts(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    AnalyticsParameters parameters = AnalyticsParameters.read(ctx, api.clock().instant(), Granularity.DAY);
    Scope scope = AnalyticsScope.of(principal, parameters.vendor());
    var products = ask(ctx, () -> queries.topProducts(
        new TopProductsQuery(scope, parameters.from(), parameters.to(), parameters.limit())));
    ctx.json(new AnalyticsViews.TopProductsResponse(parameters.from(), parameters.to(), scope.vendorId().orElse(null),
        products.stream().map(AnalyticsViews.TopProductView::of).toList()));
  }

  private void campaign(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    String campaignId = PathParams.matching(ctx, "campaignId", CAMPAIGN_ID, "not a campaign id");
    AnalyticsParameters parameters = AnalyticsParameters.read(ctx, api.clock().instant(), AnalyticsParameters.DEFAULT_GRANULARITY);
    Scope scope = AnalyticsScope.of(principal, parameters.vendor());
    var points = ask(ctx, () -> queries.campaign(new CampaignQuery(scope, campaignId, parameters.from(),
        parameters.to(), parameters.granularity())));
    ctx.json(new AnalyticsViews.CampaignResponse(campaignId, parameters.from(), parameters.to(),
        name(parameters.granularity()), points.stream().map(AnalyticsViews.CampaignPointView::of).toList()));
  }

  /**
   * Runs the query within the caller's tenant's share of the node's queries, or answers 503 with
   * Retry-After when the store is not answering.
   */
  private <T> T ask(Context ctx, Query<T> query) {
    TenantSlots.Slot slot;
    try {
      slot = inFlight.acquire(RequestContext.principal(ctx).tenantId());
    } catch (ApiException busy) {
      ctx.header("Retry-After", Integer.toString(BUSY_RETRY_AFTER_SECONDS));
      throw busy;
    }
    try (slot) {
      if (!queries.available()) {
        throw new AnalyticsUnavailableException("the analytics store is starting");
      }
      return query.run();
    } catch (AnalyticsUnavailableException unavailable) {
      // the cause may name internal hosts: logged, not told
      LOG.debug("analytics unavailable on {}", ctx.path(), unavailable);
      ctx.header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
      throw new ApiException(503, "analytics-unavailable", "Analytics unavailable",
          "the analytics store is not answering now; retry in " + RETRY_AFTER_SECONDS + " s", List.of());
    }
  }

  private static String name(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
