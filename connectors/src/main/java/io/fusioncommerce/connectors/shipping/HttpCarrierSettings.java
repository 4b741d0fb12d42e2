package io.fusioncommerce.connectors.shipping;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an HTTP label API is and how to authenticate to it.
 *
 * @param name the carrier's name ({@code [a-z0-9-]+})
 * @param baseUrl the API's base URL; {@code /v1/rates} and {@code /v1/labels} are under it
 * @param apiKey sent as a bearer token
 * @param webhookSecret signs the carrier's tracking webhooks (HMAC-SHA256)
 */
public record HttpCarrierSettings(String name, URI baseUrl, String apiKey, String webhookSecret, Duration timeout) {

  public HttpCarrierSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(webhookSecret, "webhookSecret");
    if (name == null || !name.matches("[a-z0-9-]{1,32}")) {
      throw new IllegalArgumentException("a carrier name is 1 to 32 of a-z, 0-9 and -: " + name);
    }
  }

  /**
   * From {@code FUSION_CARRIER_URL}, {@code FUSION_CARRIER_API_KEY}, {@code FUSION_CARRIER_WEBHOOK_SECRET}
   * and {@code FUSION_CARRIER_NAME} (default {@code parcel-api}); empty when no URL is set.
   */
  public static Optional<HttpCarrierSettings> fromEnvironment(Map<String, String> env) {
    String url = env.get("FUSION_CARRIER_URL");
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new HttpCarrierSettings(env.getOrDefault("FUSION_CARRIER_NAME", "parcel-api"), URI.create(url),
        env.getOrDefault("FUSION_CARRIER_API_KEY", ""), env.getOrDefault("FUSION_CARRIER_WEBHOOK_SECRET", ""),
        Duration.ofSeconds(10)));
  }
}
