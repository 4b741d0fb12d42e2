package io.fusioncommerce.ingress.catalog;

import io.fusioncommerce.ingress.ApiContext;
import io.fusioncommerce.ingress.ApiModule;
import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.ingress.catalog.store.TenantStore;
import io.fusioncommerce.ingress.database.Database;
import io.fusioncommerce.ingress.http.RequestContext;
import io.fusioncommerce.ingress.openapi.DocumentedRoutes;
import io.javalin.http.Context;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.Optional;

/**
 * The caller's tenant settings, kept in Postgres ({@code catalog.tenants}) and streamed by Debezium to
 * the topic tenant.settings, where the topologies read them (the order hold time, for one).
 */
public final class TenantSettingsRoutes implements ApiModule {

  /**
   * Body of {@code PUT /v1/tenant/settings}. The stock limits (docs/security/stock-limits-and-retention.md)
   * left out or null take the platform default; 0 for a maximum means no limit.
   */
  public record SettingsRequest(
      @NotNull Boolean requiresApproval,
      @Min(60) @Max(604_800) Long orderHoldSeconds,
      @Min(0) Long maxQuantityPerOrder,
      @Min(0) Long maxQuantityPerCustomer,
      @Min(60) @Max(2_592_000) Long customerLimitWindowSeconds,
      @Min(0) Long scarceStockThreshold,
      @Min(60) @Max(604_800) Long scarceHoldSeconds) {

    TenantStore.StockLimits stockLimits() {
      return new TenantStore.StockLimits(maxQuantityPerOrder, maxQuantityPerCustomer, customerLimitWindowSeconds,
          scarceStockThreshold, scarceHoldSeconds);
    }
  }

  /** A tenant's settings; a null stock limit is the platform default. */
  public record SettingsView(String tenantId, boolean requiresApproval, Long orderHoldSeconds, String houseVendorId,
      long version, Long maxQuantityPerOrder, Long maxQuantityPerCustomer, Long customerLimitWindowSeconds,
      Long scarceStockThreshold, Long scarceHoldSeconds) {
    static SettingsView of(TenantStore.TenantSettings settings) {
      TenantStore.StockLimits limits = settings.stockLimits();
      return new SettingsView(settings.tenantId(), settings.requiresApproval(),
          settings.orderHoldSeconds().orElse(null), settings.houseVendorId(), settings.version(),
          limits.maxQuantityPerOrder(), limits.maxQuantityPerCustomer(), limits.customerLimitWindowSeconds(),
          limits.scarceStockThreshold(), limits.scarceHoldSeconds());
    }
  }

  private final Database database;

  public TenantSettingsRoutes(Database database) {
    this.database = database;
  }

  @Override
  public void register(DocumentedRoutes routes, ApiContext api) {
    routes.get("/v1/tenant/settings", this::get, Role.ADMIN, Role.OPERATOR)
        .tag("Tenants").summary("The tenant's settings")
        .response(200, SettingsView.class, "The settings (defaults when never set)");
    routes.put("/v1/tenant/settings", ctx -> put(ctx, api), Role.ADMIN)
        .tag("Tenants").summary("Change the tenant's settings: vendor product approval, order hold time, stock limits")
        .body(SettingsRequest.class)
        .response(200, SettingsView.class, "The new settings");
  }

  private void get(Context ctx) {
    Principal principal = RequestContext.principal(ctx);
    ctx.json(SettingsView.of(database.inTenant(principal.tenantId(),
        handle -> new TenantStore(handle).settings(principal.tenantId()))));
  }

  private void put(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    SettingsRequest request = api.bodies().read(ctx, SettingsRequest.class);
    ctx.json(SettingsView.of(database.inTenant(principal.tenantId(), handle -> new TenantStore(handle)
        .save(principal.tenantId(), request.requiresApproval(), Optional.ofNullable(request.orderHoldSeconds()),
            request.stockLimits()))));
  }
}
