package io.fusioncommerce.ingress.inventory;

import io.fusioncommerce.ingress.ApiContext;
import io.fusioncommerce.ingress.ApiModule;
import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.ingress.catalog.ProductAccess;
import io.fusioncommerce.ingress.catalog.ProductRules;
import io.fusioncommerce.ingress.commands.Actors;
import io.fusioncommerce.ingress.commands.CommandIds;
import io.fusioncommerce.ingress.http.PathParams;
import io.fusioncommerce.ingress.http.RequestContext;
import io.fusioncommerce.ingress.openapi.DocumentedRoutes;
import io.fusioncommerce.ingress.query.KeyedStore;
import io.fusioncommerce.ingress.query.ReadParameters;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.inventory.InventoryCommand;
import io.fusioncommerce.schemas.inventory.SetStockLevel;
import io.fusioncommerce.schemas.inventory.StockLevel;
import io.fusioncommerce.topologies.inventory.InventoryTopology;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code PUT /v1/inventory/{sku}} writes a SetStockLevel command; {@code GET /v1/inventory/{sku}}
 * answers from the inventory topology's store. Both are scoped to the caller's tenant: the key is
 * built from the token's tenant, so another tenant's SKU is simply not found.
 *
 * <p>Inside the tenant an admin sets the stock of any SKU; a vendor only of its own products' SKUs, as
 * the catalog in Postgres says, and by the catalog's rules ({@link ProductAccess#editable}): another
 * vendor's product it can see is 403, one it cannot see (or no product at all) is 404. The command
 * carries the vendor, and the inventory topology checks it again against its copy of the product table.
 */
public final class InventoryRoutes implements ApiModule {

  public static final Pattern SKU = ProductRules.SKU;
  private static final KeyedStore<SkuKey, StockLevel> STOCK =
      KeyedStore.of(InventoryTopology.CONTEXT, InventoryTopology.STOCK_STORE, SkuKey.class);

  private final SkuCatalog catalog;

  /** @param catalog whose product each SKU is (the catalog in Postgres) */
  public InventoryRoutes(SkuCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  @Override
  public void register(DocumentedRoutes routes, ApiContext api) {
    routes.put("/v1/inventory/{sku}", ctx -> setStock(ctx, api), Role.ADMIN, Role.VENDOR)
        .tag("Inventory").summary("Set the sellable stock of a SKU in one warehouse")
        .description("Writes a SetStockLevel command; the inventory topology applies it. Reservations are kept.")
        .body(SetStockRequest.class).idempotent()
        .response(202, CommandAccepted.class, "Accepted; GET the stock to see it applied")
        .problem(403, "The token lacks the role or the vendor claim, or a vendor and another vendor's product")
        .problem(404,
            "A vendor and a SKU of no product it can see");
    routes.get("/v1/inventory/{sku}", ctx -> getStock(ctx, api), Role.ANY)
        .tag("Inventory").summary("Stock of a SKU: totals and per warehouse, from the topology's state store")
        .queryParam("waitMs", Long.class, "Long-poll up to this many ms (max 10000) for a change")
        .queryParam("version", Long.class, "With waitMs: wait for a version newer than this one")
        .response(200, StockView.class, "The stock");
  }

  private void setStock(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    String sku = sku(ctx);
    requireStockEditable(principal, sku);
    SetStockRequest request = api.bodies().read(ctx, SetStockRequest.class);
    String commandId = CommandIds.forRequest(ctx, principal, "set-stock:" + sku);
    InventoryCommand command = RequestContext.cause(ctx, Actors.of(principal), api.clock().instant()).command(
        new InventoryCommand(), commandId,
            SetStockLevel.newBuilder()
                .setSku(sku)
                .setWarehouse(request.warehouseOrDefault())
                .setAvailable(request.available())
                .setLowStockThreshold(request.lowStockThreshold())
                .build());
    SkuKey key = new SkuKey(principal.tenantId(), sku);
    ctx.future(() -> api.commands().send(Topics.INVENTORY_COMMANDS, key, command, ctx)
        .thenAccept(ack -> ctx.status(202)
            .header("Location", "/v1/inventory/" + sku)
            .json(new CommandAccepted(commandId, sku, "ACCEPTED"))));
  }

  /** Staff set any SKU's stock (also of a SKU the catalog does not list yet); a vendor its own products' only. */
  private void requireStockEditable(Principal principal, String sku) {
    if (principal.has(Role.ADMIN)) {
      return;
    }
    ProductAccess.editable(principal,
        catalog.product(principal.tenantId(), sku).orElseThrow(() -> ProductAccess.notFound(sku)));
  }

  private void getStock(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    String sku = sku(ctx);
    api.serve(ctx, STOCK, new SkuKey(principal.tenantId(), sku), level -> new ReadParameters.Seen(level.getVersion(), null), StockView::of, "no stock recorded for SKU " + sku);
  }

  /** The {@code {sku}} of the path, refused with 400 unless it is a SKU. */
  public static String sku(Context ctx) {
    return PathParams.matching(ctx, "sku", SKU, "1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
  }
}
