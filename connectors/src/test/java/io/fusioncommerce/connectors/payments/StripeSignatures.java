package io.fusioncommerce.connectors.payments;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs a webhook payload the way Stripe does: {@code t=<seconds>,v1=<hex HMAC-SHA256 of "t.payload">}. */
final class StripeSignatures {

  private StripeSignatures() {}

  static String header(String payload, String secret, long epochSeconds) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] signature = mac.doFinal((epochSeconds + "." + payload).getBytes(StandardCharsets.UTF_8));
      return "t=" + epochSeconds + ",v1=" + HexFormat.of().formatHex(signature);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String intentEvent(String eventId, String type, String status, String failureCode) {
    String error = failureCode == null ? "null"
        : "{\"type\":\"card_error\",\"code\":\"" + failureCode + "\",\"message\":\"Your card was declined.\"}";
    return """
        {"id":"%s","object":"event","api_version":"2026-07-29.dahlia","created":1764000000,"livemode":false,
         "type":"%s","data":{"object":{"id":"pi_123","object":"payment_intent","amount":1500,"currency":"jpy",
         "status":"%s","last_payment_error":%s,
         "metadata":{"tenant_id":"acme","payment_id":"pay-o1","order_id":"o1"}}}}""".formatted(eventId, type, status, error);
  }
}
