package io.fusioncommerce.connectors.shipping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fusioncommerce.connectors.objectstore.InMemoryObjectStore;
import io.fusioncommerce.schemas.orders.ShippingAddress;
import io.fusioncommerce.schemas.shipping.GeoPoint;
import io.fusioncommerce.schemas.shipping.HyperlocalAgent;
import io.fusioncommerce.schemas.shipping.LabelRequested;
import io.fusioncommerce.schemas.shipping.RecordLabel;
import io.fusioncommerce.schemas.shipping.RecordLabelFailure;
import io.fusioncommerce.schemas.shipping.ShipmentItem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The label worker's choices, with the HTTP carrier adapter against a local stand-in of a label API. */
class CarrierSelectionTest {

  final InMemoryObjectStore objects = new InMemoryObjectStore();
  final ShipFromAddresses shipFrom = ShipFromAddresses.fromEnvironment(Map.of());

  static LabelRequested request(String shipmentId, long units, String country, HyperlocalAgent agent) {
    return LabelRequested.newBuilder().setEventId("req-" + shipmentId).setTenantId("acme").setOccurredAt(Instant.EPOCH)
        .setCorrelationId("corr").setShipmentId(shipmentId).setOrderId("o1").setVendorId("v-shoes").setCurrency("USD")
        .setShipTo(ShippingAddress.newBuilder().setName("Alice Buyer").setLine1("742 Evergreen Terrace")
            .setCity("Shelbyville").setPostalCode("62565").setCountry(country).build())
        .setItems(List.of(new ShipmentItem("SHOE", units))).setRoute(agent == null ? "CARRIER" : "HYPERLOCAL")
        .setAgent(agent).build();
  }

  static HttpLabelCarrier httpCarrier(StandInCarrier standIn, String apiKey) {
    return new HttpLabelCarrier(new HttpCarrierSettings("parcel-api", standIn.baseUrl(), apiKey, "whsec",
        Duration.ofSeconds(5)));
  }

  @Test
  void theHttpCarrierQuotesEveryServiceAndSellsOneLabelPerIdempotencyKey() throws Exception {
    try (StandInCarrier standIn = new StandInCarrier(Map.of("ground", 450L, "express", 1900L))) {
      HttpLabelCarrier carrier = httpCarrier(standIn, StandInCarrier.API_KEY);
      LabelService service = new LabelService(List.of(carrier), objects, shipFrom);
      Parcel parcel = service.parcel(request("shp-1", 3, "US", null));

      List<RateQuote> quotes = carrier.quote(parcel);
      assertThat(quotes).extracting(q -> q.service() + "=" + q.amount()).containsExactlyInAnyOrder("ground=450", "express=1900");
      assertThat(standIn.rateRequests.get(0).path("parcel").path("weightGrams").asLong()).isEqualTo(1500);
      assertThat(standIn.rateRequests.get(0).path("to").path("postalCode").asText()).isEqualTo("62565");
      assertThat(standIn.rateRequests.get(0).path("reference").asText()).isEqualTo("acme/shp-1");

      RateQuote ground = quotes.stream().filter(q -> q.service().equals("ground")).findFirst().orElseThrow();
      PurchasedLabel first = carrier.buy(ground, parcel, "key-1");
      PurchasedLabel again = carrier.buy(ground, parcel, "key-1");
      assertThat(again.trackingNumber()).isEqualTo(first.trackingNumber());
      assertThat(standIn.labelsSold()).isEqualTo(1);
    }
  }

  @Test
  void aWrongApiKeyIsACarrierErrorAndTheOtherCarriersStillQuote() throws Exception {
    try (StandInCarrier standIn = new StandInCarrier(Map.of("ground", 1L))) {
      HttpLabelCarrier badKey = httpCarrier(standIn, "wrong");
      assertThatThrownBy(() -> badKey.quote(new LabelService(List.of(), objects, shipFrom)
          .parcel(request("shp-1", 1, "US", null)))).isInstanceOf(CarrierException.class).hasMessageContaining("401");

      LabelService service = new LabelService(List.of(badKey, new LocalCourier()), objects, shipFrom);
      RecordLabel label = (RecordLabel) service.handle(request("shp-2", 1, "US", null));
      assertThat(label.getCarrier()).isEqualTo(LocalCourier.NAME);
    }
  }

  @Test
  void theCheapestRateWinsWhicheverCarrierOffersIt() throws Exception {
    // the local courier asks 500 + 100 per started kg domestically: 600 for one unit (500 g)
    try (StandInCarrier cheaper = new StandInCarrier(Map.of("ground", 450L, "express", 1900L));
        StandInCarrier dearer = new StandInCarrier(Map.of("ground", 900L))) {
      LabelService withCheaper = new LabelService(List.of(new LocalCourier(), httpCarrier(cheaper, StandInCarrier.API_KEY)),
          objects, shipFrom);
      RecordLabel label = (RecordLabel) withCheaper.handle(request("shp-1", 1, "US", null));
      assertThat(label.getCarrier()).isEqualTo("parcel-api");
      assertThat(label.getService()).isEqualTo("ground");
      assertThat(label.getCost().getAmount()).isEqualTo(450);
      assertThat(label.getTrackingNumber()).startsWith("PA");

      LabelService withDearer = new LabelService(List.of(new LocalCourier(), httpCarrier(dearer, StandInCarrier.API_KEY)),
          objects, shipFrom);
      RecordLabel local = (RecordLabel) withDearer.handle(request("shp-2", 1, "US", null));
      assertThat(local.getCarrier()).isEqualTo(LocalCourier.NAME);
      assertThat(local.getCost().getAmount()).isEqualTo(600);
      assertThat(dearer.labelsSold()).isZero();
    }
  }

  @Test
  void theLabelIsStoredAsAPdfAndARequestSeenAgainBuysNothingNew() throws Exception {
    try (StandInCarrier standIn = new StandInCarrier(Map.of("ground", 100L))) {
      LabelService service = new LabelService(List.of(new LocalCourier(), httpCarrier(standIn, StandInCarrier.API_KEY)),
          objects, shipFrom);
      RecordLabel first = (RecordLabel) service.handle(request("shp-1", 2, "US", null));
      RecordLabel again = (RecordLabel) service.handle(request("shp-1", 2, "US", null));

      assertThat(again).isEqualTo(first);
      assertThat(standIn.labelsSold()).isEqualTo(1);
      assertThat(first.getLabelKey()).isEqualTo("acme/shipments/shp-1/label.pdf");
      byte[] pdf = objects.objects().get(first.getLabelKey());
      assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
      try (var document = Loader.loadPDF(pdf)) {
        assertThat(new PDFTextStripper().getText(document)).contains(first.getTrackingNumber(), "Alice Buyer",
            "Vendor v-shoes");
      }
    }
  }

  @Test
  void aHyperlocalShipmentGoesToItsAgentWithoutAskingTheCarriers() throws Exception {
    try (StandInCarrier standIn = new StandInCarrier(Map.of("ground", 1L))) {
      LabelService service = new LabelService(List.of(httpCarrier(standIn, StandInCarrier.API_KEY)), objects, shipFrom);
      HyperlocalAgent agent = HyperlocalAgent.newBuilder().setTenantId("acme").setAgentId("mitte").setName("Mitte Bikes")
          .setLocation(new GeoPoint(52.52, 13.405)).setRadiusKm(5).setUpdatedAt(Instant.EPOCH).build();
      RecordLabel label = (RecordLabel) service.handle(request("shp-h", 1, "DE", agent));
      assertThat(label.getCarrier()).isEqualTo(LabelService.HYPERLOCAL_CARRIER);
      assertThat(label.getService()).isEqualTo("Mitte Bikes");
      assertThat(label.getTrackingNumber()).startsWith("HL");
      assertThat(standIn.rateRequests).isEmpty();
    }
  }

  @Test
  void noQuoteInTheOrdersCurrencyIsAFailureNotALabel() {
    LabelService nobody = new LabelService(List.of(), objects, shipFrom);
    assertThat(nobody.handle(request("shp-x", 1, "US", null))).isInstanceOf(RecordLabelFailure.class);
    assertThat(objects.objects()).isEmpty();
  }

  @Test
  void aCarrierThatCouldNotBeAskedIsWorthAnotherTryNotAFailure() throws Exception {
    try (StandInCarrier standIn = new StandInCarrier(Map.of("ground", 1L))) {
      LabelService onlyDown = new LabelService(List.of(httpCarrier(standIn, "wrong")), objects, shipFrom);
      // the worker retries it with a backoff; only after its budget does the shipment become LABEL_FAILED
      assertThatThrownBy(() -> onlyDown.handle(request("shp-down", 1, "US", null)))
          .isInstanceOf(CarrierException.class).hasMessageContaining("could not be asked");
      assertThat(objects.objects()).isEmpty();
    }
  }

  @Test
  void theLocalCourierChargesByDestinationAndStartedKilogram() {
    LabelService service = new LabelService(List.of(), objects, shipFrom);
    assertThat(new LocalCourier().quote(service.parcel(request("a", 1, "US", null))).get(0).amount()).isEqualTo(600);
    assertThat(new LocalCourier().quote(service.parcel(request("b", 3, "US", null))).get(0).amount()).isEqualTo(700);
    assertThat(new LocalCourier().quote(service.parcel(request("c", 1, "FR", null))).get(0).amount()).isEqualTo(1900);
  }
}
