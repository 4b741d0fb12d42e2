package io.fusioncommerce.connectors.shipping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fusioncommerce.connectors.objectstore.ObjectStore;
import io.fusioncommerce.connectors.objectstore.StoredObject;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.shipping.LabelRequested;
import io.fusioncommerce.schemas.shipping.RecordLabel;
import io.fusioncommerce.schemas.shipping.RecordLabelFailure;
import io.fusioncommerce.schemas.shipping.ShipmentItem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one label request: quotes every carrier, buys the cheapest label (or hands the parcel to its
 * hyperlocal agent), renders the PDF, stores it, and says what to record. Idempotent: the purchase is
 * written beside the PDF, and a request seen again is answered from it without buying twice; the
 * carrier also gets the request's event id as its idempotency key.
 */
public final class LabelService {

  public static final String HYPERLOCAL_CARRIER = "hyperlocal";
  private static final Logger LOG = LoggerFactory.getLogger(LabelService.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Carrier> carriers;
  private final ObjectStore objects;
  private final ShipFromAddresses shipFrom;
  private final LabelRenderer renderer = new LabelRenderer();

  public LabelService(List<Carrier> carriers, ObjectStore objects, ShipFromAddresses shipFrom) {
    this.carriers = List.copyOf(carriers);
    this.objects = objects;
    this.shipFrom = shipFrom;
  }

  /** Where a shipment's label is kept. */
  public static String labelKey(String tenantId, String shipmentId) {
    return tenantId + "/shipments/" + shipmentId + "/label.pdf";
  }

  static String purchaseKey(String tenantId, String shipmentId) {
    return tenantId + "/shipments/" + shipmentId + "/label.json";
  }

  /**
   * A RecordLabel, or a RecordLabelFailure when no carrier serves the parcel. Throws (a
   * {@link CarrierException} when a carrier is down, or what the object store throws) when trying again
   * later may succeed; the worker does, with a backoff, before it records a failure.
   */
  public SpecificRecord handle(LabelRequested request) {
    String key = labelKey(request.getTenantId(), request.getShipmentId());
    Optional<PurchasedLabel> earlier = earlierPurchase(request);
    if (earlier.isPresent() && objects.exists(key)) {
      return recorded(request, earlier.get(), key);
    }
    if (request.getShipTo() == null) {
      return failure(request, "the order has no shipping address");
    }
    Parcel parcel = parcel(request);
    PurchasedLabel label;
    if (earlier.isPresent()) {
      label = earlier.get(); // bought before a crash, the PDF not yet stored
    } else if (request.getAgent() != null) {
      label = new PurchasedLabel(HYPERLOCAL_CARRIER, request.getAgent().getName(), hyperlocalTrackingNumber(parcel), 0,
          parcel.currency());
    } else {
      List<CarrierException> outages = new ArrayList<>();
      Optional<RateQuote> cheapest = cheapest(parcel, outages);
      if (cheapest.isEmpty() && !outages.isEmpty()) {
        // a carrier that is down may be back in a minute: the worker tries again before calling it a failure
        throw new CarrierException("no carrier quoted " + parcel.reference() + " and " + outages.size()
            + " could not be asked: " + outages.getFirst().getMessage(), outages.getFirst());
      }
      if (cheapest.isEmpty()) {
        return failure(request, "no carrier quoted a rate in " + parcel.currency());
      }
      label = carrier(cheapest.get().carrier()).buy(cheapest.get(), parcel, request.getEventId());
    }
    rememberPurchase(request, label);
    byte[] pdf = renderer.render(new LabelContent(label.carrier(), label.service(), label.trackingNumber(),
        parcel.shipFrom(), parcel.shipTo(), parcel.orderId(), parcel.shipmentId(), parcel.units(), parcel.weightGrams()));
    objects.put(key, new ByteArrayInputStream(pdf), pdf.length, "application/pdf");
    return recorded(request, label, key);
  }

  /**
   * Every carrier's quotes in the parcel's currency; the cheapest wins, ties by carrier name. The
   * carriers that could not be asked are added to {@code outages}.
   */
  private Optional<RateQuote> cheapest(Parcel parcel, List<CarrierException> outages) {
    List<RateQuote> quotes = new ArrayList<>();
    for (Carrier carrier : carriers) {
      try {
        carrier.quote(parcel).stream().filter(q -> q.currency().equals(parcel.currency())).forEach(quotes::add);
      } catch (CarrierException e) {
        // one carrier being down must not stop the parcel: the others may still quote
        LOG.warn("carrier {} did not quote {}: {}", carrier.name(), parcel.reference(), e.getMessage());
        outages.add(e);
      }
    }
    return quotes.stream().min(Comparator.comparingLong(RateQuote::amount).thenComparing(RateQuote::carrier));
  }

  private Carrier carrier(String name) {
    return carriers.stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no carrier " + name));
  }

  Parcel parcel(LabelRequested request) {
    long units = request.getItems().stream().mapToLong(ShipmentItem::getQuantity).sum();
    return new Parcel(Parcel.reference(request.getTenantId(), request.getShipmentId()), request.getTenantId(),
        request.getShipmentId(), request.getOrderId(), request.getVendorId(),
        shipFrom.of(request.getTenantId(), request.getVendorId()), PostalAddress.of(request.getShipTo()), units,
        Math.max(1, units) * Parcel.GRAMS_PER_UNIT, request.getCurrency());
  }

  private Optional<PurchasedLabel> earlierPurchase(LabelRequested request) {
    Optional<StoredObject> stored = objects.get(purchaseKey(request.getTenantId(), request.getShipmentId()));
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    try (StoredObject object = stored.get()) {
      JsonNode json = JSON.readTree(object.content());
      return Optional.of(new PurchasedLabel(json.path("carrier").asText(), json.path("service").asText(),
          json.path("trackingNumber").asText(), json.path("amount").asLong(), json.path("currency").asText()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the earlier purchase of " + request.getShipmentId(), e);
    }
  }

  private void rememberPurchase(LabelRequested request, PurchasedLabel label) {
    byte[] json;
    try {
      json = JSON.writeValueAsBytes(label);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    objects.put(purchaseKey(request.getTenantId(), request.getShipmentId()), new ByteArrayInputStream(json), json.length,
        "application/json");
  }

  private static RecordLabel recorded(LabelRequested request, PurchasedLabel label, String key) {
    return RecordLabel.newBuilder().setShipmentId(request.getShipmentId()).setCarrier(label.carrier())
        .setService(label.service()).setTrackingNumber(label.trackingNumber()).setLabelKey(key)
        .setCost(new Money(label.amount(), label.currency())).setRequestId(request.getEventId()).build();
  }

  static RecordLabelFailure failure(LabelRequested request, String reason) {
    return RecordLabelFailure.newBuilder().setShipmentId(request.getShipmentId()).setReason(reason)
        .setRequestId(request.getEventId()).build();
  }

  private static String hyperlocalTrackingNumber(Parcel parcel) {
    UUID id = UUID.nameUUIDFromBytes(("hyperlocal|" + parcel.reference()).getBytes(StandardCharsets.UTF_8));
    return "HL" + String.format("%016d", Math.floorMod(id.getLeastSignificantBits(), 10_000_000_000_000_000L));
  }
}
