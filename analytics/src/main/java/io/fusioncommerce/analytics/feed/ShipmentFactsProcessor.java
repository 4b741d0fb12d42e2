package io.fusioncommerce.analytics.feed;

import io.fusioncommerce.analytics.feed.Facts.ShipmentFact;
import io.fusioncommerce.schemas.common.ShipmentKey;
import io.fusioncommerce.schemas.shipping.LabelRequested;
import io.fusioncommerce.schemas.shipping.ShipmentTracked;
import io.fusioncommerce.schemas.shipping.ShippingLabelCreated;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One fact per shipment status change. Remembers when a shipment asked for its label (it is opened when
 * the order is paid, so that is the paid time as the shipment knows it) and when the label was made,
 * to give the time to label and the time to delivery; forgets both once the shipment is delivered.
 */
final class ShipmentFactsProcessor implements Processor<ShipmentKey, SpecificRecord, String, Object> {

  /** What the feed remembers of a shipment (store {@value AnalyticsTopology#SHIPMENT_STORE}). */
  record ShipmentTimes(Long requestedAt, Long labelAt, long lastChangeAt) {}

  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, ShipmentTimes> shipments;

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    shipments = context.getStateStore(AnalyticsTopology.SHIPMENT_STORE);
  }

  @Override
  public void process(Record<ShipmentKey, SpecificRecord> record) {
    ShipmentFact fact = switch (record.value()) {
      case LabelRequested requested -> {
        long at = requested.getOccurredAt().toEpochMilli();
        String key = key(requested.getTenantId(), requested.getShipmentId());
        ShipmentTimes known = shipments.get(key);
        // a retried label keeps the first request's time: time to label counts from the payment
        if (known == null) {
          shipments.put(key, new ShipmentTimes(at, null, at));
        }
        yield new ShipmentFact(at, requested.getEventId(), requested.getTenantId(), "LABEL_PENDING",
            requested.getShipmentId(), requested.getOrderId(), requested.getVendorId(), null, null, null);
      }
      case ShippingLabelCreated label -> {
        long at = label.getOccurredAt().toEpochMilli();
        String key = key(label.getTenantId(), label.getShipmentId());
        ShipmentTimes known = shipments.get(key);
        Long requestedAt = known == null ? null : known.requestedAt();
        shipments.put(key, new ShipmentTimes(requestedAt, at, at));
        yield new ShipmentFact(at, label.getEventId(), label.getTenantId(), "LABEL_CREATED", label.getShipmentId(),
            label.getOrderId(), label.getVendorId(), label.getCarrier(), requestedAt == null ? null : at - requestedAt,
            null);
      }
      case ShipmentTracked tracked -> {
        long at = tracked.getOccurredAt().toEpochMilli();
        String key = key(tracked.getTenantId(), tracked.getShipmentId());
        ShipmentTimes known = shipments.get(key);
        Long deliveryMillis = null;
        if ("DELIVERED".equals(tracked.getStatus())) {
          deliveryMillis = known == null || known.labelAt() == null ? null : at - known.labelAt();
          shipments.delete(key);
        } else if (known != null) {
          shipments.put(key, new ShipmentTimes(known.requestedAt(), known.labelAt(), at));
        }
        yield new ShipmentFact(at, tracked.getEventId(), tracked.getTenantId(), tracked.getStatus(),
            tracked.getShipmentId(), tracked.getOrderId(), tracked.getVendorId(), null, null, deliveryMillis);
      }
      case null, default -> null;
    };
    if (fact != null) {
      context.forward(record.withKey(fact.factId()).withValue(fact));
    }
  }

  private static String key(String tenantId, String shipmentId) {
    return tenantId + '\u0000' + shipmentId;
  }
}
