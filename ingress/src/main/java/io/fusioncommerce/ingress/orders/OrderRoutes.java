package io.fusioncommerce.ingress.orders;

import io.fusioncommerce.ingress.commands.Actors;
import static io.fusioncommerce.ingress.orders.ShippingAddresses.address;

import io.fusioncommerce.ingress.ApiContext;
import io.fusioncommerce.ingress.ApiModule;
import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.ingress.commands.CommandIds;
import io.fusioncommerce.ingress.commands.IdempotentCreate;
import io.fusioncommerce.ingress.commands.RequestHash;
import io.fusioncommerce.ingress.database.Database;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.PathParams;
import io.fusioncommerce.ingress.http.RequestContext;
import io.fusioncommerce.ingress.openapi.DocumentedRoutes;
import io.fusioncommerce.ingress.query.KeyedStore;
import io.fusioncommerce.ingress.query.ReadParameters;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.inventory.InventoryCommand;
import io.fusioncommerce.schemas.orders.CancelOrder;
import io.fusioncommerce.schemas.orders.OrderCommand;
import io.fusioncommerce.schemas.orders.OrderState;
import io.fusioncommerce.schemas.orders.PlaceOrder;
import io.fusioncommerce.schemas.orders.RequestedLine;
import io.fusioncommerce.topologies.orders.OrderPlacement;
import io.fusioncommerce.topologies.orders.OrderStatus;
import io.fusioncommerce.topologies.orders.OrderTopology;
import io.fusioncommerce.schemas.envelope.Cause;
import io.javalin.http.Context;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * Orders over HTTP. Placing an order writes the PlaceOrder command and, on the SKUs' own partitions,
 * one ReserveStock per SKU, and on the tenant's fraud partition the AssessOrderRisk, so reservation and
 * scoring start at once, side by side (one exactly-once hop from POST to CONFIRMED); the order topology
 * prices the order from the catalog and settles it. Reads and cancels run on the instance that owns the order.
 */
public final class OrderRoutes implements ApiModule {

  private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
  private static final KeyedStore<OrderKey, OrderState> ORDERS =
      KeyedStore.of(OrderTopology.CONTEXT, OrderTopology.ORDER_STORE, OrderKey.class);
  /** An order exists for a retry once it was placed (a bare reservation answer creates no order). */
  private static final IdempotentCreate<OrderKey, OrderState> PLACE =
      new IdempotentCreate<>(ORDERS, OrderState::getPlaced, OrderState::getRequestHash, "order");

  private final Database database;
  private final OrderQuantityLimit orderLimits;
  private final boolean fraudScoring;

  /** @param database where the order list's read model is (the other routes use the state stores) */
  public OrderRoutes(Database database) {
    this(database, true);
  }

  /**
   * @param database where the order list's read model is (the other routes use the state stores)
   * @param fraudScoring whether orders placed here are scored before they can be CONFIRMED (see
   *     {@link #fraudScoring(Map)})
   */
  public OrderRoutes(Database database, boolean fraudScoring) {
    this.database = database;
    this.orderLimits = new OrderQuantityLimit(database);
    this.fraudScoring = fraudScoring;
  }

  /**
   * {@code FUSION_FRAUD_SCORING}: {@code on} (the default) or {@code off}. Off places orders without a risk
   * assessment: a bypass for an operator whose fraud topology is down (orders would otherwise be rejected
   * with RISK_ASSESSMENT_TIMEOUT), and the baseline of the benchmark that measures what scoring costs.
   */
  public static boolean fraudScoring(Map<String, String> env) {
    String value = env.getOrDefault("FUSION_FRAUD_SCORING", "on").trim();
    return switch (value) {
      case "on" -> true;
      case "off" -> false;
      default -> throw new IllegalArgumentException("FUSION_FRAUD_SCORING must be on or off, not " + value);
    };
  }

  /** Answer of an accepted order command (202). */
  public record OrderAccepted(String orderId, String status) {}

  /** Body of {@code POST /v1/orders/{orderId}/cancel}. */
  public record CancelRequest(@Size(max = 500) String reason) {}

  /**
   * Answer of {@code GET /v1/orders/{orderId}/history}: the events of the order, oldest first, one page
   * at a time ({@code next}: the cursor of the following page, null on the last).
   */
  public record HistoryResponse(String orderId, List<HistoryItem> items, String next) {}

  public record HistoryItem(String eventId, String type, Instant occurredAt, String status, String detail,
      String causationId, String actor) {}

  @Override
  public void register(DocumentedRoutes routes, ApiContext api) {
    routes.post("/v1/orders", ctx -> place(ctx, api), Role.CUSTOMER, Role.ADMIN, Role.OPERATOR)
        .tag("Orders").summary("Place an order; prices come from the catalog")
        .description("Answers 202 at once; the order becomes CONFIRMED when every line is reserved and its fraud "
            + "score passes, HELD when the score asks for an operator's review (stock stays reserved), or REJECTED "
            + "(INSUFFICIENT_STOCK, UNKNOWN_SKU, QUANTITY_LIMIT_EXCEEDED, CUSTOMER_LIMIT_EXCEEDED, FRAUD_SUSPECTED, ...). "
            + "The client's address and User-Agent are recorded for the score; billingAddress.country and "
            + "paymentMethod (a token of the payment method, kept only as a fingerprint) are optional and sharpen it. "
            + "A customer orders for itself; B2B orders need the buyer's organization. More units of one SKU than the "
            + "tenant allows per order answer 422 at once (errors[].field \"items\").")
        .body(PlaceOrderRequest.class).idempotent()
        .response(202, OrderAccepted.class, "Accepted; GET the order (with ?waitMs=) to see it settle")
        .problem(422,
            "The Idempotency-Key was used for a different order, or a SKU's quantity is over the tenant's per-order limit");
    routes.get("/v1/orders", this::list, Role.ANY)
        .tag("Orders").summary("List orders, newest first, from the Postgres read model")
        .description("Answers from the order list the JDBC sink keeps (it follows the order topology within moments; "
            + "GET /v1/orders/{orderId} is the order itself). Staff (admin, operator, analyst) see every order of the "
            + "tenant; a customer its own and its organization's; a vendor the orders with a line of its own, and of "
            + "those only its part (total and itemCount of its lines). Filters narrow what the caller may see: a "
            + "customerId or vendorId the caller may not see gives an empty page, not an error. Pages follow the "
            + "opaque cursor in \"next\" (null on the last page) and see every order once.")
        .queryParam("customerId", String.class, "Only this customer's orders")
        .queryParam("status", String.class, "Only orders in this status; several comma-separated (CONFIRMED,PAID) mean any of them")
        .queryParam("vendorId", String.class, "Only orders with a line of this vendor")
        .queryParam("from", java.time.Instant.class, "Only orders created at or after this ISO-8601 time")
        .queryParam("to", java.time.Instant.class, "Only orders created before this ISO-8601 time")
        .queryParam("limit", Integer.class, "Orders per page, 1 to " + OrderListParameters.MAX_LIMIT + " (default "
            + OrderListParameters.DEFAULT_LIMIT + ")")
        .queryParam("cursor", String.class, "The \"next\" value of the previous page, with the same filters")
        .response(200, OrderListResponse.class, "One page of orders")
        .problem(400, "A parameter is wrong; errors[].field names it");
    routes.get("/v1/orders/{orderId}", ctx -> get(ctx, api), Role.ANY)
        .tag("Orders").summary("An order, from the order topology's state store")
        .longPoll("CREATED")
        .response(200, OrderResponse.class, "The order (a vendor sees its own part)");
    routes.get("/v1/orders/{orderId}/history", ctx -> history(ctx, api), Role.ANY)
        .tag("Orders").summary("Every event of the order, oldest first (audit trail), a page at a time")
        .description("Staff and the buyer see every entry. A vendor sees its own part: entries about the order as a "
            + "whole (status, payment, cancellation) and about its own lines and shipments, never another vendor's, "
            + "and no actor but itself (the buyer's id is not shown); a vendor's page may hold fewer entries than "
            + "the limit, follow \"next\" until it is absent.")
        .queryParam("limit", Integer.class, "Entries per page, 1 to " + HistoryPage.MAX_LIMIT + " (default "
            + HistoryPage.DEFAULT_LIMIT + ")")
        .queryParam("cursor", String.class, "The \"next\" value of the previous page")
        .response(200, HistoryResponse.class, "One page of the audit trail (a vendor sees its own part)");
    routes.post("/v1/orders/{orderId}/cancel", ctx -> cancel(ctx, api), Role.CUSTOMER, Role.ADMIN, Role.OPERATOR)
        .tag("Orders").summary("Cancel an order that is CREATED, HELD, CONFIRMED or PAID; its stock is released")
        .body(CancelRequest.class).idempotent()
        .response(202, OrderAccepted.class, "Accepted")
        .problem(409, "The order can no longer be cancelled");
  }

  // ------------------------------------------------------------------ place

  private void place(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    PlaceOrderRequest request = OrderEmails.withEmail(api.bodies().read(ctx, PlaceOrderRequest.class), principal);
    checkBuyer(principal, request);
    orderLimits.check(principal.tenantId(), request);
    String orderId = CommandIds.forRequest(ctx, principal, "place-order");
    String requestHash = RequestHash.of(request);
    OrderKey key = new OrderKey(principal.tenantId(), orderId);
    PLACE.run(ctx, api, key, requestHash, existing -> {
      Map<String, Long> pending = pendingReservations(existing);
      boolean riskPending = OrderStatus.CREATED.name().equals(existing.getStatus()) && existing.getRiskRequested()
          && existing.getRisk() == null;
      if (pending.isEmpty() && !riskPending) {
        accepted(ctx, orderId);
        return;
      }
      // The first attempt may have died between writing the order and writing its reservations (its
      // client got no answer, so it retries): write the pending ones again. The inventory keeps one
      // reservation per SKU and order, so a repeat changes nothing, nor does one arriving after the
      // order gave up waiting (its release is remembered).
      Cause cause = RequestContext.cause(ctx, Actors.of(principal), api.clock().instant());
      List<CompletableFuture<?>> acks = new ArrayList<>(send(api, cause, OrderPlacement.reservations(cause, cause.actor(),
          key, existing.getCustomerId(), pending)));
      if (riskPending) { // the fraud topology answers a repeat with its first assessment
        var assessment = OrderPlacement.assessment(cause, cause.actor(), placeOrder(ctx, key, request, requestHash));
        acks.add(api.commands().send(Topics.FRAUD_COMMANDS, assessment.key(), assessment.command(), cause));
      }
      ctx.future(() -> CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
          .thenRun(() -> accepted(ctx, orderId)));
    }, () -> publishOrder(ctx, api, principal, key, request, requestHash));
  }

  private static void checkBuyer(Principal principal, PlaceOrderRequest request) {
    try {
      Currency.getInstance(request.currency());
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidField("currency", "not an ISO-4217 currency");
    }
    boolean staff = principal.hasAny(Role.ADMIN, Role.OPERATOR);
    if (!staff && !principal.subject().equals(request.customerId())) {
      throw ApiException.forbidden("a customer can only order for itself");
    }
    if (request.purchaseOrderNumber() != null && request.organizationId() == null) {
      throw ApiException.invalidField("purchaseOrderNumber", "needs organizationId");
    }
    if (request.organizationId() != null && !staff
        && principal.organizationId().filter(request.organizationId()::equals).isEmpty()) {
      throw ApiException.forbidden("only buyers of organization " + request.organizationId() + " can order for it");
    }
  }

  private void publishOrder(Context ctx, ApiContext api, Principal principal, OrderKey key, PlaceOrderRequest request,
      String requestHash) {
    Cause cause = RequestContext.cause(ctx, Actors.of(principal), api.clock().instant());
    OrderPlacement placement = OrderPlacement.of(cause, cause.actor(), placeOrder(ctx, key, request, requestHash),
        fraudScoring);
    List<CompletableFuture<?>> acks = new ArrayList<>();
    acks.add(api.commands().send(Topics.ORDER_COMMANDS, placement.order().key(), placement.order().command(), cause));
    acks.addAll(send(api, cause, placement.reservations())); // in parallel with the order itself
    if (placement.assessment() != null) { // and its scoring, in parallel too
      acks.add(api.commands().send(Topics.FRAUD_COMMANDS, placement.assessment().key(), placement.assessment().command(),
          cause));
    }
    ctx.future(() -> CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
        .thenRun(() -> accepted(ctx, key.getOrderId())));
  }

  /**
   * The PlaceOrder of {@code request}, with the client context the fraud score reads: the client's address
   * (see ClientAddresses), its User-Agent, the billing country and a fingerprint of the
   * payment method token (the token itself is not kept).
   */
  private static PlaceOrder placeOrder(Context ctx, OrderKey key, PlaceOrderRequest request, String requestHash) {
    List<RequestedLine> lines = request.items().stream().map(i -> new RequestedLine(i.sku(), i.quantity())).toList();
    return PlaceOrder.newBuilder()
        .setOrderId(key.getOrderId()).setCustomerId(request.customerId()).setCurrency(request.currency())
        .setLines(lines).setShippingAddress(address(request.shippingAddress()))
        .setOrganizationId(request.organizationId()).setPurchaseOrderNumber(request.purchaseOrderNumber())
        .setRequestHash(requestHash)
        .setEmail(request.email())
        .setClientAddress(ClientAddresses.of(ctx))
        .setUserAgent(bounded(ctx.userAgent(), MAX_USER_AGENT))
        .setBillingCountry(request.billingAddress() == null ? null : request.billingAddress().country())
        .setPaymentFingerprint(request.paymentMethod() == null ? null
            : RequestHash.of(key.getTenantId() + ":" + request.paymentMethod()).substring(0, 32))
        .build();
  }

  private static final int MAX_USER_AGENT = 256;

  private static String bounded(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }

  /** Sends the ReserveStock commands, each to its SKU's own partition, with the request's headers. */
  private static List<CompletableFuture<?>> send(ApiContext api, Cause cause,
      List<OrderPlacement.Keyed<SkuKey, InventoryCommand>> reservations) {
    return reservations.stream().<CompletableFuture<?>>map(reservation ->
        api.commands().send(Topics.INVENTORY_COMMANDS, reservation.key(), reservation.command(), cause)).toList();
  }

  /** The quantities per SKU of a CREATED order's lines that no reservation answer has reached yet. */
  static Map<String, Long> pendingReservations(OrderState order) {
    Map<String, Long> pending = new LinkedHashMap<>();
    if (OrderStatus.CREATED.name().equals(order.getStatus())) {
      order.getLines().stream().filter(line -> "PENDING".equals(line.getReservation()))
          .forEach(line -> pending.merge(line.getSku(), line.getQuantity(), Math::addExact));
    }
    return pending;
  }

  private static void accepted(Context ctx, String orderId) {
    ctx.status(202).header("Location", "/v1/orders/" + orderId).json(new OrderAccepted(orderId, OrderStatus.CREATED.name()));
  }

  // ------------------------------------------------------------------ list

  private void list(Context ctx) {
    Principal principal = RequestContext.principal(ctx);
    OrderListParameters parameters = OrderListParameters.from(ctx);
    OrderListQuery.Scope scope = OrderAccess.listScope(principal);
    OrderListQuery.Page page = database.inTenant(principal.tenantId(), handle -> OrderListQuery.page(handle,
        principal.tenantId(), scope, parameters.filter(), parameters.after(), parameters.limit()));
    ctx.json(OrderListResponse.of(page, scope, parameters.filter()));
  }

  // ------------------------------------------------------------------ read

  private void get(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    OrderKey key = new OrderKey(principal.tenantId(), orderId(ctx));
    api.serve(ctx, ORDERS, key, state -> new ReadParameters.Seen(state.getVersion(), state.getPlaced() ? state.getStatus() : null),
        state -> OrderAccess.view(principal, state), "no order " + key.getOrderId());
  }

  private void history(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    OrderKey key = new OrderKey(principal.tenantId(), orderId(ctx));
    int limit = HistoryPage.limit(ctx);
    api.withValue(ctx, ORDERS, key, () -> OrderAccess.notFound(key.getOrderId()), (local, state) -> {
      OrderAccess.view(principal, state); // who may not see the order learns nothing, not even of a bad cursor
      HistoryPage page = HistoryPage.read(local, key, ctx.queryParam("cursor"), limit);
      ctx.json(new HistoryResponse(key.getOrderId(), OrderHistoryView.visible(principal, state, page.entries()),
          page.next()));
    });
  }

  // ------------------------------------------------------------------ cancel

  private void cancel(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    OrderKey key = new OrderKey(principal.tenantId(), orderId(ctx));
    CancelRequest request = ctx.body().isBlank() ? new CancelRequest(null) : api.bodies().read(ctx, CancelRequest.class);
    api.withValue(ctx, ORDERS, key, () -> OrderAccess.notFound(key.getOrderId()), (local, state) -> {
          OrderAccess.requireBuyerOrStaff(principal, state);
          OrderStatus status = OrderStatus.valueOf(state.getStatus());
          if (!OrderStatus.CANCELLABLE.contains(status)) {
            throw ApiException.conflict("an order that is " + status + " cannot be cancelled");
          }
          String reason = request.reason() == null || request.reason().isBlank() ? "cancelled by the buyer" : request.reason();
          OrderCommand command = RequestContext.cause(ctx, key.getTenantId(), Actors.of(principal),
              api.clock().instant()).command(new OrderCommand(),
                  CommandIds.forRequest(ctx, principal, "cancel:" + key.getOrderId()), new CancelOrder(key.getOrderId(), reason));
          ctx.future(() -> api.commands().send(Topics.ORDER_COMMANDS, key, command, ctx)
              .thenRun(() -> ctx.status(202).header("Location", "/v1/orders/" + key.getOrderId())
                  .json(new OrderAccepted(key.getOrderId(), status.name()))));
    });
  }

  private static String orderId(Context ctx) {
    return PathParams.matching(ctx, "orderId", ORDER_ID, "not an order id");
  }
}
