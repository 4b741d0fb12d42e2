package io.fusioncommerce.ingress.shipping;

import io.fusioncommerce.ingress.commands.Actors;
import io.fusioncommerce.connectors.objectstore.ObjectStore;
import io.fusioncommerce.connectors.objectstore.ObjectStoreException;
import io.fusioncommerce.connectors.objectstore.StoredObject;
import io.fusioncommerce.connectors.shipping.CarrierWebhook;
import io.fusioncommerce.ingress.ApiContext;
import io.fusioncommerce.ingress.ApiModule;
import io.fusioncommerce.ingress.auth.Access;
import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.ingress.commands.CommandIds;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.PathParams;
import io.fusioncommerce.ingress.http.PublicUrls;
import io.fusioncommerce.ingress.http.RequestContext;
import io.fusioncommerce.ingress.openapi.DocumentedRoutes;
import io.fusioncommerce.ingress.query.KeyedStore;
import io.fusioncommerce.ingress.query.ReadParameters;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.Actor;
import io.fusioncommerce.schemas.common.ShipmentKey;
import io.fusioncommerce.schemas.shipping.RecordTracking;
import io.fusioncommerce.schemas.shipping.RetryLabel;
import io.fusioncommerce.schemas.shipping.ShipmentCommand;
import io.fusioncommerce.schemas.shipping.ShipmentState;
import io.fusioncommerce.topologies.shipping.ShipmentBook;
import io.fusioncommerce.topologies.shipping.ShippingTopology;
import io.fusioncommerce.schemas.envelope.EventIds;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shipments over HTTP: reads by interactive query on the instance that owns the shipment, the label
 * from the object store, tracking updates as RecordTracking commands (checked against the shipment's
 * current state first so a refusal is a clear 409 at once; the topology decides in order), and the HTTP
 * carriers' signed tracking webhooks.
 */
public final class ShipmentRoutes implements ApiModule {

  private static final Logger LOG = LoggerFactory.getLogger(ShipmentRoutes.class);
  private static final Pattern SHIPMENT_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
  private static final KeyedStore<ShipmentKey, ShipmentState> SHIPMENTS =
      KeyedStore.of(ShippingTopology.CONTEXT, ShippingTopology.SHIPMENT_STORE, ShipmentKey.class);

  /** Answer of an accepted tracking update (202). */
  public record TrackingAccepted(String shipmentId, String status) {}

  /** Answer of an accepted label retry (202): the attempt the new label request is. */
  public record LabelRetryAccepted(String shipmentId, int labelAttempt) {}

  /** Answer of a verified carrier webhook. */
  public record WebhookReceived(boolean received) {}

  private final ObjectStore objects;
  private final Map<String, CarrierWebhook> webhooks;

  /** @param webhooks the HTTP carriers' webhook verifiers, by carrier name */
  public ShipmentRoutes(ObjectStore objects, Map<String, CarrierWebhook> webhooks) {
    this.objects = objects;
    this.webhooks = Map.copyOf(webhooks);
  }

  @Override
  public void register(DocumentedRoutes routes, ApiContext api) {
    routes.get("/v1/shipments/{shipmentId}", ctx -> get(ctx, api), Role.ANY)
        .tag("Shipping").summary("A shipment: carrier, tracking number, status and label, from the shipping topology")
        .description("A paid order has one shipment per vendor (listed on the order). Visible to staff, the order's "
            + "customer and the shipment's vendor.")
        .longPoll()
        .response(200, ShipmentView.class, "The shipment");
    routes.get("/v1/shipments/{shipmentId}/label", ctx -> label(ctx, api), Role.ANY)
        .tag("Shipping").summary("The shipment's 4x6 inch label (PDF)")
        .response(200, byte[].class, "The label", "application/pdf")
        .problem(404, "No such shipment, or no label yet");
    routes.post("/v1/shipments/{shipmentId}/tracking", ctx -> track(ctx, api), Role.ADMIN, Role.OPERATOR, Role.VENDOR)
        .tag("Shipping").summary("Report a tracking step: IN_TRANSIT, OUT_FOR_DELIVERY or DELIVERED")
        .description("The order becomes SHIPPED when every shipment left and DELIVERED when every one arrived. "
            + "A step backwards, before the label, or after delivery is refused with 409.")
        .body(TrackingRequest.class).idempotent()
        .response(202, TrackingAccepted.class, "Accepted; GET the shipment to see it applied")
        .problem(409, "The shipment cannot take this step now");
    routes.post("/v1/shipments/{shipmentId}/label/retry", ctx -> retryLabel(ctx, api), Role.ADMIN, Role.OPERATOR,
            Role.VENDOR)
        .tag("Shipping").summary("Ask again for the label of a shipment whose label failed (LABEL_FAILED)")
        .description("The shipment goes back to LABEL_PENDING and the label worker is asked with a new request "
            + "(its id derived from the shipment and the attempt number). Staff and the shipment's vendor.")
        .idempotent()
        .response(202, LabelRetryAccepted.class, "Accepted; GET the shipment to see the new attempt")
        .problem(409, "The shipment's label has not failed");
    routes.post("/v1/webhooks/carriers/{carrier}", ctx -> webhook(ctx, api), Access.ANONYMOUS)
        .tag("Shipping").summary("Tracking webhook of an HTTP carrier (signed: " + CarrierWebhook.SIGNATURE_HEADER + ")")
        .response(200, WebhookReceived.class, "Verified and recorded")
        .problem(400, "Unknown carrier, or a bad or stale signature: nothing recorded");
  }

  private void get(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    ShipmentKey key = key(ctx, principal);
    String base = PublicUrls.base(ctx);
    api.serve(ctx, SHIPMENTS, key, state -> new ReadParameters.Seen(state.getVersion(), state.getStatus()),
        state -> {
          if (!ShipmentAccess.sees(principal, state)) {
            throw notFound(key);
          }
          return ShipmentView.of(state, base);
        }, "no shipment " + key.getShipmentId());
  }

  private void label(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    ShipmentKey key = key(ctx, principal);
    visible(ctx, api, principal, key, state -> {
      if (state.getLabelKey() == null) {
        throw ApiException.notFound("shipment " + key.getShipmentId() + " has no label yet (" + state.getStatus() + ")");
      }
      StoredObject pdf;
      try {
        pdf = objects.get(state.getLabelKey())
            .orElseThrow(() -> ApiException.notFound("the label of shipment " + key.getShipmentId() + " is missing"));
      } catch (ObjectStoreException e) {
        LOG.warn("object store call failed", e);
        throw ApiException.unavailable("the object store cannot be reached; retry later");
      }
      ctx.header("Content-Length", Long.toString(pdf.length()));
      ctx.header("Content-Disposition", "inline; filename=\"label-" + key.getShipmentId() + ".pdf\"");
      ctx.contentType("application/pdf");
      ctx.result(pdf.content());
    });
  }

  private void track(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    ShipmentKey key = key(ctx, principal);
    TrackingRequest request = api.bodies().read(ctx, TrackingRequest.class);
    visible(ctx, api, principal, key, state -> {
      if (!ShipmentAccess.tracks(principal, state)) {
        throw ApiException.forbidden("tracking is reported by staff and by the shipment's vendor");
      }
      ShipmentBook.trackingRefusal(state, request.status(), null).ifPresent(reason -> {
        throw ApiException.conflict(reason);
      });
      ShipmentCommand command = RequestContext.cause(ctx, key.getTenantId(), Actors.of(principal),
          api.clock().instant()).command(new ShipmentCommand(),
              CommandIds.forRequest(ctx, principal, "track:" + key.getShipmentId() + ":" + request.status()),
              RecordTracking.newBuilder().setShipmentId(key.getShipmentId()).setStatus(request.status())
                  .setLocation(request.location()).setSource("api").build());
      ctx.future(() -> api.commands().send(Topics.SHIPPING_COMMANDS, key, command, ctx)
          .thenRun(() -> ctx.status(202).header("Location", "/v1/shipments/" + key.getShipmentId())
              .json(new TrackingAccepted(key.getShipmentId(), request.status()))));
    });
  }

  /** A new label attempt for a LABEL_FAILED shipment: checked here for a clear 409, decided by the topology in order. */
  private void retryLabel(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    ShipmentKey key = key(ctx, principal);
    visible(ctx, api, principal, key, state -> {
      if (!ShipmentAccess.tracks(principal, state)) {
        throw ApiException.forbidden("a label is asked for again by staff and by the shipment's vendor");
      }
      ShipmentBook.labelRetryRefusal(state).ifPresent(reason -> {
        throw ApiException.conflict(reason);
      });
      int attempt = state.getLabelAttempt() + 1;
      ShipmentCommand command = RequestContext.cause(ctx, key.getTenantId(), Actors.of(principal),
          api.clock().instant()).command(new ShipmentCommand(),
              CommandIds.forRequest(ctx, principal, "label-retry:" + key.getShipmentId() + ":" + attempt),
              RetryLabel.newBuilder().setShipmentId(key.getShipmentId()).build());
      ctx.future(() -> api.commands().send(Topics.SHIPPING_COMMANDS, key, command, ctx)
          .thenRun(() -> ctx.status(202).header("Location", "/v1/shipments/" + key.getShipmentId())
              .json(new LabelRetryAccepted(key.getShipmentId(), attempt))));
    });
  }

  /**
   * A carrier's tracking report. Verified before anything is read from it; then recorded as a
   * RecordTracking command carrying the carrier's tracking number, which the topology checks against the
   * shipment (a report for another shipment, or one that does not fit its state, changes nothing).
   */
  private void webhook(Context ctx, ApiContext api) {
    String carrier = ctx.pathParam("carrier");
    CarrierWebhook verifier = webhooks.get(carrier);
    if (verifier == null) {
      throw ApiException.badRequest("no carrier " + carrier + " sends webhooks here");
    }
    CarrierWebhook.Report report;
    try {
      report = verifier.verify(ctx.header(CarrierWebhook.SIGNATURE_HEADER), ctx.body(), api.clock().instant());
    } catch (CarrierWebhook.Refused e) {
      throw ApiException.badRequest("webhook refused: " + e.getMessage());
    }
    if (!SHIPMENT_ID.matcher(report.shipmentId()).matches() || !report.tenantId().matches("[A-Za-z0-9_-]{1,64}")) {
      throw ApiException.badRequest("the reference names no shipment");
    }
    ShipmentKey key = new ShipmentKey(report.tenantId(), report.shipmentId());
    Actor carrierActor = Actor.newBuilder().setSubject("carrier:" + carrier).setRoles(List.of()).build();
    ShipmentCommand command = RequestContext.cause(ctx, report.tenantId(), carrierActor, api.clock().instant())
        .command(new ShipmentCommand(),
            EventIds.derive(ctx.header(CarrierWebhook.SIGNATURE_HEADER) + "|" + ctx.body(), "carrier-webhook"),
            RecordTracking.newBuilder().setShipmentId(report.shipmentId()).setStatus(report.status())
                .setLocation(report.location()).setTrackingNumber(report.trackingNumber()).setSource("carrier:" + carrier)
                .build());
    ctx.future(() -> api.commands().send(Topics.SHIPPING_COMMANDS, key, command, ctx)
        .thenRun(() -> ctx.status(200).json(new WebhookReceived(true))));
  }

  private static ShipmentKey key(Context ctx, Principal principal) {
    return new ShipmentKey(principal.tenantId(), PathParams.matching(ctx, "shipmentId", SHIPMENT_ID, "not a shipment id"));
  }

  private static ApiException notFound(ShipmentKey key) {
    return ApiException.notFound("no shipment " + key.getShipmentId());
  }

  /** Runs {@code handler} with the shipment on the instance that owns it; who may not see it gets a 404. */
  private static void visible(Context ctx, ApiContext api, Principal principal, ShipmentKey key,
      Consumer<ShipmentState> handler) {
    api.withValue(ctx, SHIPMENTS, key, () -> notFound(key), (local, state) -> {
      if (!ShipmentAccess.sees(principal, state)) {
        throw notFound(key);
      }
      handler.accept(state);
    });
  }
}
