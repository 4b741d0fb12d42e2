package io.fusioncommerce.connectors.shipping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A carrier's tracking webhook: {@code X-Carrier-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "t.body">} with the webhook secret, and a JSON body {@code {"reference":"<tenant>/<shipmentId>",
 * "trackingNumber","status":"in_transit|out_for_delivery|delivered","location"}}. A signature that does
 * not verify, or is older than the tolerance, is refused before the body is read.
 */
public final class CarrierWebhook {

  public static final String SIGNATURE_HEADER = "X-Carrier-Signature";
  public static final Duration TOLERANCE = Duration.ofMinutes(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A verified tracking report. */
  public record Report(String tenantId, String shipmentId, String trackingNumber, String status, String location) {}

  /** Why a webhook was refused. */
  public static final class Refused extends Exception {
    public Refused(String message) {
      super(message);
    }
  }

  private final String secret;

  public CarrierWebhook(String secret) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("a webhook secret is required");
    }
    this.secret = secret;
  }

  public Report verify(String signatureHeader, String body, Instant now) throws Refused {
    if (signatureHeader == null) {
      throw new Refused("no " + SIGNATURE_HEADER + " header");
    }
    Long timestamp = null;
    String signature = null;
    for (String part : signatureHeader.split(",")) {
      String[] pair = part.trim().split("=", 2);
      if (pair.length == 2 && pair[0].equals("t") && pair[1].matches("\\d{1,12}")) {
        timestamp = Long.parseLong(pair[1]);
      } else if (pair.length == 2 && pair[0].equals("v1")) {
        signature = pair[1];
      }
    }
    if (timestamp == null || signature == null) {
      throw new Refused("the signature header needs t= and v1=");
    }
    if (Duration.between(Instant.ofEpochSecond(timestamp), now).abs().compareTo(TOLERANCE) > 0) {
      throw new Refused("the signature is too old (or from the future)");
    }
    byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
      throw new Refused("the signature does not match the body");
    }
    return parse(body);
  }

  private static Report parse(String body) throws Refused {
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (IOException e) {
      throw new Refused("the body is not JSON");
    }
    String[] reference = json.path("reference").asText().split("/", 2);
    if (reference.length != 2 || reference[0].isEmpty() || reference[1].isEmpty()) {
      throw new Refused("the reference is not <tenant>/<shipmentId>");
    }
    String status = json.path("status").asText().toUpperCase(Locale.ROOT);
    return new Report(reference[0], reference[1], Optional.ofNullable(json.get("trackingNumber")).map(JsonNode::asText)
        .orElse(null), status, Optional.ofNullable(json.get("location")).map(JsonNode::asText).orElse(null));
  }

  /** The v1 signature of {@code body} at {@code timestamp}: hex HMAC-SHA256 of {@code "<timestamp>.<body>"}. */
  public static String sign(String secret, long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }
}
