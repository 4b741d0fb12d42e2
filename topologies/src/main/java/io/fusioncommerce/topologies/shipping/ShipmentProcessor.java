package io.fusioncommerce.topologies.shipping;

import static io.fusioncommerce.topologies.support.Wiring.sinkName;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.envelope.Cause;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.common.ShipmentKey;
import io.fusioncommerce.schemas.orders.OrderCommand;
import io.fusioncommerce.schemas.orders.RecordShipmentProgress;
import io.fusioncommerce.schemas.orders.ShippingAddress;
import io.fusioncommerce.schemas.shipping.CreateShipment;
import io.fusioncommerce.schemas.shipping.HyperlocalAgent;
import io.fusioncommerce.schemas.shipping.HyperlocalAgentKey;
import io.fusioncommerce.schemas.shipping.LabelRequested;
import io.fusioncommerce.schemas.shipping.RecordLabel;
import io.fusioncommerce.schemas.shipping.RecordLabelFailure;
import io.fusioncommerce.schemas.shipping.RecordTracking;
import io.fusioncommerce.schemas.shipping.RetryLabel;
import io.fusioncommerce.schemas.shipping.ShipmentCommand;
import io.fusioncommerce.schemas.shipping.ShipmentState;
import io.fusioncommerce.schemas.shipping.ShipmentTracked;
import io.fusioncommerce.schemas.shipping.ShippingLabelCreated;
import io.fusioncommerce.schemas.shipping.ShippingOptions;
import io.fusioncommerce.schemas.tenants.TenantKey;
import io.fusioncommerce.topologies.support.Arrival;
import io.fusioncommerce.topologies.support.InvalidCommandException;
import io.fusioncommerce.topologies.support.StoreChangeListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies shipment commands through {@link ShipmentBook} on the partition that owns the shipment, and
 * turns what changed into records: a label request for the worker, shipping.label.created, tracking
 * events, and the order's shipment summary (a command to the order topology). Nothing here calls out.
 */
final class ShipmentProcessor implements Processor<ShipmentKey, ShipmentCommand, SpecificRecord, SpecificRecord> {

  private static final Logger LOG = LoggerFactory.getLogger(ShipmentProcessor.class);

  private final StoreChangeListener changes;
  private ProcessorContext<SpecificRecord, SpecificRecord> context;
  private KeyValueStore<ShipmentKey, ShipmentState> shipments;
  private KeyValueStore<HyperlocalAgentKey, HyperlocalAgent> agents;
  private KeyValueStore<TenantKey, ShippingOptions> options;

  ShipmentProcessor(StoreChangeListener changes) {
    this.changes = changes;
  }

  @Override
  public void init(ProcessorContext<SpecificRecord, SpecificRecord> context) {
    this.context = context;
    this.shipments = context.getStateStore(ShippingTopology.SHIPMENT_STORE);
    this.agents = context.getStateStore(ShippingTopology.AGENT_STORE);
    this.options = context.getStateStore(ShippingTopology.OPTIONS_STORE);
  }

  @Override
  public void process(Record<ShipmentKey, ShipmentCommand> record) {
    Cause cause = Arrival.cause(record, "shipment record");
    ShipmentKey key = record.key();
    ShipmentCommand command = record.value();
    ShipmentState current = shipments.get(key);
    Arrival.requireSame("shipment", key.getShipmentId(), command.getCommand());
    switch (command.getCommand()) {
      case CreateShipment create -> {
        open(key, current, create, cause);
      }
      case RecordLabel label -> {
        ShipmentBook.labelled(current, label, cause.at()).ifPresent(next -> {
          save(key, next);
          forward(key, ShippingLabelCreated.newBuilder(cause.correlatedBy(next.getCorrelationId())
                  .event(new ShippingLabelCreated(), cause.derive("label-created")))
              .setShipmentId(key.getShipmentId()).setOrderId(next.getOrderId())
              .setVendorId(next.getVendorId()).setCarrier(next.getCarrier()).setTrackingNumber(next.getTrackingNumber())
              .setLabelUrl(ShipmentBook.labelPath(key.getShipmentId())).build(), cause, sinkName(Topics.SHIPPING_LABEL_CREATED));
          tellOrder(next, cause);
        });
      }
      case RecordLabelFailure failure -> {
        ShipmentBook.labelFailed(current, failure, cause.at()).ifPresent(next -> {
          LOG.warn("no label for shipment {} of tenant {}: {}", key.getShipmentId(), key.getTenantId(), failure.getReason());
          save(key, next);
          tellOrder(next, cause);
        });
      }
      case RecordTracking update -> {
        track(key, current, update, cause);
      }
      case RetryLabel retry -> {
        // the ingress refuses a retry of a shipment that is not LABEL_FAILED with 409; one that slipped past changes nothing
        ShipmentBook.labelRetried(current, cause.at()).ifPresent(next -> {
          save(key, next);
          HyperlocalAgent agent = next.getHyperlocalAgentId() == null ? null
              : agents.get(new HyperlocalAgentKey(key.getTenantId(), next.getHyperlocalAgentId()));
          requestLabel(key, next, agent, cause);
          tellOrder(next, cause);
        });
      }
      default -> throw new InvalidCommandException("unknown shipment command " + command.getCommand().getClass().getName());
    }
  }

  private void open(ShipmentKey key, ShipmentState current, CreateShipment create, Cause cause) {
    Optional<HyperlocalAgent> agent = hyperlocalAgent(key.getTenantId(), create.getShipTo());
    String route = agent.isPresent() ? ShipmentBook.ROUTE_HYPERLOCAL : ShipmentBook.ROUTE_CARRIER;
    Optional<ShipmentState> opened = ShipmentBook.open(current, key.getTenantId(), create, route,
        agent.map(HyperlocalAgent::getAgentId).orElse(null), cause.at(), cause.correlationId());
    if (opened.isEmpty()) {
      return; // the shipment exists: a replay of the paid order
    }
    ShipmentState state = opened.get();
    save(key, state);
    requestLabel(key, state, agent.orElse(null), cause);
    tellOrder(state, cause);
  }

  /** Asks the label worker for the label of the shipment's current attempt (a hyperlocal one goes to {@code agent}). */
  private void requestLabel(ShipmentKey key, ShipmentState state, HyperlocalAgent agent, Cause cause) {
    forward(key, LabelRequested.newBuilder(cause.correlatedBy(state.getCorrelationId())
            .event(new LabelRequested(), ShipmentBook.currentLabelRequest(state)))
        .setShipmentId(key.getShipmentId()).setOrderId(state.getOrderId())
        .setVendorId(state.getVendorId()).setCurrency(state.getCurrency()).setShipTo(state.getShipTo())
        .setItems(state.getItems()).setRoute(state.getRoute()).setAgent(agent).build(),
        cause, sinkName(Topics.SHIPPING_LABEL_REQUESTS));
  }

  private void track(ShipmentKey key, ShipmentState current, RecordTracking update, Cause cause) {
    ShipmentBook.Tracked tracked = ShipmentBook.track(current, update, cause.at());
    if (tracked.refused()) {
      // the ingress refuses these with 409 already; one that slipped past (a race, a carrier) changes nothing
      LOG.info("tracking update for shipment {} of tenant {} refused: {}", key.getShipmentId(), key.getTenantId(),
          tracked.refusal());
      return;
    }
    if (tracked.next() == null) {
      return;
    }
    ShipmentState next = tracked.next();
    save(key, next);
    forward(key, ShipmentTracked.newBuilder(cause.event(new ShipmentTracked(), cause.derive("tracked")))
        .setShipmentId(key.getShipmentId()).setOrderId(next.getOrderId())
        .setVendorId(next.getVendorId()).setFromStatus(current.getStatus()).setStatus(next.getStatus())
        .setLocation(update.getLocation()).setTrackingNumber(next.getTrackingNumber()).setSource(update.getSource())
        .build(), cause, sinkName(Topics.SHIPPING_TRACKING));
    if (!current.getStatus().equals(next.getStatus())) {
      tellOrder(next, cause);
    }
  }

  /** The nearest agent covering the ship-to point, when the tenant routes hyperlocally and the address has one. */
  private Optional<HyperlocalAgent> hyperlocalAgent(String tenantId, ShippingAddress shipTo) {
    ShippingOptions tenantOptions = options.get(new TenantKey(tenantId));
    if (tenantOptions == null || !tenantOptions.getHyperlocalEnabled() || shipTo == null
        || shipTo.getLatitude() == null || shipTo.getLongitude() == null) {
      return Optional.empty();
    }
    // a tenant has a handful of agents; the global store is small, so a scan per new shipment is cheap
    List<HyperlocalAgent> tenantAgents = new ArrayList<>();
    try (KeyValueIterator<HyperlocalAgentKey, HyperlocalAgent> all = agents.all()) {
      while (all.hasNext()) {
        KeyValue<HyperlocalAgentKey, HyperlocalAgent> entry = all.next();
        if (entry.value != null && tenantId.equals(entry.key.getTenantId()) && tenantId.equals(entry.value.getTenantId())) {
          tenantAgents.add(entry.value);
        }
      }
    }
    return HyperlocalRouting.nearest(tenantAgents.stream(), shipTo.getLatitude(), shipTo.getLongitude());
  }

  /** The order keeps a summary of its shipments and decides SHIPPED and DELIVERED from it. */
  private void tellOrder(ShipmentState state, Cause cause) {
    RecordShipmentProgress progress = RecordShipmentProgress.newBuilder().setOrderId(state.getOrderId())
        .setShipmentId(state.getShipmentId()).setVendorId(state.getVendorId()).setStatus(state.getStatus())
        .setCarrier(state.getCarrier()).setTrackingNumber(state.getTrackingNumber())
        .setLabelUrl(state.getLabelKey() == null ? null : ShipmentBook.labelPath(state.getShipmentId())).build();
    OrderCommand command = cause.correlatedBy(state.getCorrelationId()).command(new OrderCommand(),
        cause.derive("order-progress:" + state.getShipmentId() + ":" + state.getStatus()), PaidOrderSplitter.SYSTEM,
        progress);
    context.forward(new Record<SpecificRecord, SpecificRecord>(new OrderKey(state.getTenantId(), state.getOrderId()),
        command, cause.timestamp(), cause.headers()), sinkName(Topics.ORDER_COMMANDS));
  }

  private void save(ShipmentKey key, ShipmentState state) {
    shipments.put(key, state);
    changes.changed(ShippingTopology.SHIPMENT_STORE, key);
  }

  private void forward(ShipmentKey key, SpecificRecord value, Cause cause, String sink) {
    context.forward(new Record<SpecificRecord, SpecificRecord>(key, value, cause.timestamp(), cause.headers()), sink);
  }

}
