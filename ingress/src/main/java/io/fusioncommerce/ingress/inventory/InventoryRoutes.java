package io.fusioncommerce.ingress.inventory;

import io.fusioncommerce.ingress.ApiContext;
import io.fusioncommerce.ingress.ApiModule;
import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.ingress.commands.CommandIds;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.RequestContext;
import io.fusioncommerce.ingress.openapi.DocumentedRoutes;
import io.fusioncommerce.ingress.query.ReadParameters;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.Actor;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.inventory.InventoryCommand;
import io.fusioncommerce.schemas.inventory.SetStockLevel;
import io.fusioncommerce.schemas.inventory.StockLevel;
import io.fusioncommerce.topologies.inventory.InventoryTopology;
import io.javalin.http.Context;
import java.util.regex.Pattern;

/**
 * {@code PUT /v1/inventory/{sku}} writes a SetStockLevel command; {@code GET /v1/inventory/{sku}}
 * answers from the inventory topology's store. Both are scoped to the caller's tenant: the key is
 * built from the token's tenant, so another tenant's SKU is simply not found.
 */
public final class InventoryRoutes implements ApiModule {

  public static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  @Override
  public void register(DocumentedRoutes routes, ApiContext api) {
    routes.put("/v1/inventory/{sku}", ctx -> setStock(ctx, api), Role.ADMIN, Role.VENDOR)
        .tag("Inventory").summary("Set the sellable stock of a SKU in one warehouse")
        .description("Writes a SetStockLevel command; the inventory topology applies it. Reservations are kept.")
        .body(SetStockRequest.class).idempotent()
        .response(202, CommandAccepted.class, "Accepted; GET the stock to see it applied");
    routes.get("/v1/inventory/{sku}", ctx -> getStock(ctx, api), Role.ANY)
        .tag("Inventory").summary("Stock of a SKU: totals and per warehouse, from the topology's state store")
        .queryParam("waitMs", Long.class, "Long-poll up to this many ms (max 10000) for a change")
        .queryParam("version", Long.class, "With waitMs: wait for a version newer than this one")
        .response(200, StockView.class, "The stock");
  }

  private void setStock(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    String sku = sku(ctx);
    SetStockRequest request = api.bodies().read(ctx, SetStockRequest.class);
    String correlationId = RequestContext.correlationId(ctx);
    String commandId = CommandIds.forRequest(ctx, principal, "set-stock:" + sku);
    InventoryCommand command =
        InventoryCommand.newBuilder()
            .setCommandId(commandId)
            .setTenantId(principal.tenantId())
            .setIssuedAt(api.clock().instant())
            .setCorrelationId(correlationId)
            .setIssuedBy(actor(principal))
            .setCommand(SetStockLevel.newBuilder()
                .setSku(sku)
                .setWarehouse(request.warehouseOrDefault())
                .setAvailable(request.available())
                .setLowStockThreshold(request.lowStockThreshold())
                .build())
            .build();
    SkuKey key = new SkuKey(principal.tenantId(), sku);
    ctx.future(() -> api.commands().send(Topics.INVENTORY_COMMANDS, key, command, correlationId,
            ctx.header(RequestContext.TRACEPARENT_HEADER))
        .thenAccept(ack -> ctx.status(202)
            .header("Location", "/v1/inventory/" + sku)
            .json(new CommandAccepted(commandId, sku, "ACCEPTED"))));
  }

  private void getStock(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    String sku = sku(ctx);
    api.stores().<SkuKey, StockLevel>serve(ctx, InventoryTopology.CONTEXT, InventoryTopology.STOCK_STORE,
        new SkuKey(principal.tenantId(), sku), api.serdes().key(SkuKey.class).serializer(),
        level -> new ReadParameters.Seen(level.getVersion(), null), StockView::of, "no stock recorded for SKU " + sku);
  }

  /** The command's issuer, from the verified token. */
  public static Actor actor(Principal principal) {
    return Actor.newBuilder().setSubject(principal.subject())
        .setRoles(principal.roles().stream().map(Role::claimValue).sorted().toList()).build();
  }

  static String sku(Context ctx) {
    String sku = ctx.pathParam("sku");
    if (!SKU.matcher(sku).matches()) {
      throw ApiException.invalidField("sku", "1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    return sku;
  }
}
