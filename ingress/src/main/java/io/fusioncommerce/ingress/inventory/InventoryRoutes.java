package io.fusioncommerce.ingress.inventory;

import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.ingress.commands.CommandIds;
import io.fusioncommerce.ingress.commands.CommandPublisher;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.Bodies;
import io.fusioncommerce.ingress.http.RequestContext;
import io.fusioncommerce.ingress.query.InteractiveQueries;
import io.fusioncommerce.ingress.query.KeyLocation;
import io.fusioncommerce.ingress.query.LongPoll;
import io.fusioncommerce.ingress.query.QueryForwarder;
import io.fusioncommerce.ingress.query.ReadParameters;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.Actor;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.inventory.InventoryCommand;
import io.fusioncommerce.schemas.inventory.SetStockLevel;
import io.fusioncommerce.schemas.inventory.StockLevel;
import io.fusioncommerce.topologies.inventory.InventoryTopology;
import io.fusioncommerce.ingress.openapi.DocumentedRoutes;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@code PUT /v1/inventory/{sku}} writes a SetStockLevel command; {@code GET /v1/inventory/{sku}}
 * answers from the inventory topology's store. Both are scoped to the caller's tenant: the key is
 * built from the token's tenant, so another tenant's SKU is simply not found.
 */
public final class InventoryRoutes {

  public static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final Bodies bodies;
  private final CommandPublisher publisher;
  private final InteractiveQueries queries;
  private final QueryForwarder forwarder;
  private final LongPoll longPoll;
  private final Serializer<SkuKey> keySerializer;
  private final Clock clock;

  public InventoryRoutes(Bodies bodies, CommandPublisher publisher, InteractiveQueries queries,
      QueryForwarder forwarder, LongPoll longPoll, Serializer<SkuKey> keySerializer, Clock clock) {
    this.bodies = bodies;
    this.publisher = publisher;
    this.queries = queries;
    this.forwarder = forwarder;
    this.longPoll = longPoll;
    this.keySerializer = keySerializer;
    this.clock = clock;
  }

  public void register(DocumentedRoutes routes) {
    routes.put("/v1/inventory/{sku}", this::setStock, Role.ADMIN, Role.VENDOR)
        .tag("Inventory").summary("Set the sellable stock of a SKU in one warehouse")
        .description("Writes a SetStockLevel command; the inventory topology applies it. Reservations are kept.")
        .body(SetStockRequest.class).idempotent()
        .response(202, CommandAccepted.class, "Accepted; GET the stock to see it applied");
    routes.get("/v1/inventory/{sku}", this::getStock, Role.ANY)
        .tag("Inventory").summary("Stock of a SKU: totals and per warehouse, from the topology's state store")
        .queryParam("waitMs", Long.class, "Long-poll up to this many ms (max 10000) for a change")
        .queryParam("version", Long.class, "With waitMs: wait for a version newer than this one")
        .response(200, StockView.class, "The stock");
  }

  private void setStock(Context ctx) {
    Principal principal = RequestContext.principal(ctx);
    String sku = sku(ctx);
    SetStockRequest request = bodies.read(ctx, SetStockRequest.class);
    String correlationId = RequestContext.correlationId(ctx);
    String commandId = CommandIds.forRequest(ctx, principal, "set-stock:" + sku);
    InventoryCommand command =
        InventoryCommand.newBuilder()
            .setCommandId(commandId)
            .setTenantId(principal.tenantId())
            .setIssuedAt(clock.instant())
            .setCorrelationId(correlationId)
            .setIssuedBy(Actor.newBuilder().setSubject(principal.subject())
                .setRoles(principal.roles().stream().map(Role::claimValue).sorted().toList()).build())
            .setCommand(SetStockLevel.newBuilder()
                .setSku(sku)
                .setWarehouse(request.warehouseOrDefault())
                .setAvailable(request.available())
                .setLowStockThreshold(request.lowStockThreshold())
                .build())
            .build();
    SkuKey key = new SkuKey(principal.tenantId(), sku);
    ctx.future(() -> publisher.send(Topics.INVENTORY_COMMANDS, key, command, correlationId,
            ctx.header(RequestContext.TRACEPARENT_HEADER))
        .thenAccept(ack -> ctx.status(202)
            .header("Location", "/v1/inventory/" + sku)
            .json(new CommandAccepted(commandId, sku, "ACCEPTED"))));
  }

  private void getStock(Context ctx) {
    Principal principal = RequestContext.principal(ctx);
    String sku = sku(ctx);
    ReadParameters read = ReadParameters.from(ctx);
    SkuKey key = new SkuKey(principal.tenantId(), sku);
    KeyLocation location = queries.locate(InventoryTopology.CONTEXT, InventoryTopology.STOCK_STORE, key, keySerializer);
    switch (location) {
      case KeyLocation.Local local -> {
        var first = read(key, local.partition(), ctx);
        CompletableFuture<Optional<StockLevel>> answer =
            read.waitMs() == 0
                ? CompletableFuture.completedFuture(first)
                : longPoll.until(() -> read(key, local.partition(), ctx),
                    now -> read.isNewer(now.map(StockLevel::getVersion), first.map(StockLevel::getVersion)),
                    read.waitDuration());
        ctx.future(() -> answer.thenAccept(level -> {
          StockLevel found = level.orElseThrow(() -> ApiException.notFound("no stock recorded for SKU " + sku));
          ctx.header("X-Fusion-Served-By", queries.self().host() + ":" + queries.self().port());
          ctx.json(StockView.of(found));
        }));
      }
      case KeyLocation.Remote remote -> ctx.future(() -> forwarder.forward(ctx, remote, read.forwardTimeout()));
      case KeyLocation.Unavailable unavailable -> {
        ctx.header("Retry-After", "1");
        throw ApiException.unavailable(unavailable.reason());
      }
    }
  }

  private Optional<StockLevel> read(SkuKey key, int partition, Context ctx) {
    return queries.get(InventoryTopology.CONTEXT, InventoryTopology.STOCK_STORE, key, partition,
        QueryForwarder.allowsStale(ctx));
  }

  private static String sku(Context ctx) {
    String sku = ctx.pathParam("sku");
    if (!SKU.matcher(sku).matches()) {
      throw ApiException.invalidField("sku", "1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    return sku;
  }
}
