package io.fusioncommerce.connectors.shipping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CarrierWebhookTest {

  static final String SECRET = "whsec_test";
  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  static final String BODY = "{\"reference\":\"acme/shp-1\",\"trackingNumber\":\"PA1\",\"status\":\"in_transit\","
      + "\"location\":\"Springfield hub\"}";

  static String header(long timestamp, String body) {
    return "t=" + timestamp + ",v1=" + CarrierWebhook.sign(SECRET, timestamp, body);
  }

  @Test
  void aSignedReportIsReadWithItsTenantShipmentAndStatus() throws Exception {
    CarrierWebhook.Report report = new CarrierWebhook(SECRET).verify(header(NOW.getEpochSecond(), BODY), BODY, NOW);
    assertThat(report).isEqualTo(new CarrierWebhook.Report("acme", "shp-1", "PA1", "IN_TRANSIT", "Springfield hub"));
  }

  @Test
  void aTamperedBodyAStaleSignatureOrAnotherSecretIsRefused() {
    CarrierWebhook webhook = new CarrierWebhook(SECRET);
    String signed = header(NOW.getEpochSecond(), BODY);
    assertThatThrownBy(() -> webhook.verify(signed, BODY.replace("acme", "globex"), NOW))
        .isInstanceOf(CarrierWebhook.Refused.class).hasMessageContaining("does not match");
    assertThatThrownBy(() -> webhook.verify(signed, BODY, NOW.plusSeconds(301)))
        .isInstanceOf(CarrierWebhook.Refused.class).hasMessageContaining("too old");
    assertThatThrownBy(() -> new CarrierWebhook("other").verify(signed, BODY, NOW))
        .isInstanceOf(CarrierWebhook.Refused.class);
    assertThatThrownBy(() -> webhook.verify(null, BODY, NOW)).isInstanceOf(CarrierWebhook.Refused.class);
  }
}
