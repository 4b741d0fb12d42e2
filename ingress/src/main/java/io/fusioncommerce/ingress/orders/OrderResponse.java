package io.fusioncommerce.ingress.orders;

import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.orders.OrderState;
import io.fusioncommerce.schemas.orders.OrderStateLine;
import io.fusioncommerce.schemas.orders.ShippingAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Answer of {@code GET /v1/orders/{orderId}}, as API.md defines it. */
public record OrderResponse(
    String orderId,
    String customerId,
    String status,
    String currency,
    List<Item> items,
    MoneyView total,
    List<VendorOrder> vendorOrders,
    String rejectionReason,
    String cancellationReason,
    Instant holdExpiresAt,
    Address shippingAddress,
    String organizationId,
    String purchaseOrderNumber,
    Payment payment,
    List<Shipment> shipments,
    Instant createdAt,
    Instant updatedAt,
    long version,
    Risk risk,
    // set for an order checked out from a cart: what its discounts took off, its tax, and the cart
    MoneyView discounts,
    MoneyView tax,
    String cartId) {

  /**
   * The order's fraud risk, shown to staff only: telling a buyer which signals tripped would teach a
   * fraudster what to change. {@code review*} are set once an operator decided on a HELD order.
   */
  public record Risk(double score, String decision, List<String> reasons, Instant assessedAt, String reviewDecision,
      String reviewedBy, Instant reviewedAt) {
    static Risk of(OrderState state) {
      var risk = state.getRisk();
      return risk == null ? null : new Risk(risk.getScore(), risk.getDecision(), List.copyOf(risk.getReasons()),
          risk.getAssessedAt(), risk.getReviewDecision(), risk.getReviewedBy(), risk.getReviewedAt());
    }
  }

  /** Money in minor units of its currency. */
  public record MoneyView(long amount, String currency) {
    public static MoneyView of(Money money) {
      return money == null ? null : new MoneyView(money.getAmount(), money.getCurrency());
    }
  }

  /**
   * One line, priced from the catalog, with the state of its reservation; a cart checkout's line also shows
   * its share of the discounts, its tax and what the customer pays for it (after discounts, tax included).
   */
  public record Item(String sku, String name, long quantity, MoneyView unitPrice, String vendorId, String reservation,
      MoneyView discount, MoneyView tax, MoneyView lineTotal) {}

  /** The part of the order one vendor fulfils. */
  public record VendorOrder(String vendorId, List<Item> items, MoneyView subtotal, String status) {}

  /**
   * The order's payment, once it has one (from the payment topology). The client secret, which lets a
   * browser complete the payment with the provider, is shown to the paying customer only (not to staff,
   * analysts, colleagues of its organization or vendors).
   */
  public record Payment(String paymentId, String status, String clientSecret, String provider, String methodType,
      String failureCode, long refundedAmount) {
    static Payment of(OrderState state, boolean withSecret) {
      var payment = state.getPayment();
      if (payment == null) {
        return state.getPaymentId() == null ? null
            : new Payment(state.getPaymentId(), "SUCCEEDED", null, null, null, null, 0);
      }
      return new Payment(payment.getPaymentId(), payment.getStatus(), withSecret ? payment.getClientSecret() : null,
          payment.getProvider(), payment.getMethodType(), payment.getFailureCode(), payment.getRefundedAmount());
    }
  }

  /** The order's summary of one shipment (one per vendor); GET /v1/shipments/{shipmentId} has the whole of it. */
  public record Shipment(String shipmentId, String vendorId, String status, String carrier, String trackingNumber,
      String labelUrl) {}

  public record Address(String name, String line1, String line2, String city, String region, String postalCode,
      String country, Double latitude, Double longitude) {}

  /**
   * The whole order, as its buyer or staff see it. The payment's client secret lets whoever holds it
   * complete the payment with the provider, so only the paying customer gets it ({@code withClientSecret}).
   */
  public static OrderResponse whole(OrderState state, boolean withClientSecret) {
    return whole(state, withClientSecret, false);
  }

  /** The whole order, with its fraud risk when {@code withRisk} (staff). */
  public static OrderResponse whole(OrderState state, boolean withClientSecret, boolean withRisk) {
    return of(state, line -> true, withClientSecret, true, withRisk);
  }

  /**
   * One vendor's part: its lines, their subtotal, its shipments. Nothing about the buyer beyond what
   * fulfilment needs (the shipping address): no customer id, no client secret.
   */
  public static OrderResponse vendorPart(OrderState state, String vendorId) {
    return of(state, line -> vendorId.equals(line.getVendorId()), false, false, false);
  }

  private static OrderResponse of(OrderState state, Predicate<OrderStateLine> visible, boolean withClientSecret,
      boolean showsBuyer, boolean withRisk) {
    List<Item> items = new ArrayList<>();
    Map<String, List<Item>> byVendor = new LinkedHashMap<>();
    for (OrderStateLine line : state.getLines()) {
      if (!visible.test(line)) {
        continue;
      }
      Item item = new Item(line.getSku(), line.getName(), line.getQuantity(), MoneyView.of(line.getUnitPrice()),
          line.getVendorId(), line.getReservation(), MoneyView.of(line.getDiscount()), MoneyView.of(line.getTax()),
          MoneyView.of(line.getLineTotal()));
      items.add(item);
      if (line.getVendorId() != null) {
        byVendor.computeIfAbsent(line.getVendorId(), v -> new ArrayList<>()).add(item);
      }
    }
    List<VendorOrder> vendorOrders = byVendor.entrySet().stream()
        .map(e -> new VendorOrder(e.getKey(), e.getValue(), subtotal(e.getValue(), state.getCurrency()), state.getStatus()))
        .toList();
    MoneyView total = items.size() == state.getLines().size()
        ? MoneyView.of(state.getTotal())
        : subtotal(items, state.getCurrency());
    ShippingAddress address = state.getShippingAddress();
    return new OrderResponse(state.getOrderId(), showsBuyer ? state.getCustomerId() : null, state.getStatus(),
        state.getCurrency(), items, total, vendorOrders, state.getRejectionReason(), state.getCancellationReason(), state.getHoldExpiresAt(),
        address == null ? null : new Address(address.getName(), address.getLine1(), address.getLine2(),
            address.getCity(), address.getRegion(), address.getPostalCode(), address.getCountry(),
            address.getLatitude(), address.getLongitude()),
        state.getOrganizationId(), state.getPurchaseOrderNumber(),
        Payment.of(state, withClientSecret),
        state.getShipments().stream().filter(s -> byVendor.containsKey(s.getVendorId()))
            .map(s -> new Shipment(s.getShipmentId(), s.getVendorId(), s.getStatus(), s.getCarrier(),
                s.getTrackingNumber(), s.getLabelUrl()))
            .toList(),
        state.getCreatedAt(), state.getUpdatedAt(), state.getVersion(), withRisk ? Risk.of(state) : null,
        showsBuyer ? MoneyView.of(state.getDiscounts()) : null, showsBuyer ? MoneyView.of(state.getTax()) : null,
        showsBuyer ? state.getCartId() : null);
  }

  private static MoneyView subtotal(List<Item> items, String currency) {
    long amount = 0;
    for (Item item : items) {
      if (item.lineTotal() != null) { // a cart's line: what the customer pays for it
        amount = Math.addExact(amount, item.lineTotal().amount());
        continue;
      }
      if (item.unitPrice() == null) {
        return null;
      }
      amount = Math.addExact(amount, Math.multiplyExact(item.unitPrice().amount(), item.quantity()));
    }
    return new MoneyView(amount, currency);
  }
}
