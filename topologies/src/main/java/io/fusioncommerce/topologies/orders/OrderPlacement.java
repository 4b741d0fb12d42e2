package io.fusioncommerce.topologies.orders;

import io.fusioncommerce.schemas.common.Actor;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.envelope.EventIds;
import io.fusioncommerce.schemas.envelope.Cause;
import io.fusioncommerce.schemas.fraud.AssessOrderRisk;
import io.fusioncommerce.schemas.fraud.FraudCommand;
import io.fusioncommerce.schemas.inventory.InventoryCommand;
import io.fusioncommerce.schemas.inventory.ReserveStock;
import io.fusioncommerce.schemas.orders.OrderCommand;
import io.fusioncommerce.schemas.orders.PlaceOrder;
import io.fusioncommerce.schemas.orders.RequestedLine;
import io.fusioncommerce.schemas.tenants.TenantKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order placement protocol: a PlaceOrder to the order's partition, one ReserveStock per SKU to
 * the SKU's own partition and an AssessOrderRisk to the tenant's fraud partition, sent side by side (the
 * order topology waits for every answer, so scoring adds no hop to the saga). The command ids are derived
 * from the order id (purposes {@code place-order}, {@code reserve:<sku>} and {@code assess-risk}), so a retry (a
 * client retrying with its Idempotency-Key, a campaign replaying) writes the same commands and is
 * recognised downstream. Every producer of orders (the ingress's order route, the campaign topology's
 * group orders) builds them here, so they cannot drift apart.
 *
 * @param order the PlaceOrder command, keyed by the order
 * @param reservations one ReserveStock command per SKU of the order, caused by the PlaceOrder
 * @param assessment the AssessOrderRisk command, caused by the PlaceOrder (the PlaceOrder says it was asked for);
 *     null when the order is placed without one
 */
public record OrderPlacement(Keyed<OrderKey, OrderCommand> order, List<Keyed<SkuKey, InventoryCommand>> reservations,
    Keyed<TenantKey, FraudCommand> assessment) {

  /** A command with the key it is written under. */
  public record Keyed<K, V>(K key, V command) {}

  /**
   * The commands that place {@code place} for {@code tenantId}, caused by {@code cause} and issued by
   * {@code issuer}.
   */
  public static OrderPlacement of(Cause cause, Actor issuer, PlaceOrder requested) {
    return of(cause, issuer, requested, true);
  }

  /**
   * As {@link #of(Cause, Actor, PlaceOrder)}; with {@code assessRisk} false the order is placed without a
   * risk assessment (the operator switched scoring off for the ingress: {@code FUSION_FRAUD_SCORING=off}), so
   * it settles on its reservations alone and {@link #assessment()} is null.
   */
  public static OrderPlacement of(Cause cause, Actor issuer, PlaceOrder requested, boolean assessRisk) {
    PlaceOrder place = PlaceOrder.newBuilder(requested).setRiskAssessmentRequested(assessRisk).build();
    OrderKey key = new OrderKey(cause.tenantId(), place.getOrderId());
    Map<String, Long> bySku = new LinkedHashMap<>();
    for (RequestedLine line : place.getLines()) {
      bySku.merge(line.getSku(), line.getQuantity(), Math::addExact);
    }
    OrderCommand order = cause.command(new OrderCommand(), placeCommandId(place.getOrderId()), issuer, place);
    return new OrderPlacement(new Keyed<>(key, order), reservations(cause, issuer, key, place.getCustomerId(), bySku),
        assessRisk ? assessment(cause, issuer, place) : null);
  }

  /**
   * The AssessOrderRisk command of {@code place} with the id its placement uses: what a retry writes again
   * when the order still waits for its risk (the fraud topology answers a repeat with the same assessment).
   */
  public static Keyed<TenantKey, FraudCommand> assessment(Cause cause, Actor issuer, PlaceOrder place) {
    Cause placed = cause.causedBy(placeCommandId(place.getOrderId()));
    AssessOrderRisk assess = AssessOrderRisk.newBuilder()
        .setOrderId(place.getOrderId()).setCustomerId(place.getCustomerId()).setCurrency(place.getCurrency())
        .setLines(place.getLines()).setShippingAddress(place.getShippingAddress())
        .setAgreedUnitPrice(place.getAgreedUnitPrice())
        .setClientAddress(place.getClientAddress()).setUserAgent(place.getUserAgent())
        .setBillingCountry(place.getBillingCountry()).setPaymentFingerprint(place.getPaymentFingerprint()).build();
    return new Keyed<>(new TenantKey(cause.tenantId()),
        placed.command(new FraudCommand(), EventIds.derive(place.getOrderId(), "assess-risk"), issuer, assess));
  }

  /**
   * The ReserveStock commands of an order already placed, with the ids its placement used: what a retry
   * writes again when the first attempt may have died between the order and its reservations.
   */
  public static List<Keyed<SkuKey, InventoryCommand>> reservations(Cause cause, Actor issuer, OrderKey key,
      String customerId, Map<String, Long> quantitiesBySku) {
    Cause placed = cause.causedBy(placeCommandId(key.getOrderId()));
    return quantitiesBySku.entrySet().stream()
        .map(line -> new Keyed<>(new SkuKey(key.getTenantId(), line.getKey()), placed.command(new InventoryCommand(),
            EventIds.derive(key.getOrderId(), "reserve:" + line.getKey()), issuer,
            ReserveStock.newBuilder().setOrderId(key.getOrderId()).setSku(line.getKey()).setQuantity(line.getValue())
                .setCustomerId(customerId).build())))
        .toList();
  }

  /** The id of the order's PlaceOrder command, the same on every attempt. */
  public static String placeCommandId(String orderId) {
    return EventIds.derive(orderId, "place-order");
  }
}
