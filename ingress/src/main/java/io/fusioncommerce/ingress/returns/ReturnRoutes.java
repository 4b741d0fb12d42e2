package io.fusioncommerce.ingress.returns;

import io.fusioncommerce.ingress.ApiContext;
import io.fusioncommerce.ingress.ApiModule;
import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.ingress.catalog.store.TenantStore;
import io.fusioncommerce.ingress.commands.Actors;
import io.fusioncommerce.ingress.commands.CommandIds;
import io.fusioncommerce.ingress.database.Database;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.FieldError;
import io.fusioncommerce.ingress.http.PathParams;
import io.fusioncommerce.ingress.http.RequestContext;
import io.fusioncommerce.ingress.openapi.DocumentedRoutes;
import io.fusioncommerce.ingress.query.KeyedStore;
import io.fusioncommerce.ingress.query.ReadParameters;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.Actor;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.returns.ApproveReturn;
import io.fusioncommerce.schemas.returns.ReceiveReturn;
import io.fusioncommerce.schemas.returns.RejectReturn;
import io.fusioncommerce.schemas.returns.RequestReturn;
import io.fusioncommerce.schemas.returns.ReturnCommand;
import io.fusioncommerce.schemas.returns.ReturnLedger;
import io.fusioncommerce.schemas.returns.ReturnState;
import io.fusioncommerce.schemas.returns.ReturnedItem;
import io.fusioncommerce.topologies.returns.ReturnBook;
import io.fusioncommerce.topologies.returns.ReturnIds;
import io.fusioncommerce.topologies.returns.ReturnStatus;
import io.fusioncommerce.topologies.returns.ReturnTopology;
import io.javalin.http.Context;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;

/**
 * Returns over HTTP. Every route runs on the instance that owns the order's return ledger (keyed by the
 * order) and asks {@link ReturnBook} the question the topology will ask, so a return that cannot be taken
 * is refused at once with nothing written; the topology decides again in order, whatever raced. A return
 * is visible to staff, to the order's buyer, and to a vendor whose items it holds (decided on only by a
 * vendor all of whose items it holds); to anyone else, and to another tenant, it does not exist (404).
 */
public final class ReturnRoutes implements ApiModule {

  private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
  private static final Pattern RETURN_ID = Pattern.compile("[A-Za-z0-9-]{1,64}\\.r[0-9a-f]{12}");
  private static final KeyedStore<OrderKey, ReturnLedger> LEDGERS =
      KeyedStore.of(ReturnTopology.CONTEXT, ReturnTopology.LEDGER_STORE, OrderKey.class);

  /** Answer of an accepted return command (202). */
  public record ReturnAccepted(String returnId, String status) {}

  /** Body and answer of {@code /v1/tenant/settings/returns}; null: the platform default. */
  public record ReturnSettings(@Min(0) @Max(365) Long returnWindowDays) {}

  private final Database database;

  public ReturnRoutes(Database database) {
    this.database = database;
  }

  @Override
  public void register(DocumentedRoutes routes, ApiContext api) {
    routes.post("/v1/orders/{orderId}/returns", ctx -> request(ctx, api), Role.CUSTOMER, Role.ADMIN, Role.OPERATOR)
        .tag("Returns").summary("Ask to return delivered items of an order")
        .description("By the order's buyer (or staff), for a DELIVERED order within the tenant's return window "
            + "(GET /v1/tenant/settings/returns; 30 days unless set). Each unit refunds its share of what was paid "
            + "for its line (after discounts, tax included), the last units taking the rounding remainder. More "
            + "units than were delivered, counting earlier returns that were not rejected, an unknown SKU or a "
            + "quantity under 1 answer 422 with the item's field; an order not delivered 409; after the window 422.")
        .body(ReturnRequest.class).idempotent()
        .response(202, ReturnAccepted.class, "Accepted; GET /v1/returns/{returnId} shows it")
        .problem(404, "No such order for this caller")
        .problem(409, "The order is not delivered (or the return topology has not seen its delivery yet: "
            + "GET /v1/orders/{orderId}/returns shows the status it saw)")
        .problem(422, "An item cannot be returned, or the return window has closed");
    routes.get("/v1/orders/{orderId}/returns", ctx -> list(ctx, api), Role.ANY)
        .tag("Returns").summary("The returns of an order, oldest first")
        .response(200, ReturnView.ReturnList.class, "The returns the caller may see");
    routes.get("/v1/returns/{returnId}", ctx -> get(ctx, api), Role.ANY)
        .tag("Returns").summary("A return, from the return topology's state store")
        .longPoll("APPROVED")
        .response(200, ReturnView.class, "REQUESTED → APPROVED → RECEIVED → REFUNDED, or REJECTED");
    decision(routes, api, "approve", ReturnStatus.APPROVED, "Approve a requested return");
    decision(routes, api, "reject", ReturnStatus.REJECTED, "Reject a return that was not received yet");
    decision(routes, api, "receive", ReturnStatus.RECEIVED,
        "The parcel arrived: restock its units (into body.warehouse, else the SKU's first warehouse) and refund them");
    routes.get("/v1/tenant/settings/returns", this::settings, Role.ADMIN, Role.OPERATOR)
        .tag("Tenants").summary("The tenant's return window")
        .response(200, ReturnSettings.class, "returnWindowDays; null is the platform default (30)");
    routes.put("/v1/tenant/settings/returns", ctx -> saveSettings(ctx, api), Role.ADMIN)
        .tag("Tenants").summary("Set the tenant's return window in days (0: no returns, at most 365, null: default)")
        .body(ReturnSettings.class)
        .response(200, ReturnSettings.class, "The new setting");
  }

  private void decision(DocumentedRoutes routes, ApiContext api, String verb, ReturnStatus to, String summary) {
    routes.post("/v1/returns/{returnId}/" + verb, ctx -> decide(ctx, api, to), Role.ADMIN, Role.OPERATOR, Role.VENDOR)
        .tag("Returns").summary(summary)
        .description("Staff, or the vendor of every item of the return. A return in the wrong status answers 409.")
        .body(ReturnDecision.class).idempotent()
        .response(202, ReturnAccepted.class, "Accepted")
        .problem(404, "No such return for this caller")
        .problem(409, "The return is not in a status that allows this");
  }

  // ------------------------------------------------------------------ request

  private void request(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    OrderKey key = new OrderKey(principal.tenantId(), PathParams.matching(ctx, "orderId", ORDER_ID, "not an order id"));
    ReturnRequest body = api.bodies().read(ctx, ReturnRequest.class);
    String returnId = ReturnIds.forRequest(key.getOrderId(),
        CommandIds.forRequest(ctx, principal, "return:" + key.getOrderId()));
    RequestReturn request = new RequestReturn(returnId, key.getOrderId(),
        body.items().stream().map(item -> new ReturnedItem(item.sku(), item.quantity())).toList(), body.reason());
    long windowDays = database.inTenant(principal.tenantId(), handle -> new TenantStore(handle)
        .returnWindowDays(principal.tenantId())).orElse(ReturnBook.DEFAULT_WINDOW_DAYS);
    api.atOwner(ctx, LEDGERS, key, local -> {
      ReturnLedger ledger = local.<ReturnLedger>get(LEDGERS.name()).orElse(null);
      if (ledger == null || !ledger.getPlaced() || !mayRequest(principal, ledger)) {
        throw ApiException.notFound("no order " + key.getOrderId());
      }
      Optional<ReturnState> existing = ReturnBook.find(ledger, returnId);
      if (existing.isPresent()) {
        accepted(ctx, returnId, existing.get().getStatus()); // the same request again (same Idempotency-Key)
        return;
      }
      ReturnBook.requestRefusal(ledger, request, windowDays, api.clock().instant()).ifPresent(refusal -> {
        throw refused(refusal);
      });
      send(ctx, api, principal, key, returnId, CommandIds.forRequest(ctx, principal, "return-command:" + returnId),
          request, ReturnStatus.REQUESTED);
    });
  }

  /** The order's buyer (itself or its organization) and staff may ask; a vendor or an analyst may not. */
  private static boolean mayRequest(Principal principal, ReturnLedger ledger) {
    return principal.hasAny(Role.ADMIN, Role.OPERATOR) || isBuyer(principal, ledger);
  }

  private static boolean isBuyer(Principal principal, ReturnLedger ledger) {
    return principal.has(Role.CUSTOMER) && (principal.subject().equals(ledger.getCustomerId())
        || (ledger.getOrganizationId() != null
            && principal.organizationId().filter(ledger.getOrganizationId()::equals).isPresent()));
  }

  // ------------------------------------------------------------------ decisions

  private void decide(Context ctx, ApiContext api, ReturnStatus to) {
    Principal principal = RequestContext.principal(ctx);
    String returnId = PathParams.matching(ctx, "returnId", RETURN_ID, "not a return id");
    OrderKey key = new OrderKey(principal.tenantId(), ReturnIds.orderOf(returnId).orElseThrow());
    ReturnDecision body = ctx.body().isBlank() ? new ReturnDecision(null, null) : api.bodies().read(ctx, ReturnDecision.class);
    Actor actor = Actors.of(principal);
    String commandId = CommandIds.forRequest(ctx, principal, to.name() + ":" + returnId);
    api.atOwner(ctx, LEDGERS, key, local -> {
      ReturnLedger ledger = local.<ReturnLedger>get(LEDGERS.name()).orElse(null);
      if (ReturnBook.movedBy(ledger, returnId, commandId)) {
        accepted(ctx, returnId, to.name()); // the same request again (same Idempotency-Key): its first answer
        return;
      }
      ReturnBook.transitionRefusal(ledger, returnId, to, actor).ifPresent(refusal -> {
        throw refused(refusal);
      });
      SpecificRecord command = switch (to) {
        case APPROVED -> new ApproveReturn(returnId, key.getOrderId());
        case REJECTED -> new RejectReturn(returnId, key.getOrderId(), body.reason());
        case RECEIVED -> new ReceiveReturn(returnId, key.getOrderId(), body.warehouse());
        default -> throw new IllegalArgumentException("not a decision: " + to);
      };
      send(ctx, api, principal, key, returnId, commandId, command, to);
    });
  }

  // ------------------------------------------------------------------ reads

  private void get(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    String returnId = PathParams.matching(ctx, "returnId", RETURN_ID, "not a return id");
    OrderKey key = new OrderKey(principal.tenantId(), ReturnIds.orderOf(returnId).orElseThrow());
    api.serve(ctx, LEDGERS, key, ledger -> ReturnBook.find(ledger, returnId)
            .map(state -> new ReadParameters.Seen(state.getVersion(), state.getStatus()))
            .orElse(new ReadParameters.Seen(-1, null)),
        ledger -> ReturnBook.find(ledger, returnId).filter(state -> visible(principal, ledger, state))
            .map(state -> ReturnView.of(ledger, state))
            .orElseThrow(() -> ApiException.notFound("no return " + returnId)),
        "no return " + returnId);
  }

  private void list(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    OrderKey key = new OrderKey(principal.tenantId(), PathParams.matching(ctx, "orderId", ORDER_ID, "not an order id"));
    api.atOwner(ctx, LEDGERS, key, local -> {
      ReturnLedger ledger = local.<ReturnLedger>get(LEDGERS.name()).orElse(null);
      if (ledger == null || !ledger.getPlaced()) {
        throw ApiException.notFound("no order " + key.getOrderId());
      }
      List<ReturnView> visible = ledger.getReturns().stream().filter(state -> visible(principal, ledger, state))
          .map(state -> ReturnView.of(ledger, state)).toList();
      if (visible.isEmpty() && !(principal.hasAny(Role.ADMIN, Role.OPERATOR, Role.ANALYST) || isBuyer(principal, ledger))) {
        throw ApiException.notFound("no order " + key.getOrderId()); // a stranger learns nothing of the order
      }
      ctx.json(new ReturnView.ReturnList(key.getOrderId(), ledger.getOrderStatus(), ledger.getDeliveredAt(), visible));
    });
  }

  /** Staff see every return; the buyer its order's; a vendor those with an item of its own. */
  private static boolean visible(Principal principal, ReturnLedger ledger, ReturnState state) {
    if (principal.hasAny(Role.ADMIN, Role.OPERATOR, Role.ANALYST) || isBuyer(principal, ledger)) {
      return true;
    }
    return principal.has(Role.VENDOR) && principal.vendorId()
        .filter(vendor -> state.getItems().stream().anyMatch(item -> vendor.equals(item.getVendorId()))).isPresent();
  }

  // ------------------------------------------------------------------ settings

  private void settings(Context ctx) {
    Principal principal = RequestContext.principal(ctx);
    ctx.json(new ReturnSettings(database.inTenant(principal.tenantId(),
        handle -> new TenantStore(handle).returnWindowDays(principal.tenantId())).orElse(null)));
  }

  private void saveSettings(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    ReturnSettings body = api.bodies().read(ctx, ReturnSettings.class);
    ctx.json(new ReturnSettings(database.inTenant(principal.tenantId(),
        handle -> new TenantStore(handle).saveReturnWindowDays(principal.tenantId(), body.returnWindowDays())).orElse(null)));
  }

  // ------------------------------------------------------------------ helpers

  /** A refusal as the contract answers it: not found 404, a state conflict 409, a bad item or a closed window 422. */
  private static ApiException refused(ReturnBook.Refusal refusal) {
    List<FieldError> fields = refusal.field() == null ? List.of() : List.of(new FieldError(refusal.field(), refusal.message()));
    return switch (refusal.reason()) {
      case ReturnBook.Refusals.UNKNOWN_ORDER, ReturnBook.Refusals.UNKNOWN_RETURN, ReturnBook.Refusals.NOT_VENDORS_RETURN ->
          ApiException.notFound(refusal.message());
      case ReturnBook.Refusals.NOT_DELIVERED -> new ApiException(409, "order-not-delivered", "Order not delivered",
          refusal.message(), fields);
      case ReturnBook.Refusals.NOT_REQUESTED, ReturnBook.Refusals.NOT_APPROVED, ReturnBook.Refusals.ALREADY_CLOSED ->
          new ApiException(409, "return-status", "Not possible in this status", refusal.message(), fields);
      case ReturnBook.Refusals.WINDOW_CLOSED -> new ApiException(422, "return-window-closed", "Return window closed",
          refusal.message(), List.of(new FieldError("orderId", refusal.message())));
      case ReturnBook.Refusals.TOO_MANY_RETURNS -> new ApiException(422, "too-many-returns", "Too many returns",
          refusal.message(), List.of(new FieldError("orderId", refusal.message())));
      default -> new ApiException(422, "return-item", "Item cannot be returned", refusal.message(), fields);
    };
  }

  private static void send(Context ctx, ApiContext api, Principal principal, OrderKey key, String returnId,
      String commandId, SpecificRecord body, ReturnStatus status) {
    ReturnCommand command = RequestContext.cause(ctx, key.getTenantId(), Actors.of(principal), api.clock().instant())
        .command(new ReturnCommand(), commandId, body);
    ctx.future(() -> api.commands().send(Topics.RETURN_COMMANDS, key, command, ctx)
        .thenRun(() -> accepted(ctx, returnId, status.name())));
  }

  private static void accepted(Context ctx, String returnId, String status) {
    ctx.status(202).header("Location", "/v1/returns/" + returnId).json(new ReturnAccepted(returnId, status));
  }
}
