package io.fusioncommerce.topologies.returns;

import io.fusioncommerce.schemas.common.Actor;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.orders.OrderCreated;
import io.fusioncommerce.schemas.orders.OrderLine;
import io.fusioncommerce.schemas.orders.OrderStatusChanged;
import io.fusioncommerce.schemas.returns.ApproveReturn;
import io.fusioncommerce.schemas.returns.ReceiveReturn;
import io.fusioncommerce.schemas.returns.RecordReturnRefund;
import io.fusioncommerce.schemas.returns.RejectReturn;
import io.fusioncommerce.schemas.returns.RequestReturn;
import io.fusioncommerce.schemas.returns.ReturnLedger;
import io.fusioncommerce.schemas.returns.ReturnLine;
import io.fusioncommerce.schemas.returns.ReturnState;
import io.fusioncommerce.schemas.returns.ReturnableLine;
import io.fusioncommerce.schemas.returns.ReturnedItem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of returns, as pure functions of an order's ledger (its lines, status and returns) and one
 * input. The topology applies them in order per order; the ingress asks the same questions
 * ({@link #requestRefusal}, {@link #transitionRefusal}) first, so a request that cannot be taken is refused
 * at once with nothing written.
 *
 * <p>Money: a line's paid amount (lineTotal, else unitPrice × quantity) is split over its units without
 * losing a minor unit, the last units taking the remainder ({@link #shareOfFirst}). A return refunds the
 * share of the units claimed so far including its own, less what earlier returns of the line claimed, so
 * every return of a line together never refund more than was paid for it, and all of its units exactly that.
 */
public final class ReturnBook {

  /** The platform's return window when the tenant set none. */
  public static final long DEFAULT_WINDOW_DAYS = 30;
  /** Most returns one order may have (keeps the ledger, one store value, small). */
  public static final int MAX_RETURNS_PER_ORDER = 50;
  public static final int MAX_ITEMS = 100;

  /** Why a command was refused; the ingress maps each to a status code. */
  public static final class Refusals {
    public static final String UNKNOWN_ORDER = "UNKNOWN_ORDER";
    public static final String NOT_DELIVERED = "NOT_DELIVERED";
    public static final String WINDOW_CLOSED = "RETURN_WINDOW_CLOSED";
    public static final String NO_ITEMS = "NO_ITEMS";
    public static final String UNKNOWN_SKU = "UNKNOWN_SKU";
    public static final String DUPLICATE_SKU = "DUPLICATE_SKU";
    public static final String INVALID_QUANTITY = "INVALID_QUANTITY";
    public static final String EXCEEDS_RETURNABLE = "EXCEEDS_RETURNABLE";
    public static final String TOO_MANY_RETURNS = "TOO_MANY_RETURNS";
    public static final String UNKNOWN_RETURN = "UNKNOWN_RETURN";
    public static final String NOT_VENDORS_RETURN = "NOT_VENDORS_RETURN";
    public static final String NOT_REQUESTED = "NOT_REQUESTED";
    public static final String NOT_APPROVED = "NOT_APPROVED";
    public static final String ALREADY_CLOSED = "ALREADY_CLOSED";

    private Refusals() {}
  }

  /** A refusal, with the request field it is about (null when it is about the resource, not a field). */
  public record Refusal(String reason, String field, String message) {}

  /** The ledger after the input (null: unchanged), a refusal, or what it causes. */
  public record Outcome(ReturnLedger next, Refusal refusal, List<ReturnEffect> effects) {
    static Outcome none() {
      return new Outcome(null, null, List.of());
    }

    static Outcome refused(Refusal refusal) {
      return new Outcome(null, refusal, List.of());
    }
  }

  private ReturnBook() {}

  public static ReturnLedger empty(String tenantId, String orderId, Instant at) {
    return ReturnLedger.newBuilder().setTenantId(tenantId).setOrderId(orderId).setUpdatedAt(at).build();
  }

  // ---------------------------------------------------------------- the order's own events

  /** The order exists: keep its lines and what each cost the customer. A repeat changes nothing. */
  public static ReturnLedger orderCreated(ReturnLedger current, OrderCreated created, Instant at) {
    ReturnLedger ledger = current != null ? current : empty(created.getTenantId(), created.getOrderId(), at);
    if (ledger.getPlaced()) {
      return null;
    }
    List<ReturnableLine> lines = new ArrayList<>();
    for (OrderLine line : created.getItems()) {
      Money paid = line.getLineTotal() != null ? line.getLineTotal()
          : new Money(Math.multiplyExact(line.getUnitPrice().getAmount(), line.getQuantity()), line.getUnitPrice().getCurrency());
      lines.add(ReturnableLine.newBuilder().setSku(line.getSku()).setQuantity(line.getQuantity())
          .setVendorId(line.getVendorId()).setPaid(paid).build());
    }
    return touch(ledger, at).setPlaced(true).setCustomerId(created.getCustomerId())
        .setOrganizationId(created.getOrganizationId()).setCurrency(created.getTotal().getCurrency())
        .setLines(lines).build();
  }

  /** The order moved: keep its status, and when it was first DELIVERED (the return window runs from there). */
  public static ReturnLedger statusChanged(ReturnLedger current, OrderStatusChanged changed, Instant at) {
    ReturnLedger ledger = current != null ? current : empty(changed.getTenantId(), changed.getOrderId(), at);
    ReturnLedger.Builder next = touch(ledger, at).setOrderStatus(changed.getToStatus());
    if ("DELIVERED".equals(changed.getToStatus()) && ledger.getDeliveredAt() == null) {
      next.setDeliveredAt(changed.getOccurredAt());
    }
    return next.build();
  }

  // ---------------------------------------------------------------- a customer asks

  /** Why {@code request} cannot be taken at {@code at} with the tenant's window, if it cannot. */
  public static Optional<Refusal> requestRefusal(ReturnLedger ledger, RequestReturn request, long windowDays, Instant at) {
    if (ledger == null || !ledger.getPlaced()) {
      return refusal(Refusals.UNKNOWN_ORDER, null, "no order " + request.getOrderId());
    }
    if (!"DELIVERED".equals(ledger.getOrderStatus()) || ledger.getDeliveredAt() == null) {
      return refusal(Refusals.NOT_DELIVERED, null, "the order is " + (ledger.getOrderStatus().isEmpty() ? "not delivered"
          : ledger.getOrderStatus()) + "; only a delivered order's items can be returned");
    }
    if (windowDays <= 0 || at.isAfter(ledger.getDeliveredAt().plus(Duration.ofDays(windowDays)))) {
      return refusal(Refusals.WINDOW_CLOSED, null, "returns are accepted for " + Math.max(0, windowDays)
          + " days after delivery (delivered " + ledger.getDeliveredAt() + ")");
    }
    if (ledger.getReturns().size() >= MAX_RETURNS_PER_ORDER) {
      return refusal(Refusals.TOO_MANY_RETURNS, null, "an order takes at most " + MAX_RETURNS_PER_ORDER + " returns");
    }
    List<ReturnedItem> items = request.getItems();
    if (items.isEmpty() || items.size() > MAX_ITEMS) {
      return refusal(Refusals.NO_ITEMS, "items", "between 1 and " + MAX_ITEMS + " items");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      ReturnedItem item = items.get(i);
      String at_ = "items[" + i + "]";
      Optional<ReturnableLine> line = line(ledger, item.getSku());
      if (line.isEmpty()) {
        return refusal(Refusals.UNKNOWN_SKU, at_ + ".sku", "not a SKU of this order");
      }
      if (!seen.add(item.getSku())) {
        return refusal(Refusals.DUPLICATE_SKU, at_ + ".sku", "listed twice");
      }
      if (item.getQuantity() <= 0) {
        return refusal(Refusals.INVALID_QUANTITY, at_ + ".quantity", "must be at least 1");
      }
      long returnable = line.get().getQuantity() - line.get().getReturnedQuantity();
      if (item.getQuantity() > returnable) {
        return refusal(Refusals.EXCEEDS_RETURNABLE, at_ + ".quantity", "at most " + Math.max(0, returnable)
            + " (delivered " + line.get().getQuantity() + ", in other returns " + line.get().getReturnedQuantity() + ")");
      }
    }
    return Optional.empty();
  }

  public static Outcome request(ReturnLedger current, RequestReturn request, Actor actor, long windowDays, Instant at) {
    if (current != null && find(current, request.getReturnId()).isPresent()) {
      return Outcome.none(); // the same return again
    }
    Optional<Refusal> refusal = requestRefusal(current, request, windowDays, at);
    if (refusal.isPresent()) {
      return Outcome.refused(refusal.get());
    }
    List<ReturnableLine> lines = new ArrayList<>(current.getLines());
    List<ReturnLine> returned = new ArrayList<>();
    long total = 0;
    for (ReturnedItem item : request.getItems()) {
      int index = indexOf(lines, item.getSku());
      ReturnableLine line = lines.get(index);
      long claimed = line.getReturnedQuantity() + item.getQuantity();
      long refund = shareOfFirst(line.getPaid().getAmount(), line.getQuantity(), claimed) - line.getClaimedAmount();
      lines.set(index, ReturnableLine.newBuilder(line).setReturnedQuantity(claimed)
          .setClaimedAmount(line.getClaimedAmount() + refund).build());
      returned.add(new ReturnLine(item.getSku(), item.getQuantity(), line.getVendorId(),
          new Money(refund, line.getPaid().getCurrency())));
      total = Math.addExact(total, refund);
    }
    ReturnState state = ReturnState.newBuilder().setReturnId(request.getReturnId())
        .setStatus(ReturnStatus.REQUESTED.name()).setItems(returned)
        .setRefundAmount(new Money(total, current.getCurrency())).setReason(request.getReason())
        .setRequestedBy(actor.getSubject()).setRequestedAt(at).setUpdatedAt(at).setVersion(1).build();
    List<ReturnState> returns = new ArrayList<>(current.getReturns());
    returns.add(state);
    ReturnLedger next = touch(current, at).setLines(lines).setReturns(returns).build();
    return new Outcome(next, null, List.of(new ReturnEffect.Published(ReturnStatus.REQUESTED, state)));
  }

  /**
   * What the first {@code units} of a line's {@code quantity} units cost out of {@code paid}: each unit
   * costs paid / quantity rounded down, and the last (paid mod quantity) units one minor unit more.
   */
  public static long shareOfFirst(long paid, long quantity, long units) {
    if (quantity <= 0 || units <= 0) {
      return 0;
    }
    long n = Math.min(units, quantity);
    long base = paid / quantity;
    long remainder = paid % quantity;
    long withExtra = Math.max(0, n - (quantity - remainder)); // the last `remainder` units carry one more
    return Math.addExact(Math.multiplyExact(base, n), withExtra);
  }

  // ---------------------------------------------------------------- staff or the vendor decide

  /**
   * Why {@code to} cannot happen to the return now, for this actor, if it cannot: a vendor acts only on
   * returns all of whose items are its own; approve from REQUESTED, reject before the parcel was received,
   * receive after approval.
   */
  public static Optional<Refusal> transitionRefusal(ReturnLedger ledger, String returnId, ReturnStatus to, Actor actor) {
    Optional<ReturnState> found = ledger == null ? Optional.empty() : find(ledger, returnId);
    if (found.isEmpty()) {
      return refusal(Refusals.UNKNOWN_RETURN, null, "no return " + returnId);
    }
    ReturnState state = found.get();
    if (actor.getVendorId() != null && !state.getItems().stream().allMatch(i -> actor.getVendorId().equals(i.getVendorId()))) {
      return refusal(Refusals.NOT_VENDORS_RETURN, null, "no return " + returnId);
    }
    ReturnStatus status = ReturnStatus.of(state.getStatus());
    return switch (to) {
      case APPROVED -> status == ReturnStatus.REQUESTED ? Optional.empty()
          : refusal(Refusals.NOT_REQUESTED, null, "the return is " + status + "; only a REQUESTED return is approved");
      case REJECTED -> status == ReturnStatus.REQUESTED || status == ReturnStatus.APPROVED ? Optional.empty()
          : refusal(Refusals.ALREADY_CLOSED, null, "the return is " + status + "; it can be rejected until it is received");
      case RECEIVED -> status == ReturnStatus.APPROVED ? Optional.empty()
          : refusal(Refusals.NOT_APPROVED, null, "the return is " + status + "; only an APPROVED return is received");
      default -> throw new IllegalArgumentException("not a decision: " + to);
    };
  }

  /** The return with {@code commandId} among the commands that moved it (kept to the last 10). */
  public static ReturnState movedBy(ReturnState state, String commandId) {
    if (commandId == null || state.getCommandIds().contains(commandId)) {
      return state;
    }
    List<String> ids = new ArrayList<>(state.getCommandIds());
    ids.add(commandId);
    return ReturnState.newBuilder(state).setCommandIds(ids.subList(Math.max(0, ids.size() - 10), ids.size())).build();
  }

  /** Whether {@code commandId} already moved this return (the same request again). */
  public static boolean movedBy(ReturnLedger ledger, String returnId, String commandId) {
    return ledger != null && find(ledger, returnId).filter(state -> state.getCommandIds().contains(commandId)).isPresent();
  }

  public static Outcome approve(ReturnLedger current, ApproveReturn approve, Actor actor, Instant at) {
    Optional<Refusal> refusal = transitionRefusal(current, approve.getReturnId(), ReturnStatus.APPROVED, actor);
    if (refusal.isPresent()) {
      return Outcome.refused(refusal.get());
    }
    ReturnState next = ReturnState.newBuilder(find(current, approve.getReturnId()).orElseThrow())
        .setStatus(ReturnStatus.APPROVED.name()).setApprovedAt(at).build();
    return changed(current, next, at, List.of(new ReturnEffect.Published(ReturnStatus.APPROVED, next)));
  }

  /** Rejecting gives the units back to what may still be returned, and their amounts to what may still be claimed. */
  public static Outcome reject(ReturnLedger current, RejectReturn reject, Actor actor, Instant at) {
    Optional<Refusal> refusal = transitionRefusal(current, reject.getReturnId(), ReturnStatus.REJECTED, actor);
    if (refusal.isPresent()) {
      return Outcome.refused(refusal.get());
    }
    ReturnState next = ReturnState.newBuilder(find(current, reject.getReturnId()).orElseThrow())
        .setStatus(ReturnStatus.REJECTED.name()).setRejectedAt(at).setRejectionReason(reject.getReason()).build();
    List<ReturnableLine> lines = new ArrayList<>(current.getLines());
    for (ReturnLine item : next.getItems()) {
      int index = indexOf(lines, item.getSku());
      ReturnableLine line = lines.get(index);
      lines.set(index, ReturnableLine.newBuilder(line)
          .setReturnedQuantity(line.getReturnedQuantity() - item.getQuantity())
          .setClaimedAmount(line.getClaimedAmount() - item.getRefund().getAmount()).build());
    }
    ReturnLedger withLines = ReturnLedger.newBuilder(current).setLines(lines).build();
    return changed(withLines, next, at, List.of(new ReturnEffect.Published(ReturnStatus.REJECTED, next)));
  }

  /**
   * The parcel arrived: restock each SKU and refund the return's amount (a return that refunds nothing is
   * REFUNDED at once).
   */
  public static Outcome receive(ReturnLedger current, ReceiveReturn receive, Actor actor, Instant at) {
    Optional<Refusal> refusal = transitionRefusal(current, receive.getReturnId(), ReturnStatus.RECEIVED, actor);
    if (refusal.isPresent()) {
      return Outcome.refused(refusal.get());
    }
    ReturnState received = ReturnState.newBuilder(find(current, receive.getReturnId()).orElseThrow())
        .setStatus(ReturnStatus.RECEIVED.name()).setReceivedAt(at).setWarehouse(receive.getWarehouse()).build();
    List<ReturnEffect> effects = new ArrayList<>();
    effects.add(new ReturnEffect.Published(ReturnStatus.RECEIVED, received));
    for (ReturnLine item : received.getItems()) {
      effects.add(new ReturnEffect.Restock(received.getReturnId(), item.getSku(), item.getQuantity(), receive.getWarehouse()));
    }
    if (received.getRefundAmount().getAmount() > 0) {
      effects.add(new ReturnEffect.Refund(received.getReturnId(), received.getRefundAmount()));
      return changed(current, received, at, effects);
    }
    ReturnState refunded = ReturnState.newBuilder(received).setStatus(ReturnStatus.REFUNDED.name()).setRefundedAt(at).build();
    effects.add(new ReturnEffect.Published(ReturnStatus.REFUNDED, refunded));
    return changed(current, refunded, at, effects);
  }

  /** The payment topology refunded the return (→ REFUNDED) or refused to (the failure shows on the return). */
  public static Outcome refundOutcome(ReturnLedger current, RecordReturnRefund outcome, Instant at) {
    Optional<ReturnState> found = current == null ? Optional.empty() : find(current, outcome.getReturnId());
    if (found.isEmpty() || ReturnStatus.of(found.get().getStatus()) != ReturnStatus.RECEIVED) {
      return Outcome.none(); // not ours, or already settled: a redelivered outcome changes nothing
    }
    ReturnState.Builder next = ReturnState.newBuilder(found.get());
    if (!outcome.getSucceeded()) {
      return changed(current, next.setRefundFailure(outcome.getFailureReason() == null ? "REFUND_REFUSED"
          : outcome.getFailureReason()).build(), at, List.of());
    }
    ReturnState refunded = next.setStatus(ReturnStatus.REFUNDED.name()).setRefundedAt(at).setRefundFailure(null).build();
    return changed(current, refunded, at, List.of(new ReturnEffect.Published(ReturnStatus.REFUNDED, refunded)));
  }

  // ---------------------------------------------------------------- helpers

  public static Optional<ReturnState> find(ReturnLedger ledger, String returnId) {
    return ledger.getReturns().stream().filter(r -> r.getReturnId().equals(returnId)).findFirst();
  }

  private static Optional<ReturnableLine> line(ReturnLedger ledger, String sku) {
    return ledger.getLines().stream().filter(l -> l.getSku().equals(sku)).findFirst();
  }

  private static int indexOf(List<ReturnableLine> lines, String sku) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).getSku().equals(sku)) {
        return i;
      }
    }
    throw new IllegalStateException("no line " + sku);
  }

  private static Outcome changed(ReturnLedger ledger, ReturnState state, Instant at, List<ReturnEffect> effects) {
    List<ReturnState> returns = new ArrayList<>(ledger.getReturns());
    for (int i = 0; i < returns.size(); i++) {
      if (returns.get(i).getReturnId().equals(state.getReturnId())) {
        returns.set(i, ReturnState.newBuilder(state).setUpdatedAt(at).setVersion(state.getVersion() + 1).build());
      }
    }
    List<ReturnEffect> stamped = effects.stream().map(effect -> effect instanceof ReturnEffect.Published published
        ? new ReturnEffect.Published(published.status(), ReturnState.newBuilder(published.returned()).setUpdatedAt(at).build())
        : effect).toList();
    return new Outcome(touch(ledger, at).setReturns(returns).build(), null, stamped);
  }

  private static ReturnLedger.Builder touch(ReturnLedger ledger, Instant at) {
    return ReturnLedger.newBuilder(ledger).setUpdatedAt(at).setVersion(ledger.getVersion() + 1);
  }

  private static Optional<Refusal> refusal(String reason, String field, String message) {
    return Optional.of(new Refusal(reason, field, message));
  }
}
