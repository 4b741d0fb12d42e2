package io.fusioncommerce.connectors.shipping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * A carrier behind an HTTP label API in the shape most of them share: {@code POST /v1/rates} quotes a
 * parcel, {@code POST /v1/labels} buys the label for a rate (with an {@code Idempotency-Key}), and
 * tracking comes back as signed webhooks ({@link CarrierWebhook}). Amounts are integer minor units.
 */
public final class HttpLabelCarrier implements Carrier {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpCarrierSettings settings;
  private final HttpClient http;

  public HttpLabelCarrier(HttpCarrierSettings settings) {
    this.settings = settings;
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
  }

  @Override
  public String name() {
    return settings.name();
  }

  @Override
  public List<RateQuote> quote(Parcel parcel) {
    ObjectNode body = JSON.createObjectNode();
    body.put("reference", parcel.reference());
    body.set("from", address(parcel.shipFrom()));
    body.set("to", address(parcel.shipTo()));
    body.putObject("parcel").put("weightGrams", parcel.weightGrams());
    body.put("currency", parcel.currency());
    JsonNode answer = post("/v1/rates", body, null);
    List<RateQuote> quotes = new ArrayList<>();
    for (JsonNode rate : answer.path("rates")) {
      if (!rate.path("amount").canConvertToLong() || rate.path("id").asText().isEmpty()) {
        throw new CarrierException(name() + " answered a rate without an id or an integer amount: " + rate);
      }
      quotes.add(new RateQuote(name(), rate.path("id").asText(), rate.path("service").asText("standard"),
          rate.path("amount").asLong(), rate.path("currency").asText(parcel.currency())));
    }
    return quotes;
  }

  @Override
  public PurchasedLabel buy(RateQuote quote, Parcel parcel, String idempotencyKey) {
    ObjectNode body = JSON.createObjectNode();
    body.put("rateId", quote.rateId());
    body.put("reference", parcel.reference());
    JsonNode label = post("/v1/labels", body, idempotencyKey);
    String trackingNumber = label.path("trackingNumber").asText();
    if (trackingNumber.isEmpty()) {
      throw new CarrierException(name() + " sold a label without a tracking number");
    }
    return new PurchasedLabel(name(), label.path("service").asText(quote.service()), trackingNumber,
        label.path("amount").asLong(quote.amount()), label.path("currency").asText(quote.currency()));
  }

  private JsonNode post(String path, JsonNode body, String idempotencyKey) {
    HttpRequest.Builder request = HttpRequest.newBuilder(resolve(path)).timeout(settings.timeout())
        .header("Authorization", "Bearer " + settings.apiKey())
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new CarrierException(name() + " answered " + response.statusCode() + " to " + path + ": " + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new CarrierException(name() + " could not be reached at " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CarrierException("interrupted calling " + name(), e);
    }
  }

  private URI resolve(String path) {
    String base = settings.baseUrl().toString();
    return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
  }

  private static ObjectNode address(PostalAddress address) {
    ObjectNode node = JSON.createObjectNode();
    node.put("name", address.name());
    node.put("line1", address.line1());
    node.put("line2", address.line2());
    node.put("city", address.city());
    node.put("region", address.region());
    node.put("postalCode", address.postalCode());
    node.put("country", address.country());
    return node;
  }
}
