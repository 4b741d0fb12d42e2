package io.fusioncommerce.topologies.orders;

import static io.fusioncommerce.topologies.support.Wiring.sinkName;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.common.Actor;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.envelope.Cause;
import io.fusioncommerce.schemas.inventory.CommitStock;
import io.fusioncommerce.schemas.inventory.InventoryCommand;
import io.fusioncommerce.schemas.inventory.InventoryInsufficient;
import io.fusioncommerce.schemas.inventory.InventoryReserved;
import io.fusioncommerce.schemas.inventory.ReleaseStock;
import io.fusioncommerce.schemas.orders.CancelOrder;
import io.fusioncommerce.schemas.orders.MarkOrderPaid;
import io.fusioncommerce.schemas.orders.UpdateOrderPayment;
import io.fusioncommerce.schemas.orders.OrderCommand;
import io.fusioncommerce.schemas.orders.OrderCreated;
import io.fusioncommerce.schemas.orders.OrderHistory;
import io.fusioncommerce.schemas.orders.OrderHistoryEntry;
import io.fusioncommerce.schemas.orders.OrderLine;
import io.fusioncommerce.schemas.orders.OrderState;
import io.fusioncommerce.schemas.orders.OrderStatusChanged;
import io.fusioncommerce.schemas.orders.OrderView;
import io.fusioncommerce.schemas.orders.PlaceOrder;
import io.fusioncommerce.schemas.orders.RecordShipmentProgress;
import io.fusioncommerce.schemas.pricing.CurrentPrice;
import io.fusioncommerce.schemas.orders.ReviewOrderRisk;
import io.fusioncommerce.schemas.orders.OrderRisk;
import io.fusioncommerce.schemas.fraud.OrderRiskAssessed;
import io.fusioncommerce.schemas.promotions.PromotionCommand;
import io.fusioncommerce.schemas.promotions.PromotionKey;
import io.fusioncommerce.schemas.promotions.PromotionRedemptionOutcome;
import io.fusioncommerce.schemas.promotions.ReleaseRedemption;
import io.fusioncommerce.schemas.tenants.TenantKey;
import io.fusioncommerce.schemas.tenants.TenantSettings;
import io.fusioncommerce.topologies.inventory.StockLimits;
import io.fusioncommerce.topologies.support.Arrival;
import io.fusioncommerce.topologies.support.InvalidCommandException;
import io.fusioncommerce.topologies.support.StoreChangeListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies order commands, reservation outcomes, fraud risk assessments and due timers to the order's state through
 * {@link OrderBook}, then turns the decision's effects into records: events, inventory commands,
 * the read-model row, timers and audit-trail entries.
 *
 * <p>Bounded work: a punctuation fires at most {@link #MAX_TIMERS_PER_PUNCTUATION} due timers (the rest
 * on the next one; each is deleted in the transaction that fires it, so none is lost or fired twice),
 * the audit trail is one store entry per event (at most {@link #MAX_HISTORY_ENTRIES} per order besides
 * status changes, each detail at most {@link #MAX_DETAIL_LENGTH} characters), and a closed order leaves
 * the stores {@code closedRetention} after it closed (the read model orders.view keeps its row).
 */
final class OrderProcessor implements Processor<OrderKey, SpecificRecord, SpecificRecord, SpecificRecord> {

  static final Duration TIMER_SCAN_INTERVAL = Duration.ofSeconds(1);
  static final int MAX_TIMERS_PER_PUNCTUATION = 200;
  static final int MAX_HISTORY_ENTRIES = 10_000;
  static final int MAX_DETAIL_LENGTH = 500;
  private static final Actor SYSTEM = Actor.newBuilder().setSubject("order-topology").setRoles(List.of()).build();

  private final StoreChangeListener changes;
  private final Duration closedRetention;
  private ProcessorContext<SpecificRecord, SpecificRecord> context;
  private KeyValueStore<OrderKey, OrderState> orders;
  private KeyValueStore<OrderKey, OrderHistory> legacyHistory;
  private KeyValueStore<String, OrderHistoryEntry> history;
  private KeyValueStore<String, String> timers;
  private KeyValueStore<SkuKey, Product> products;
  private KeyValueStore<TenantKey, TenantSettings> tenants;
  private KeyValueStore<SkuKey, CurrentPrice> currentPrices;
  /** The product table, and the dynamic price where a SKU has one in its product's currency. */
  private final OrderBook.Catalog catalog = new OrderBook.Catalog() {
    @Override
    public Optional<Product> product(String tenantId, String sku) {
      return OrderProcessor.this.product(tenantId, sku);
    }

    @Override
    public Money price(String tenantId, Product product) {
      CurrentPrice dynamic = currentPrices.get(new SkuKey(tenantId, product.getSku()));
      return dynamic != null && tenantId.equals(dynamic.getTenantId())
          && dynamic.getPrice().getCurrency().equals(product.getPrice().getCurrency()) ? dynamic.getPrice() : product.getPrice();
    }
  };
  /**
   * Until then a reservation timeout does not fire: after a restart the inventory answers the reservations
   * that waited while the platform was down, and the time it was down is not the inventory's slowness.
   */
  private Instant reservationGraceEnds;

  OrderProcessor(StoreChangeListener changes, Duration closedRetention) {
    this.changes = changes;
    this.closedRetention = closedRetention;
  }

  @Override
  public void init(ProcessorContext<SpecificRecord, SpecificRecord> context) {
    this.context = context;
    this.orders = context.getStateStore(OrderTopology.ORDER_STORE);
    this.legacyHistory = context.getStateStore(OrderTopology.HISTORY_STORE);
    this.history = context.getStateStore(OrderTopology.HISTORY_ENTRIES_STORE);
    this.timers = context.getStateStore(OrderTopology.TIMER_STORE);
    this.products = context.getStateStore(OrderTopology.PRODUCT_STORE);
    this.tenants = context.getStateStore(OrderTopology.TENANT_STORE);
    this.currentPrices = context.getStateStore(OrderTopology.CURRENT_PRICE_STORE);
    this.reservationGraceEnds = Instant.ofEpochMilli(context.currentSystemTimeMs()).plus(OrderBook.RESERVATION_TIMEOUT);
    context.schedule(TIMER_SCAN_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> fireDueTimers(Instant.ofEpochMilli(now)));
  }

  /** How the audit trail names what happened: the cause's type and, for some, a detail. */
  private record Trail(String type, String detail) {}

  @Override
  public void process(Record<OrderKey, SpecificRecord> record) {
    OrderKey key = record.key();
    if (key == null || record.value() == null) {
      throw new InvalidCommandException("order record without key or value");
    }
    Instant at = Instant.ofEpochMilli(record.timestamp());
    OrderState current = orders.get(key);
    switch (record.value()) {
      case OrderCommand command -> {
        requireTenant(key, command.getTenantId());
        Cause cause = Cause.of(command, record.headers(), record.timestamp());
        Trail trail = new Trail(commandType(command), null);
        Arrival.requireSame("order", key.getOrderId(), command.getCommand());
        switch (command.getCommand()) {
          case PlaceOrder place -> {
            apply(key, current, cause, trail, OrderBook.place(current, key.getTenantId(), place, catalog, at,
                command.getCorrelationId(), policy(key.getTenantId())));
          }
          case CancelOrder cancel -> {
            apply(key, current, cause, new Trail(trail.type(), cancel.getReason()), OrderBook.cancel(current, cancel, at));
          }
          case MarkOrderPaid paid -> {
            apply(key, current, cause, trail, OrderBook.paid(current, paid, at));
          }
          case RecordShipmentProgress progress -> {
            apply(key, current, cause, new Trail(trail.type(), progress.getShipmentId() + " " + progress.getStatus()),
                OrderBook.shipmentProgressed(current, progress, at));
          }
          case UpdateOrderPayment payment -> {
            apply(key, current, cause, trail, OrderBook.paymentUpdated(current, payment, at));
          }
          case ReviewOrderRisk review -> {
            apply(key, current, cause, new Trail(trail.type(), review.getDecision()), OrderBook.riskReviewed(current, review,
                command.getIssuedBy().getSubject(), at, policy(key.getTenantId())));
          }
          default -> throw new InvalidCommandException("unknown order command " + command.getCommand().getClass().getName());
        }
      }
      case InventoryReserved reserved -> {
        requireTenant(key, reserved.getTenantId());
        Cause cause = Cause.of(reserved, record.headers(), record.timestamp());
        Trail trail = new Trail("StockReserved",
            reserved.getSku() + " x" + reserved.getQuantity() + " from " + reserved.getAllocations());
        apply(key, current, cause, trail, OrderBook.reserved(current, key.getTenantId(), key.getOrderId(), reserved.getSku(),
            reserved.getAllocations(), reserved.getRemainingAvailable(), at, reserved.getCorrelationId(),
            policy(key.getTenantId())));
      }
      case InventoryInsufficient insufficient -> {
        requireTenant(key, insufficient.getTenantId());
        Cause cause = Cause.of(insufficient, record.headers(), record.timestamp());
        Trail trail = new Trail("StockInsufficient", insufficient.getSku() + ": " + insufficient.getRequested()
            + " asked, " + insufficient.getAvailable() + " available"
            + (insufficient.getReason() == null ? "" : " (" + insufficient.getReason() + ")"));
        apply(key, current, cause, trail, OrderBook.insufficient(current, key.getTenantId(), key.getOrderId(),
            insufficient.getSku(), insufficient.getReason(), at, insufficient.getCorrelationId(), policy(key.getTenantId())));
      }
      case OrderRiskAssessed assessed -> {
        requireTenant(key, assessed.getTenantId());
        Cause cause = Cause.of(assessed, record.headers(), record.timestamp());
        Trail trail = new Trail("RiskAssessed", assessed.getDecision() + " " + assessed.getScore()
            + (assessed.getReasons().isEmpty() ? "" : " " + assessed.getReasons()));
        OrderRisk risk = OrderRisk.newBuilder().setScore(assessed.getScore()).setDecision(assessed.getDecision())
            .setReasons(assessed.getReasons()).setAssessedAt(assessed.getOccurredAt()).build();
        apply(key, current, cause, trail, OrderBook.riskAssessed(current, key.getTenantId(), key.getOrderId(), risk, at,
            assessed.getCorrelationId(), policy(key.getTenantId())));
      }
      case PromotionRedemptionOutcome outcome -> {
        requireTenant(key, outcome.getTenantId());
        Cause cause = Cause.of(outcome, record.headers(), record.timestamp());
        Trail trail = new Trail(outcome.getRedeemed() ? "PromotionRedeemed" : "PromotionRefused",
            outcome.getPromotionId() + (outcome.getReason() == null ? "" : " (" + outcome.getReason() + ")"));
        apply(key, current, cause, trail, OrderBook.promotionRedeemed(current, key.getTenantId(), key.getOrderId(),
            outcome.getPromotionId(), outcome.getRedeemed(), outcome.getReason(), at, outcome.getCorrelationId(),
            policy(key.getTenantId())));
      }
      default -> throw new InvalidCommandException("unexpected record " + record.value().getClass().getName());
    }
  }

  /** Fires the earliest due timers, at most {@link #MAX_TIMERS_PER_PUNCTUATION}; the rest wait for the next punctuation. */
  void fireDueTimers(Instant now) {
    List<KeyValue<String, String>> due = new ArrayList<>();
    try (KeyValueIterator<String, String> iterator = timers.range(null, OrderTimers.upTo(now))) {
      boolean inGrace = now.isBefore(reservationGraceEnds);
      while (iterator.hasNext() && due.size() < MAX_TIMERS_PER_PUNCTUATION) {
        KeyValue<String, String> next = iterator.next();
        if (!inGrace || OrderTimers.parse(next.key).kind() != OrderEffect.TimerKind.RESERVATION_TIMEOUT) {
          due.add(next);
        }
      }
    }
    for (KeyValue<String, String> entry : due) {
      timers.delete(entry.key);
      OrderTimers.Due timer = OrderTimers.parse(entry.key);
      OrderKey key = new OrderKey(timer.tenantId(), timer.orderId());
      OrderState current = orders.get(key);
      if (timer.kind() == OrderEffect.TimerKind.PURGE) {
        purge(key, current, now);
        continue;
      }
      String correlationId = current != null ? current.getCorrelationId() : timer.orderId();
      Cause cause = Cause.ofTimer("timer:" + entry.key, key.getTenantId(), correlationId, now);
      apply(key, current, cause, new Trail("TimerFired:" + timer.kind(), null), OrderBook.timerFired(current, timer.kind(), now));
    }
  }

  private void apply(OrderKey key, OrderState current, Cause cause, Trail trail, OrderBook.Decision decision) {
    if (decision.next() == null && decision.effects().isEmpty()) {
      return; // a repeat: nothing to record
    }
    if (current == null && decision.next() == null) {
      return; // a refusal about an order that does not exist: no trail to write it to (the route answers 404)
    }
    OrderState state = decision.next() != null ? decision.next() : current;
    List<OrderHistoryEntry> entries = new ArrayList<>();
    String status = state != null ? state.getStatus() : "UNKNOWN";
    entries.add(entry(cause, trail.type(), status, trail.detail(), 0));
    int n = 1;
    for (OrderEffect effect : decision.effects()) {
      String eventId = cause.derive(key.getOrderId() + ":" + n++);
      switch (effect) {
        case OrderEffect.Created created -> emitCreated(key, state, cause, eventId);
        case OrderEffect.StatusChanged changed -> {
          emitStatusChanged(key, state, cause, eventId, changed);
          entries.add(entry(cause, "StatusChanged", changed.to().name(),
              (changed.from() == null ? "" : changed.from() + " -> ") + changed.to()
                  + (changed.reason() == null ? "" : " (" + changed.reason() + ")"), n));
        }
        case OrderEffect.ReleaseStock release -> {
          sendInventory(key, cause, eventId, release.sku(), new ReleaseStock(key.getOrderId(), release.sku(), release.reason()));
          entries.add(entry(cause, "StockReleaseRequested", status, release.sku() + " (" + release.reason() + ")", n));
        }
        case OrderEffect.ReleaseRedemption release -> {
          context.forward(new Record<SpecificRecord, SpecificRecord>(new PromotionKey(key.getTenantId(), release.promotionId()),
              cause.command(new PromotionCommand(), eventId, SYSTEM, new ReleaseRedemption(key.getOrderId(), release.reason())),
              cause.timestamp(), cause.headers()), sinkName(Topics.PROMOTION_COMMANDS));
          entries.add(entry(cause, "RedemptionReleaseRequested", status, release.promotionId() + " (" + release.reason() + ")", n));
        }
        case OrderEffect.CommitStock commit ->
            sendInventory(key, cause, eventId, commit.sku(), new CommitStock(key.getOrderId(), commit.sku()));
        case OrderEffect.Timer timer ->
            timers.put(OrderTimers.key(timer.dueAt(), timer.kind(), key.getTenantId(), key.getOrderId()), timer.kind().name());
        case OrderEffect.Note note -> entries.add(entry(cause, note.type(), status, note.detail(), n));
      }
    }
    appendHistory(key, entries);
    if (decision.next() != null) {
      orders.put(key, decision.next());
      if (closes(current, decision.next())) {
        timers.put(OrderTimers.key(cause.at().plus(closedRetention), OrderEffect.TimerKind.PURGE, key.getTenantId(),
            key.getOrderId()), OrderEffect.TimerKind.PURGE.name());
      }
      // the list's row changes only with the status
      if (decision.effects().stream().anyMatch(e -> e instanceof OrderEffect.StatusChanged)) {
        emitView(key, decision.next(), cause);
      }
      changes.changed(OrderTopology.ORDER_STORE, key);
    }
  }

  private void emitCreated(OrderKey key, OrderState state, Cause cause, String eventId) {
    List<OrderLine> items = state.getLines().stream()
        .map(line -> new OrderLine(line.getSku(), line.getQuantity(), line.getUnitPrice(), line.getVendorId(),
            line.getLineTotal())).toList();
    forward(key, OrderCreated.newBuilder(cause.event(new OrderCreated(), eventId))
        .setOrderId(key.getOrderId()).setCustomerId(state.getCustomerId()).setItems(items).setTotal(state.getTotal())
        .setShippingAddress(state.getShippingAddress()).setOrganizationId(state.getOrganizationId())
        .setPurchaseOrderNumber(state.getPurchaseOrderNumber()).build(), cause, sinkName(Topics.ORDER_CREATED));
  }

  private void emitStatusChanged(OrderKey key, OrderState state, Cause cause, String eventId, OrderEffect.StatusChanged changed) {
    forward(key, OrderStatusChanged.newBuilder(cause.event(new OrderStatusChanged(), eventId))
        .setOrderId(key.getOrderId()).setCustomerId(state.getCustomerId())
        .setFromStatus(changed.from() == null ? null : changed.from().name()).setToStatus(changed.to().name())
        .setReason(changed.reason()).setTotal(state.getTotal()).setCampaignId(state.getCampaignId())
        .setEmail(state.getEmail()).build(), cause,
        sinkName(Topics.ORDER_STATUS_CHANGED));
  }

  private void emitView(OrderKey key, OrderState state, Cause cause) {
    if (!state.getPlaced()) {
      return; // nothing to list until the order itself arrived
    }
    // one entry per vendor, sorted by vendor id: what it supplies and what that costs
    TreeMap<String, long[]> parts = new TreeMap<>();
    long items = 0;
    for (var line : state.getLines()) {
      items += line.getQuantity();
      if (line.getVendorId() != null) {
        long[] part = parts.computeIfAbsent(line.getVendorId(), v -> new long[2]);
        if (line.getLineTotal() != null) { // a cart's line: what the customer pays for it
          part[0] = saturatedAdd(part[0], line.getLineTotal().getAmount());
        } else if (line.getUnitPrice() != null) {
          part[0] = saturatedAdd(part[0], saturatedMultiply(line.getUnitPrice().getAmount(), line.getQuantity()));
        }
        part[1] += line.getQuantity();
      }
    }
    forward(key, OrderView.newBuilder()
        .setTenantId(key.getTenantId()).setOrderId(key.getOrderId()).setCustomerId(state.getCustomerId())
        .setStatus(state.getStatus()).setTotalAmount(state.getTotal() == null ? 0 : state.getTotal().getAmount())
        .setCurrency(state.getCurrency()).setItemCount((int) Math.min(Integer.MAX_VALUE, items))
        .setVendorIds(String.join(",", parts.keySet())).setOrganizationId(state.getOrganizationId())
        .setPurchaseOrderNumber(state.getPurchaseOrderNumber()).setRejectionReason(state.getRejectionReason())
        .setCreatedAt(state.getCreatedAt()).setUpdatedAt(state.getUpdatedAt()).setVersion(state.getVersion())
        .setVendors(List.copyOf(parts.keySet()))
        .setVendorSubtotals(parts.values().stream().map(part -> part[0]).toList())
        .setVendorItemCounts(parts.values().stream().map(part -> part[1]).toList())
        .build(), cause, sinkName(Topics.ORDERS_VIEW));
  }

  // An order refused as TOTAL_TOO_LARGE still lists its lines: its subtotals saturate instead of failing the record.
  private static long saturatedMultiply(long a, long b) {
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    return (high == 0 && low >= 0) || (high == -1 && low < 0) ? low : Long.MAX_VALUE;
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  private void sendInventory(OrderKey key, Cause cause, String commandId, String sku, SpecificRecord command) {
    context.forward(new Record<SpecificRecord, SpecificRecord>(new SkuKey(key.getTenantId(), sku),
        cause.command(new InventoryCommand(), commandId, SYSTEM, command), cause.timestamp(), cause.headers()),
        sinkName(Topics.INVENTORY_COMMANDS));
  }

  private void forward(OrderKey key, SpecificRecord value, Cause cause, String sink) {
    context.forward(new Record<SpecificRecord, SpecificRecord>(key, value, cause.timestamp(), cause.headers()), sink);
  }

  private static boolean closes(OrderState current, OrderState next) {
    return OrderStatus.FINAL.contains(OrderStatus.valueOf(next.getStatus()))
        && (current == null || !OrderStatus.FINAL.contains(OrderStatus.valueOf(current.getStatus())));
  }

  /**
   * A closed order's retention ended: its state and trail are deleted (tombstones on their changelogs).
   * Nothing goes to orders.view, so the read model keeps the order's row. A closed order that changed
   * since it closed (a refund's payment update, a late reservation given back) is kept for the retention
   * after its last change: the timer is set again for then.
   */
  private void purge(OrderKey key, OrderState current, Instant now) {
    if (current == null || !OrderStatus.FINAL.contains(OrderStatus.valueOf(current.getStatus()))) {
      return;
    }
    Instant due = current.getUpdatedAt().plus(closedRetention);
    if (due.isAfter(now)) {
      timers.put(OrderTimers.key(due, OrderEffect.TimerKind.PURGE, key.getTenantId(), key.getOrderId()),
          OrderEffect.TimerKind.PURGE.name());
      return;
    }
    orders.delete(key);
    legacyHistory.delete(key);
    String prefix = OrderHistoryKeys.prefix(key.getTenantId(), key.getOrderId());
    List<String> entries = new ArrayList<>();
    try (KeyValueIterator<String, OrderHistoryEntry> iterator = history.range(prefix, prefix + "\uffff")) {
      iterator.forEachRemaining(entry -> entries.add(entry.key));
    }
    entries.forEach(history::delete);
    changes.changed(OrderTopology.ORDER_STORE, key);
  }

  /**
   * Appends to the order's trail, one store entry per event. A trail written by the first version (one
   * value) is moved over first. Past {@link #MAX_HISTORY_ENTRIES} only status changes are kept, so
   * repeated refused commands cannot grow an order without bound.
   */
  private void appendHistory(OrderKey key, List<OrderHistoryEntry> entries) {
    long next = nextHistorySeq(key);
    OrderHistory legacy = legacyHistory.get(key);
    if (legacy != null) {
      for (OrderHistoryEntry old : legacy.getEntries()) {
        history.put(OrderHistoryKeys.key(key.getTenantId(), key.getOrderId(), next++), old);
      }
      legacyHistory.delete(key);
    }
    for (OrderHistoryEntry entry : entries) {
      if (next >= MAX_HISTORY_ENTRIES && !"StatusChanged".equals(entry.getType())) {
        continue;
      }
      history.put(OrderHistoryKeys.key(key.getTenantId(), key.getOrderId(), next++), entry);
    }
  }

  private long nextHistorySeq(OrderKey key) {
    String prefix = OrderHistoryKeys.prefix(key.getTenantId(), key.getOrderId());
    try (KeyValueIterator<String, OrderHistoryEntry> last = history.reverseRange(prefix, prefix + "\uffff")) {
      return last.hasNext() ? OrderHistoryKeys.seq(last.next().key) + 1 : 0;
    }
  }

  private static OrderHistoryEntry entry(Cause cause, String type, String status, String detail, int n) {
    return OrderHistoryEntry.newBuilder()
        .setEventId(cause.derive("history:" + type + ":" + n))
        .setType(type).setOccurredAt(cause.at()).setStatus(status).setDetail(bounded(detail))
        .setCausationId(cause.id()).setActor(bounded(cause.actor() == null ? null : cause.actor().getSubject())).build();
  }

  /** A detail (a cancellation reason, say) comes from a client: cut to a bound so no entry grows with it. */
  private static String bounded(String text) {
    return text == null || text.length() <= MAX_DETAIL_LENGTH ? text : text.substring(0, MAX_DETAIL_LENGTH) + "…";
  }

  private Optional<Product> product(String tenantId, String sku) {
    return Optional.ofNullable(products.get(new SkuKey(tenantId, sku)));
  }

  private OrderBook.Policy policy(String tenantId) {
    TenantSettings settings = tenants.get(new TenantKey(tenantId));
    Duration hold = settings != null && settings.getOrderHoldSeconds() != null
        ? Duration.ofSeconds(settings.getOrderHoldSeconds()) : OrderBook.DEFAULT_HOLD;
    return new OrderBook.Policy(hold, StockLimits.of(settings));
  }

  private static String commandType(OrderCommand command) {
    return command.getCommand().getClass().getSimpleName();
  }

  private static void requireTenant(OrderKey key, String tenantId) {
    if (!key.getTenantId().equals(tenantId)) {
      throw new InvalidCommandException("tenant of key (" + key.getTenantId() + ") differs from tenant of record (" + tenantId + ")");
    }
  }

}
