package io.fusioncommerce.ingress.shipping;

import io.fusioncommerce.ingress.ApiContext;
import io.fusioncommerce.ingress.ApiModule;
import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.ingress.http.RequestContext;
import io.fusioncommerce.ingress.openapi.DocumentedRoutes;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.shipping.GeoPoint;
import io.fusioncommerce.schemas.shipping.HyperlocalAgent;
import io.fusioncommerce.schemas.shipping.HyperlocalAgentKey;
import io.fusioncommerce.schemas.shipping.ShippingOptions;
import io.fusioncommerce.schemas.tenants.TenantKey;
import io.javalin.http.Context;
import jakarta.validation.constraints.NotNull;

/**
 * Hyperlocal fulfilment, configured by a tenant's admin: the agents (who delivers within which radius
 * of where) and whether the tenant routes by them at all. Both are compacted tables the shipping
 * topology holds as global stores, so the partition that opens a shipment can route it without a hop.
 * Registering an agent again under its id replaces it (idempotent by id).
 */
public final class HyperlocalRoutes implements ApiModule {

  /** Body of {@code PUT /v1/hyperlocal/settings}. */
  public record SettingsRequest(@NotNull Boolean enabled) {}

  public record AgentAccepted(String agentId, String name, HyperlocalAgentRequest.Location location, double radiusKm,
      boolean active) {}

  public record SettingsAccepted(boolean enabled) {}

  @Override
  public void register(DocumentedRoutes routes, ApiContext api) {
    routes.post("/v1/hyperlocal/agents", ctx -> registerAgent(ctx, api), Role.ADMIN)
        .tag("Shipping").summary("Register (or replace) a hyperlocal delivery agent")
        .description("With hyperlocal routing on, a shipment whose ship-to address has coordinates within an active "
            + "agent's radius goes to the nearest such agent instead of a carrier.")
        .body(HyperlocalAgentRequest.class).idempotent()
        .response(202, AgentAccepted.class, "Accepted; shipments opened from now on can be routed to it");
    routes.put("/v1/hyperlocal/settings", ctx -> settings(ctx, api), Role.ADMIN)
        .tag("Shipping").summary("Turn the tenant's hyperlocal routing on or off")
        .body(SettingsRequest.class)
        .response(202, SettingsAccepted.class, "Accepted");
  }

  private void registerAgent(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    HyperlocalAgentRequest request = api.bodies().read(ctx, HyperlocalAgentRequest.class);
    boolean active = request.active() == null || request.active();
    HyperlocalAgent agent = HyperlocalAgent.newBuilder().setTenantId(principal.tenantId()).setAgentId(request.agentId())
        .setName(request.name()).setLocation(new GeoPoint(request.location().lat(), request.location().lon()))
        .setRadiusKm(request.radiusKm()).setActive(active).setUpdatedAt(api.clock().instant()).build();
    ctx.future(() -> api.commands().send(Topics.SHIPPING_HYPERLOCAL_AGENTS,
            new HyperlocalAgentKey(principal.tenantId(), request.agentId()), agent, ctx)
        .thenRun(() -> ctx.status(202).json(new AgentAccepted(request.agentId(), request.name(), request.location(),
            request.radiusKm(), active))));
  }

  private void settings(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    SettingsRequest request = api.bodies().read(ctx, SettingsRequest.class);
    ShippingOptions options = ShippingOptions.newBuilder().setTenantId(principal.tenantId())
        .setHyperlocalEnabled(request.enabled()).setUpdatedAt(api.clock().instant()).build();
    ctx.future(() -> api.commands().send(Topics.SHIPPING_OPTIONS, new TenantKey(principal.tenantId()), options, ctx)
        .thenRun(() -> ctx.status(202).json(new SettingsAccepted(request.enabled()))));
  }
}
