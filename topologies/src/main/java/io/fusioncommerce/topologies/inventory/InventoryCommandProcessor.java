package io.fusioncommerce.topologies.inventory;

import static io.fusioncommerce.topologies.support.Wiring.sinkName;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.inventory.CommitStock;
import io.fusioncommerce.schemas.inventory.CustomerReservation;
import io.fusioncommerce.schemas.inventory.CustomerReservations;
import io.fusioncommerce.schemas.inventory.CustomerSkuKey;
import io.fusioncommerce.schemas.inventory.InventoryCommand;
import io.fusioncommerce.schemas.inventory.InventoryCommitted;
import io.fusioncommerce.schemas.inventory.InventoryInsufficient;
import io.fusioncommerce.schemas.inventory.InventoryLowStock;
import io.fusioncommerce.schemas.inventory.InventoryReleased;
import io.fusioncommerce.schemas.inventory.InventoryReserved;
import io.fusioncommerce.schemas.inventory.ReleaseStock;
import io.fusioncommerce.schemas.inventory.ReserveStock;
import io.fusioncommerce.schemas.inventory.Reservation;
import io.fusioncommerce.schemas.inventory.ReservationKey;
import io.fusioncommerce.schemas.inventory.RestockReturnedUnits;
import io.fusioncommerce.schemas.inventory.SetStockLevel;
import io.fusioncommerce.schemas.inventory.StockLevel;
import io.fusioncommerce.schemas.inventory.StockLevelChanged;
import io.fusioncommerce.schemas.inventory.WarehouseStock;
import io.fusioncommerce.schemas.tenants.TenantKey;
import io.fusioncommerce.schemas.tenants.TenantSettings;
import io.fusioncommerce.schemas.envelope.Cause;
import io.fusioncommerce.topologies.support.Arrival;
import io.fusioncommerce.topologies.support.InvalidCommandException;
import io.fusioncommerce.topologies.support.StoreChangeListener;
import static io.fusioncommerce.topologies.inventory.ReservationStatus.COMMITTED;
import static io.fusioncommerce.topologies.inventory.ReservationStatus.INSUFFICIENT;
import static io.fusioncommerce.topologies.inventory.ReservationStatus.RELEASED;
import static io.fusioncommerce.topologies.inventory.ReservationStatus.RESERVED;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies inventory commands to the stock and reservation stores and emits what changed.
 * Reservations are idempotent per order and SKU: a repeated ReserveStock changes nothing, and a
 * ReserveStock that arrives after the order's release (a client retry after a timeout) reserves
 * nothing either.
 *
 * <p>Against hoarding, a reservation is refused beyond the tenant's {@link StockLimits}: more units of
 * the SKU than one order may take, or more than its customer may take within the window. The window's
 * count lives here, on the SKU's partition, next to the stock it limits, so counting and reserving are
 * one step of one exactly-once task and concurrent orders cannot slip past the limit.
 *
 * <p>Retention: settled reservations are dropped {@link #SETTLED_RETENTION} after they settled, and a
 * customer's window once its newest reservation left it, by a stream-time sweep over an index sorted
 * by due time that does at most {@link #MAX_SWEEP_PER_PUNCTUATION} entries per punctuation.
 */
final class InventoryCommandProcessor implements Processor<SkuKey, InventoryCommand, SpecificRecord, SpecificRecord> {

  /** How long a released, committed or refused reservation is kept (it makes a late repeat a no-op). */
  static final Duration SETTLED_RETENTION = Duration.ofDays(7);
  static final Duration SWEEP_INTERVAL = Duration.ofSeconds(10);
  static final int MAX_SWEEP_PER_PUNCTUATION = 500;
  /** Releases of an order that never got its stock: its units do not count against the customer. */
  static final Set<String> NOT_COUNTED_RELEASES =
      Set.of("ORDER_REJECTED", "NOT_IN_ORDER", "RESERVATION_TIMEOUT", "ORDER_NOT_RECEIVED");

  private final StoreChangeListener changes;
  private ProcessorContext<SpecificRecord, SpecificRecord> context;
  private KeyValueStore<SkuKey, StockLevel> stock;
  private KeyValueStore<ReservationKey, Reservation> reservations;
  private KeyValueStore<SkuKey, Product> products;
  private KeyValueStore<CustomerSkuKey, CustomerReservations> customerWindows;
  private KeyValueStore<String, String> sweep;
  private KeyValueStore<TenantKey, TenantSettings> tenants;

  InventoryCommandProcessor(StoreChangeListener changes) {
    this.changes = changes;
  }

  @Override
  public void init(ProcessorContext<SpecificRecord, SpecificRecord> context) {
    this.context = context;
    this.stock = context.getStateStore(InventoryTopology.STOCK_STORE);
    this.reservations = context.getStateStore(InventoryTopology.RESERVATION_STORE);
    this.products = context.getStateStore(InventoryTopology.PRODUCT_STORE);
    this.customerWindows = context.getStateStore(InventoryTopology.CUSTOMER_WINDOW_STORE);
    this.sweep = context.getStateStore(InventoryTopology.SWEEP_STORE);
    this.tenants = context.getStateStore(InventoryTopology.TENANT_STORE);
    context.schedule(SWEEP_INTERVAL, PunctuationType.STREAM_TIME, now -> sweep(Instant.ofEpochMilli(now)));
  }

  @Override
  public void process(Record<SkuKey, InventoryCommand> record) {
    Step step = new Step(record.key(), record.value(), Arrival.cause(record, "inventory command"));
    InventoryCommand command = step.command();
    switch (command.getCommand()) {
      case SetStockLevel set -> setLevel(step, set);
      case ReserveStock reserve -> reserve(step, reserve);
      case ReleaseStock release -> release(step, release);
      case CommitStock commit -> commit(step, commit);
      case RestockReturnedUnits restock -> restock(step, restock);
      default -> throw new InvalidCommandException("unknown inventory command " + command.getCommand().getClass().getName());
    }
  }

  /** What every handler needs about the command being applied. */
  private record Step(SkuKey key, InventoryCommand command, Cause cause) {
    Instant at() {
      return cause.at();
    }

    /** {@code blank} with the envelope of the event this command causes for {@code purpose}. */
    <T extends SpecificRecord> T event(T blank, String purpose) {
      return cause.event(blank, cause.derive(purpose));
    }
  }

  private void setLevel(Step step, SetStockLevel set) {
    requireSku(step, set.getSku());
    requireOwner(step);
    StockLedger.Change change;
    try {
      change = StockLedger.setLevel(current(step), set, step.at());
    } catch (IllegalArgumentException e) {
      throw new InvalidCommandException(e.getMessage());
    }
    apply(step, change, true);
  }

  /**
   * Returned units back on the shelf: added to the warehouse's available stock, once per return (a
   * redelivered command finds the return among the SKU's restocked returns and adds nothing). Announced
   * on inventory.stock-changed like a level set by hand, since no reservation event tells of it.
   */
  private void restock(Step step, RestockReturnedUnits restock) {
    requireSku(step, restock.getSku());
    StockLedger.Change change;
    try {
      change = StockLedger.restock(current(step), restock, step.at());
    } catch (IllegalArgumentException e) {
      throw new InvalidCommandException(e.getMessage());
    }
    if (change != null) {
      apply(step, change, true);
    }
  }

  private void reserve(Step step, ReserveStock reserve) {
    requireSku(step, reserve.getSku());
    if (reserve.getQuantity() <= 0) {
      throw new InvalidCommandException("reserve quantity must be positive: " + reserve.getQuantity());
    }
    ReservationKey reservationKey = reservationKey(step, reserve.getOrderId());
    if (reservations.get(reservationKey) != null) {
      return; // already reserved, refused or released for this order: a repeat changes nothing
    }
    StockLevel level = current(step);
    OrderKey orderKey = new OrderKey(step.key().getTenantId(), reserve.getOrderId());
    StockLimits limits = StockLimits.of(tenants.get(new TenantKey(step.key().getTenantId())));
    CustomerSkuKey customerKey = reserve.getCustomerId() == null ? null
        : new CustomerSkuKey(step.key().getTenantId(), step.key().getSku(), reserve.getCustomerId());
    List<CustomerReservation> counted = customerKey == null ? List.of() : window(customerKey, limits, step.at());
    String refusal = null;
    if (reserve.getQuantity() > limits.maxPerOrder()) {
      refusal = StockLimits.QUANTITY_LIMIT_EXCEEDED;
    } else if (customerKey != null && limits.maxPerCustomer() != StockLimits.UNLIMITED
        && counted.stream().mapToLong(CustomerReservation::getQuantity).sum() + reserve.getQuantity() > limits.maxPerCustomer()) {
      refusal = StockLimits.CUSTOMER_LIMIT_EXCEEDED;
    }
    var reserved = refusal == null ? StockLedger.reserve(level, reserve.getQuantity(), step.at()) : Optional.<StockLedger.Reserved>empty();
    if (reserved.isEmpty()) {
      reservations.put(reservationKey, reservation(step, reserve.getOrderId(), reserve.getQuantity(), INSUFFICIENT, Map.of())
          .setCustomerId(reserve.getCustomerId()).build());
      settled(step, reserve.getOrderId());
      forward(step, orderKey, InventoryInsufficient.newBuilder(step.event(new InventoryInsufficient(), "insufficient"))
          .setOrderId(reserve.getOrderId()).setSku(reserve.getSku()).setRequested(reserve.getQuantity())
          .setAvailable(StockLedger.totalAvailable(level))
          .setReason(refusal != null ? refusal : StockLimits.INSUFFICIENT_STOCK).build(), sinkName(Topics.INVENTORY_INSUFFICIENT));
      return;
    }
    Map<String, Long> allocations = reserved.get().allocations();
    reservations.put(reservationKey, reservation(step, reserve.getOrderId(), reserve.getQuantity(), RESERVED, allocations)
        .setCustomerId(reserve.getCustomerId()).build());
    if (customerKey != null) {
      List<CustomerReservation> entries = new ArrayList<>(counted);
      entries.add(new CustomerReservation(reserve.getOrderId(), reserve.getQuantity(), step.at()));
      customerWindows.put(customerKey, new CustomerReservations(customerKey.getTenantId(), customerKey.getSku(),
          customerKey.getCustomerId(), entries));
      sweep.put(InventorySweep.key(step.at().plus(limits.window()), InventorySweep.Kind.CUSTOMER_WINDOW,
          customerKey.getTenantId(), customerKey.getSku(), customerKey.getCustomerId()), "");
    }
    apply(step, reserved.get().change(), false);
    forward(step, orderKey, InventoryReserved.newBuilder(step.event(new InventoryReserved(), "reserved"))
        .setOrderId(reserve.getOrderId()).setSku(reserve.getSku()).setQuantity(reserve.getQuantity())
        .setAllocations(allocations)
        .setRemainingAvailable(StockLedger.totalAvailable(reserved.get().change().next())).build(),
        sinkName(Topics.INVENTORY_RESERVED));
  }

  /** The customer's reservations of the SKU still inside the window that ends at {@code at}. */
  private List<CustomerReservation> window(CustomerSkuKey key, StockLimits limits, Instant at) {
    CustomerReservations stored = customerWindows.get(key);
    if (stored == null) {
      return List.of();
    }
    Instant start = at.minus(limits.window());
    return stored.getEntries().stream().filter(entry -> entry.getReservedAt().isAfter(start)).toList();
  }

  /** An order's released reservation gives its units back to the customer's count when it never got them. */
  private void uncount(Reservation reservation, String reason) {
    if (reservation.getCustomerId() == null || !NOT_COUNTED_RELEASES.contains(reason)) {
      return;
    }
    CustomerSkuKey key = new CustomerSkuKey(reservation.getTenantId(), reservation.getSku(), reservation.getCustomerId());
    CustomerReservations stored = customerWindows.get(key);
    if (stored == null) {
      return;
    }
    List<CustomerReservation> rest = stored.getEntries().stream()
        .filter(entry -> !entry.getOrderId().equals(reservation.getOrderId())).toList();
    if (rest.isEmpty()) {
      customerWindows.delete(key);
    } else if (rest.size() != stored.getEntries().size()) {
      customerWindows.put(key, CustomerReservations.newBuilder(stored).setEntries(rest).build());
    }
  }

  /** The reservation of {@code orderId} is settled: it is dropped after {@link #SETTLED_RETENTION}. */
  private void settled(Step step, String orderId) {
    sweep.put(InventorySweep.key(step.at().plus(SETTLED_RETENTION), InventorySweep.Kind.RESERVATION,
        step.key().getTenantId(), step.key().getSku(), orderId), "");
  }

  /**
   * Drops what is due: settled reservations past their retention, customer windows whose every
   * reservation left the window. At most {@link #MAX_SWEEP_PER_PUNCTUATION} entries per punctuation;
   * the rest stay in the index for the next one.
   */
  void sweep(Instant now) {
    List<String> due = new ArrayList<>();
    try (KeyValueIterator<String, String> iterator = sweep.range(null, InventorySweep.upTo(now))) {
      while (iterator.hasNext() && due.size() < MAX_SWEEP_PER_PUNCTUATION) {
        KeyValue<String, String> entry = iterator.next();
        due.add(entry.key);
      }
    }
    for (String indexKey : due) {
      sweep.delete(indexKey);
      InventorySweep.Due entry = InventorySweep.parse(indexKey);
      List<String> parts = entry.parts();
      switch (entry.kind()) {
        case RESERVATION -> {
          ReservationKey key = new ReservationKey(parts.get(0), parts.get(1), parts.get(2));
          Reservation reservation = reservations.get(key);
          if (reservation != null && ReservationStatus.of(reservation.getStatus()) != RESERVED
              && !reservation.getUpdatedAt().plus(SETTLED_RETENTION).isAfter(now)) {
            reservations.delete(key);
          }
        }
        case CUSTOMER_WINDOW -> {
          CustomerSkuKey key = new CustomerSkuKey(parts.get(0), parts.get(1), parts.get(2));
          StockLimits limits = StockLimits.of(tenants.get(new TenantKey(key.getTenantId())));
          List<CustomerReservation> rest = window(key, limits, now);
          if (rest.isEmpty()) {
            customerWindows.delete(key);
          } else {
            customerWindows.put(key, new CustomerReservations(key.getTenantId(), key.getSku(), key.getCustomerId(), rest));
            // a window the tenant widened since: come back when its newest entry leaves it
            Instant newest = rest.get(rest.size() - 1).getReservedAt();
            sweep.put(InventorySweep.key(newest.plus(limits.window()), InventorySweep.Kind.CUSTOMER_WINDOW,
                key.getTenantId(), key.getSku(), key.getCustomerId()), "");
          }
        }
      }
    }
  }

  private void release(Step step, ReleaseStock release) {
    requireSku(step, release.getSku());
    ReservationKey reservationKey = reservationKey(step, release.getOrderId());
    Reservation reservation = reservations.get(reservationKey);
    if (reservation == null) {
      // The order gave up before its ReserveStock arrived: remember, so a late one reserves nothing.
      reservations.put(reservationKey, reservation(step, release.getOrderId(), 0, RELEASED, Map.of()).build());
      settled(step, release.getOrderId());
      return;
    }
    if (ReservationStatus.of(reservation.getStatus()) != RESERVED) {
      return; // never held, or already released or gone with the order
    }
    reservations.put(reservationKey, Reservation.newBuilder(reservation).setStatus(RELEASED.name()).setUpdatedAt(step.at()).build());
    settled(step, release.getOrderId());
    uncount(reservation, release.getReason());
    apply(step, StockLedger.release(current(step), reservation.getAllocations(), step.at()), false);
    forward(step, new OrderKey(step.key().getTenantId(), release.getOrderId()),
        InventoryReleased.newBuilder(step.event(new InventoryReleased(), "released"))
        .setOrderId(release.getOrderId()).setSku(release.getSku()).setQuantity(reservation.getQuantity())
        .setAllocations(reservation.getAllocations()).setReason(release.getReason()).build(),
        sinkName(Topics.INVENTORY_RELEASED));
  }

  private void commit(Step step, CommitStock commit) {
    requireSku(step, commit.getSku());
    ReservationKey reservationKey = reservationKey(step, commit.getOrderId());
    Reservation reservation = reservations.get(reservationKey);
    if (reservation == null || ReservationStatus.of(reservation.getStatus()) != RESERVED) {
      return;
    }
    reservations.put(reservationKey, Reservation.newBuilder(reservation).setStatus(COMMITTED.name()).setUpdatedAt(step.at()).build());
    settled(step, commit.getOrderId());
    apply(step, StockLedger.commit(current(step), reservation.getAllocations(), step.at()), false);
    forward(step, new OrderKey(step.key().getTenantId(), commit.getOrderId()),
        InventoryCommitted.newBuilder(step.event(new InventoryCommitted(), "committed"))
        .setOrderId(commit.getOrderId()).setSku(commit.getSku()).setQuantity(reservation.getQuantity()).build(),
        sinkName(Topics.INVENTORY_COMMITTED));
  }

  private StockLevel current(Step step) {
    StockLevel level = stock.get(step.key());
    return level != null ? level : StockLedger.empty(step.key().getTenantId(), step.key().getSku(), step.at());
  }

  /**
   * Stores the new stock. A stock level set by hand is announced on inventory.stock-changed, one event
   * per warehouse; movements caused by orders are already announced by their reservation events
   * (with the warehouses they touched), so they are not repeated there.
   */
  private void apply(Step step, StockLedger.Change change, boolean announce) {
    StockLevel next = change.next();
    stock.put(step.key(), next);
    changes.changed(InventoryTopology.STOCK_STORE, step.key());
    for (String warehouse : announce ? change.warehouses().stream().sorted().toList() : List.<String>of()) {
      WarehouseStock levels = next.getWarehouses().get(warehouse);
      forward(step, step.key(), StockLevelChanged.newBuilder(step.event(new StockLevelChanged(), "stock-changed:" + warehouse))
          .setSku(step.key().getSku()).setWarehouse(warehouse)
          .setAvailable(levels.getAvailable()).setReserved(levels.getReserved())
          .setTotalAvailable(StockLedger.totalAvailable(next)).setTotalReserved(StockLedger.totalReserved(next))
          .setVersion(next.getVersion()).build(), sinkName(Topics.INVENTORY_STOCK_CHANGED));
    }
    if (change.crossedLowStockThreshold()) {
      forward(step, step.key(), InventoryLowStock.newBuilder(step.event(new InventoryLowStock(), "low-stock"))
          .setSku(step.key().getSku()).setTotalAvailable(StockLedger.totalAvailable(next))
          .setThreshold(next.getLowStockThreshold()).build(), sinkName(Topics.INVENTORY_LOW_STOCK));
    }
  }

  private void forward(Step step, SpecificRecord key, SpecificRecord value, String sink) {
    context.forward(new Record<>(key, value, step.cause().timestamp(), step.cause().headers()), sink);
  }

  private static ReservationKey reservationKey(Step step, String orderId) {
    return new ReservationKey(step.key().getTenantId(), step.key().getSku(), orderId);
  }

  private static Reservation.Builder reservation(Step step, String orderId, long quantity, ReservationStatus status,
      Map<String, Long> allocations) {
    return Reservation.newBuilder().setTenantId(step.key().getTenantId()).setSku(step.key().getSku())
        .setOrderId(orderId).setQuantity(quantity).setStatus(status.name()).setAllocations(allocations)
        .setUpdatedAt(step.at());
  }

  /**
   * A vendor sets stock only of its own SKUs (the ingress checks this against the catalog in Postgres;
   * this is the second line). A SKU the product table does not know yet is let through: the table follows
   * Postgres through CDC moments behind, and a product just created must be stockable at once; the
   * ingress has already checked it against Postgres itself.
   */
  private void requireOwner(Step step) {
    String vendor = step.command().getIssuedBy().getVendorId();
    if (vendor == null) {
      return; // staff or the platform itself
    }
    Product product = products.get(step.key());
    if (product != null && !vendor.equals(product.getVendorId())) {
      throw new InvalidCommandException("SKU " + step.key().getSku() + " belongs to vendor " + product.getVendorId()
          + "; vendor " + vendor + " may not set its stock");
    }
  }

  private static void requireSku(Step step, String sku) {
    if (!sku.equals(step.key().getSku())) {
      throw new InvalidCommandException("sku of key (" + step.key().getSku() + ") differs from sku of command (" + sku + ")");
    }
  }
}
