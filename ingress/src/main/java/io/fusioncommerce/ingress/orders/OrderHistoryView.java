package io.fusioncommerce.ingress.orders;

import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.orders.OrderRoutes.HistoryItem;
import io.fusioncommerce.schemas.orders.OrderHistoryEntry;
import io.fusioncommerce.schemas.orders.OrderShipment;
import io.fusioncommerce.schemas.orders.OrderState;
import io.fusioncommerce.schemas.orders.OrderStateLine;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The audit trail of an order as the caller may see it, by the rules of {@link OrderAccess}: staff and
 * the buyer see every entry; a vendor sees its own part of the order, as it does in the order itself.
 *
 * <p>For a vendor an entry is shown only when it is about the whole order's lifecycle (status changes,
 * payment, cancellation, timers) or about one of the vendor's own SKUs or shipments; entries about
 * another vendor's lines, and entry types this class does not know, are left out (fail closed). The
 * {@code actor} of an entry is the subject that issued the command (for the order itself: the customer),
 * so a vendor sees it only when it is the vendor's own subject.
 *
 * <p>The order topology writes the SKU or the shipment an entry is about as the first word of its
 * {@code detail} (see OrderProcessor); {@link #subjectOf} reads it back from there.
 */
final class OrderHistoryView {

  /** Entries about the order as a whole, which every party to it may see. */
  private static final Set<String> ORDER_ENTRIES = Set.of("PlaceOrder", "CancelOrder", "MarkOrderPaid",
      "UpdateOrderPayment", "PaymentUpdated", "RefundRequested", "StatusChanged", "OrderNotReceived");
  private static final String TIMER_ENTRY_PREFIX = "TimerFired:";
  /** Entries about one SKU's reservation: their detail starts with the SKU. */
  private static final Set<String> SKU_ENTRIES = Set.of("StockReserved", "StockInsufficient", "StockReleaseRequested",
      "UnexpectedReservation");
  /** Entries about one shipment: their detail starts with the shipment id. */
  private static final Set<String> SHIPMENT_ENTRIES = Set.of("RecordShipmentProgress");

  private OrderHistoryView() {}

  /** What {@code principal} may see of the entries of {@code state}; throws not-found like the order itself. */
  static List<HistoryItem> visible(Principal principal, OrderState state, List<OrderHistoryEntry> entries) {
    OrderAccess.view(principal, state); // the same 404 as GET /v1/orders/{id} for whoever may not see it
    if (OrderAccess.seesWhole(principal, state)) {
      return entries.stream().map(e -> item(e, e.getActor())).toList();
    }
    String vendor = OrderAccess.vendorOf(principal, state).orElseThrow(() -> OrderAccess.notFound(state.getOrderId()));
    Set<String> skus = state.getLines().stream().filter(line -> vendor.equals(line.getVendorId()))
        .map(OrderStateLine::getSku).collect(Collectors.toUnmodifiableSet());
    Set<String> shipments = state.getShipments().stream().filter(s -> vendor.equals(s.getVendorId()))
        .map(OrderShipment::getShipmentId).collect(Collectors.toUnmodifiableSet());
    return entries.stream()
        .filter(e -> aboutVendorPart(e, skus, shipments))
        .map(e -> item(e, principal.subject().equals(e.getActor()) ? e.getActor() : null))
        .toList();
  }

  private static boolean aboutVendorPart(OrderHistoryEntry entry, Set<String> skus, Set<String> shipments) {
    String type = entry.getType();
    if (ORDER_ENTRIES.contains(type) || type.startsWith(TIMER_ENTRY_PREFIX)) {
      return true;
    }
    if (SKU_ENTRIES.contains(type)) {
      return subjectOf(entry).filter(skus::contains).isPresent();
    }
    if (SHIPMENT_ENTRIES.contains(type)) {
      return subjectOf(entry).filter(shipments::contains).isPresent();
    }
    return false;
  }

  /** The SKU or shipment id an entry's detail starts with: its leading run of id characters. */
  static Optional<String> subjectOf(OrderHistoryEntry entry) {
    String detail = entry.getDetail();
    if (detail == null) {
      return Optional.empty();
    }
    int end = 0;
    while (end < detail.length() && isIdCharacter(detail.charAt(end))) {
      end++;
    }
    return end == 0 ? Optional.empty() : Optional.of(detail.substring(0, end));
  }

  private static boolean isIdCharacter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  }

  private static HistoryItem item(OrderHistoryEntry e, String actor) {
    return new HistoryItem(e.getEventId(), e.getType(), e.getOccurredAt(), e.getStatus(), e.getDetail(),
        e.getCausationId(), actor);
  }
}
