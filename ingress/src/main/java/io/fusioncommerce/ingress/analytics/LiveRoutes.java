package io.fusioncommerce.ingress.analytics;

import io.fusioncommerce.analytics.live.LiveFigures;
import io.fusioncommerce.analytics.live.LiveFiguresSource;
import io.fusioncommerce.ingress.ApiContext;
import io.fusioncommerce.ingress.ApiModule;
import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.RequestContext;
import io.fusioncommerce.ingress.http.TenantSlots;
import io.fusioncommerce.ingress.openapi.DocumentedRoutes;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code GET /v1/live}: the caller's tenant's live figures as server-sent events, from the analytics
 * topology's window stores. The tenant is the token's; a vendor (whose figures would be its own only)
 * has no live view. Streams are capped per tenant and per node: past the cap a client is refused with
 * Retry-After instead of queued.
 */
public final class LiveRoutes implements ApiModule {

  /** Seconds a refused client waits: a closed tab's stream is noticed within a heartbeat. */
  static final int RETRY_AFTER_SECONDS = 15;
  static final String EVENT_STREAM = "text/event-stream";

  private final LiveFiguresSource source;
  private final LiveSettings settings;
  private final TenantSlots slots;

  public LiveRoutes(LiveFiguresSource source, LiveSettings settings) {
    this.source = source;
    this.settings = settings;
    this.slots = new TenantSlots(settings.maxStreams(), settings.maxStreamsPerTenant(),
        () -> new ApiException(429, "live-streams-per-tenant", "Too many live streams",
            "this tenant already has " + settings.maxStreamsPerTenant() + " live streams open, the most it may; close "
                + "one (a dashboard tab) or retry later", List.of()),
        () -> new ApiException(503, "live-streams-busy", "Live streams busy",
            "this node serves as many live streams as it takes; retry later", List.of()));
  }

  @Override
  public void register(DocumentedRoutes routes, ApiContext api) {
    LiveStreams streams = new LiveStreams(source, settings, api.json());
    routes.get("/v1/live", ctx -> open(ctx, streams), Role.OPERATOR, Role.ADMIN, Role.ANALYST)
        .tag("Analytics").summary("Live figures of the caller's tenant, as server-sent events")
        .description("Send Accept: text/event-stream. The stream carries \"figures\" events (data: the figures as "
            + "JSON) when it opens and whenever they change, at most twice a second, and a comment line every 15 s. "
            + "Nothing is sent while the figures cannot be read yet (the analytics topology is starting). At most "
            + settings.maxStreamsPerTenant() + " streams per tenant are open at once.")
        .response(200, LiveFigures.class, "The stream; each event's data is one of these", EVENT_STREAM)
        .problem(403, "Not an operator, admin or analyst")
        .problem(406, "The request does not accept text/event-stream")
        .problem(429, "The tenant has as many streams open as it may (Retry-After)")
        .problem(503, "The node serves as many streams as it takes (Retry-After)");
  }

  private void open(Context ctx, LiveStreams streams) throws Exception {
    Principal principal = RequestContext.principal(ctx);
    String accept = ctx.header("Accept");
    if (accept == null || !accept.contains(EVENT_STREAM)) {
      throw new ApiException(406, "not-acceptable", "Not acceptable",
          "this is an event stream: send Accept: " + EVENT_STREAM, List.of());
    }
    TenantSlots.Slot slot;
    try {
      slot = slots.acquire(principal.tenantId());
    } catch (ApiException refused) {
      ctx.header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
      throw refused;
    }
    try {
      EventStreamResponse.answer(ctx, client -> streams.open(principal.tenantId(), slot, client));
    } catch (Exception | Error failed) {
      slot.close();
      throw failed;
    }
  }
}
