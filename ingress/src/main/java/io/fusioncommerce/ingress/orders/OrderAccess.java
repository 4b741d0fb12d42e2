package io.fusioncommerce.ingress.orders;

import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.schemas.orders.OrderState;
import java.util.Optional;

/**
 * Who may see an order, and how much of it. Staff (admin, operator, analyst) see the whole order; a
 * customer sees its own orders and its organization's; a vendor sees its own part. Anyone else is told
 * the order does not exist.
 */
final class OrderAccess {

  private OrderAccess() {}

  static OrderResponse view(Principal principal, OrderState state) {
    if (!state.getPlaced()) {
      throw notFound(state.getOrderId());
    }
    if (seesWhole(principal, state)) {
      return OrderResponse.whole(state, isPayer(principal, state), principal.hasAny(Role.ADMIN, Role.OPERATOR, Role.ANALYST));
    }
    return OrderResponse.vendorPart(state, vendorOf(principal, state).orElseThrow(() -> notFound(state.getOrderId())));
  }

  /** Staff and the order's buyers see the whole order; everyone else at most a vendor's part. */
  static boolean seesWhole(Principal principal, OrderState state) {
    return principal.hasAny(Role.ADMIN, Role.OPERATOR, Role.ANALYST) || isBuyer(principal, state);
  }

  /** The caller's vendor when the order has a line of it: the part of the order the caller may see. */
  static Optional<String> vendorOf(Principal principal, OrderState state) {
    if (!principal.has(Role.VENDOR)) {
      return Optional.empty();
    }
    return principal.vendorId()
        .filter(vendor -> state.getLines().stream().anyMatch(line -> vendor.equals(line.getVendorId())));
  }

  /**
   * The customer who placed the order and pays it: the only one shown the payment's client secret.
   * Not staff, not analysts, not a colleague of the buyer's organization: whoever holds the secret can
   * complete the payment with the provider, and none of them has to.
   */
  static boolean isPayer(Principal principal, OrderState state) {
    return principal.has(Role.CUSTOMER) && principal.subject().equals(state.getCustomerId());
  }

  /** Whether the caller may act on the order as its buyer or as staff (cancel it). */
  static void requireBuyerOrStaff(Principal principal, OrderState state) {
    if (!state.getPlaced() || !(principal.hasAny(Role.ADMIN, Role.OPERATOR) || isBuyer(principal, state))) {
      throw notFound(state.getOrderId());
    }
  }

  private static boolean isBuyer(Principal principal, OrderState state) {
    if (!principal.has(Role.CUSTOMER)) {
      return false;
    }
    return principal.subject().equals(state.getCustomerId())
        || (state.getOrganizationId() != null && principal.organizationId().filter(state.getOrganizationId()::equals).isPresent());
  }

  /**
   * Which orders of the list the caller sees, by the same rules as a single order: staff all of them;
   * a customer its own and its organization's; a vendor those with a line of its own (its part of them).
   * A caller with several roles sees what any of them allows.
   */
  static OrderListQuery.Scope listScope(Principal principal) {
    if (principal.hasAny(Role.ADMIN, Role.OPERATOR, Role.ANALYST)) {
      return OrderListQuery.Scope.staff();
    }
    boolean customer = principal.has(Role.CUSTOMER);
    return new OrderListQuery.Scope(false,
        customer ? Optional.of(principal.subject()) : Optional.empty(),
        customer ? principal.organizationId() : Optional.empty(),
        principal.has(Role.VENDOR) ? principal.vendorId() : Optional.empty());
  }

  static ApiException notFound(String orderId) {
    return ApiException.notFound("no order " + orderId);
  }
}
