package io.fusioncommerce.ingress.shipping;

import io.fusioncommerce.schemas.shipping.ShipmentState;
import io.fusioncommerce.topologies.shipping.ShipmentBook;
import java.time.Instant;
import java.util.List;

/** Answer of {@code GET /v1/shipments/{id}}, as API.md defines it, plus the route, cost and tracking steps. */
public record ShipmentView(
    String shipmentId,
    String orderId,
    String vendorId,
    String carrier,
    String service,
    String trackingNumber,
    String status,
    String labelUrl,
    String route,
    String hyperlocalAgentId,
    Cost cost,
    String failureReason,
    List<Item> items,
    List<Step> tracking,
    Instant createdAt,
    Instant updatedAt,
    long version,
    // 1 for the first label request, one more for each retry after LABEL_FAILED
    int labelAttempt) {

  public record Cost(long amount, String currency) {}

  public record Item(String sku, long quantity) {}

  public record Step(String status, String location, Instant at, String source) {}

  static ShipmentView of(ShipmentState state, String baseUrl) {
    return new ShipmentView(state.getShipmentId(), state.getOrderId(), state.getVendorId(), state.getCarrier(),
        state.getService(), state.getTrackingNumber(), state.getStatus(),
        state.getLabelKey() == null ? null : baseUrl + ShipmentBook.labelPath(state.getShipmentId()),
        state.getRoute(), state.getHyperlocalAgentId(),
        state.getCost() == null ? null : new Cost(state.getCost().getAmount(), state.getCost().getCurrency()),
        state.getFailureReason(),
        state.getItems().stream().map(i -> new Item(i.getSku(), i.getQuantity())).toList(),
        state.getTracking().stream().map(s -> new Step(s.getStatus(), s.getLocation(), s.getAt(), s.getSource())).toList(),
        state.getCreatedAt(), state.getUpdatedAt(), state.getVersion(), state.getLabelAttempt());
  }
}
