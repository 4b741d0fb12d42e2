package io.fusioncommerce.ingress.webhooks;

import io.fusioncommerce.connectors.webhooks.WebhookEventTypes;
import io.fusioncommerce.connectors.webhooks.WebhookSettings;
import io.fusioncommerce.connectors.webhooks.WebhookSignature;
import io.fusioncommerce.connectors.webhooks.WebhookStore;
import io.fusioncommerce.connectors.webhooks.WebhookTargetPolicy;
import io.fusioncommerce.ingress.ApiContext;
import io.fusioncommerce.ingress.ApiModule;
import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.ingress.catalog.IdempotentWrites;
import io.fusioncommerce.ingress.database.Database;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.FieldError;
import io.fusioncommerce.ingress.http.PageLimit;
import io.fusioncommerce.ingress.http.PathParams;
import io.fusioncommerce.ingress.http.RequestContext;
import io.fusioncommerce.ingress.openapi.DocumentedRoutes;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Outbound webhooks over HTTP (ADR 0026), for a tenant's admins: subscribe a URL to event types (the
 * answer carries the signing secret, once), list and disable subscriptions, list a subscription's
 * deliveries with every attempt, replay a delivery. Another tenant's subscription or delivery is not
 * found (row-level security answers for the tenant of the token). The webhook worker
 * ({@code connectors/webhooks}) makes the deliveries.
 */
public record WebhookRoutes(Database database, WebhookSettings settings, WebhookTargetPolicy targets)
    implements ApiModule {

  private static final Pattern SUBSCRIPTION_ID = Pattern.compile("whs_[0-9a-f]{32}");
  private static final Pattern DELIVERY_ID = Pattern.compile("whd_[0-9a-f]{32}");
  private static final Pattern CURSOR = Pattern.compile("[0-9]{1,18}");

  public WebhookRoutes(Database database, WebhookSettings settings) {
    this(database, settings, settings.targetPolicy());
  }

  @Override
  public void register(DocumentedRoutes routes, ApiContext api) {
    IdempotentWrites writes = new IdempotentWrites(database, api.json());
    routes.post("/v1/webhooks/subscriptions", ctx -> subscribe(ctx, api, writes), Role.ADMIN)
        .tag("Webhooks").summary("Subscribe a URL to event types")
        .description("The events are POSTed as JSON with Fusion-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "
            + "\"<t>.<body>\" keyed with the secret> and Fusion-Event-Id; retried with backoff for 24 h, in order "
            + "per resource. The secret is in this answer only. Event types: "
            + String.join(", ", WebhookEventTypes.all().stream().map(WebhookEventTypes.EventType::name).toList()))
        .body(SubscriptionRequest.class).idempotent()
        .response(201, WebhookViews.Created.class, "The subscription and its secret (shown once)")
        .problem(422, "An unknown event type, a URL that is not a public http(s) address, or a limit reached");
    routes.get("/v1/webhooks/subscriptions", this::list, Role.ADMIN)
        .tag("Webhooks").summary("The tenant's subscriptions (without their secrets)")
        .response(200, WebhookViews.Subscriptions.class, "Newest first");
    routes.get("/v1/webhooks/subscriptions/{subscriptionId}", this::one, Role.ADMIN)
        .tag("Webhooks").summary("One subscription (without its secret)")
        .response(200, WebhookStore.Subscription.class, "The subscription");
    routes.delete("/v1/webhooks/subscriptions/{subscriptionId}", ctx -> disable(ctx, api), Role.ADMIN)
        .tag("Webhooks").summary("Disable a subscription: nothing more is delivered to it")
        .response(204, null, "Disabled (its deliveries stay listed)");
    routes.get("/v1/webhooks/subscriptions/{subscriptionId}/deliveries", this::deliveries, Role.ADMIN)
        .tag("Webhooks").summary("A subscription's deliveries, newest first, with every attempt")
        .paged()
        .response(200, WebhookStore.DeliveryPage.class, "A page; next is the cursor of the following one");
    routes.post("/v1/webhooks/deliveries/{deliveryId}/replay", ctx -> replay(ctx, api), Role.ADMIN)
        .tag("Webhooks").summary("Send a delivery's event again, as a new delivery")
        .description("At most one replay of a delivery is pending at a time: while one is, this answers it "
            + "(same deliveryId) and queues nothing more.")
        .response(202, WebhookViews.Replayed.class, "Queued")
        .problem(409, "The subscription is disabled");
  }

  private void subscribe(Context ctx, ApiContext api, IdempotentWrites writes) {
    Principal principal = RequestContext.principal(ctx);
    SubscriptionRequest request = api.bodies().read(ctx, SubscriptionRequest.class);
    List<String> events = check(request);
    writes.run(ctx, principal, "webhook-subscribe", request, handle -> {
      String secret = WebhookSignature.newSecret();
      WebhookStore.Subscription created;
      try {
        created = new WebhookStore(database.jdbi()).subscribe(handle, principal.tenantId(), request.url(), events,
            secret, api.clock().instant(), settings.maxSubscriptionsPerTenant());
      } catch (WebhookStore.LimitReached e) {
        throw unprocessable(List.of(new FieldError("url", e.getMessage())));
      }
      return new IdempotentWrites.Answer(201, new WebhookViews.Created(created.subscriptionId(),
          secret, created.url(), created.events(), true, created.createdAt()),
          "/v1/webhooks/subscriptions/" + created.subscriptionId());
    });
  }

  /** Every wrong field at once (422): nothing is stored. */
  private List<String> check(SubscriptionRequest request) {
    List<FieldError> errors = new ArrayList<>();
    if (request == null) {
      throw ApiException.badRequest("a JSON body {\"url\",\"events\"} is required");
    }
    targets.refusal(request.url()).ifPresent(why -> errors.add(new FieldError("url", why)));
    List<String> events = request.events() == null ? List.of() : request.events();
    if (events.isEmpty()) {
      errors.add(new FieldError("events", "at least one event type"));
    } else if (events.size() > settings.maxEventsPerSubscription()) {
      errors.add(new FieldError("events", "at most " + settings.maxEventsPerSubscription() + " event types"));
    } else {
      for (int i = 0; i < events.size(); i++) {
        String type = events.get(i);
        if (type == null || WebhookEventTypes.named(type).isEmpty()) {
          errors.add(new FieldError("events[" + i + "]", "unknown event type"
              + (type == null ? "" : " " + abbreviate(type))));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw unprocessable(errors);
    }
    return List.copyOf(new LinkedHashSet<>(events));
  }

  private void list(Context ctx) {
    Principal principal = RequestContext.principal(ctx);
    ctx.json(new WebhookViews.Subscriptions(store().subscriptions(principal.tenantId())));
  }

  private void one(Context ctx) {
    Principal principal = RequestContext.principal(ctx);
    String id = subscriptionId(ctx);
    ctx.json(store().subscription(principal.tenantId(), id).orElseThrow(() -> notFound(id)));
  }

  private void disable(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    String id = subscriptionId(ctx);
    if (!store().disable(principal.tenantId(), id, api.clock().instant())) {
      throw notFound(id);
    }
    ctx.status(204);
  }

  private void deliveries(Context ctx) {
    Principal principal = RequestContext.principal(ctx);
    String id = subscriptionId(ctx);
    int limit = PageLimit.LISTS.require(ctx.queryParam("limit"));
    String cursor = ctx.queryParam("cursor");
    if (cursor != null && !CURSOR.matcher(cursor).matches()) {
      throw ApiException.invalidField("cursor", "not a cursor this list returned");
    }
    ctx.json(store().deliveries(principal.tenantId(), id, cursor == null ? null : Long.parseLong(cursor), limit)
        .orElseThrow(() -> notFound(id)));
  }

  private void replay(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    String id = PathParams.matching(ctx, "deliveryId", DELIVERY_ID, "not a delivery id");
    Optional<String> replayed = store().replay(principal.tenantId(), id, api.clock().instant());
    if (replayed.isEmpty()) {
      if (store().deliveryExists(principal.tenantId(), id)) {
        throw ApiException.conflict("the delivery's subscription is disabled");
      }
      throw ApiException.notFound("no delivery " + id);
    }
    ctx.status(202).json(new WebhookViews.Replayed(replayed.get(), id, "PENDING"));
  }

  private WebhookStore store() {
    return new WebhookStore(database.jdbi());
  }

  private static String subscriptionId(Context ctx) {
    return PathParams.matching(ctx, "subscriptionId", SUBSCRIPTION_ID, "not a subscription id");
  }

  private static ApiException notFound(String id) {
    return ApiException.notFound("no subscription " + id);
  }

  private static ApiException unprocessable(List<FieldError> errors) {
    return new ApiException(422, "validation", "Invalid request", "The request has invalid fields.", errors);
  }

  private static String abbreviate(String text) {
    return text.length() <= 64 ? text : text.substring(0, 64) + "...";
  }
}
