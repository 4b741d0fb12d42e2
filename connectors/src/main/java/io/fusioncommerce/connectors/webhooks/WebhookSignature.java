package io.fusioncommerce.connectors.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Fusion-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}
 * keyed with the subscription's secret. The timestamp is signed too, so a receiver that checks it
 * refuses a delivery replayed by someone who captured it (its own tolerance).
 */
public final class WebhookSignature {

  public static final String HEADER = "Fusion-Signature";
  public static final String EVENT_ID_HEADER = "Fusion-Event-Id";
  private static final String ALGORITHM = "HmacSHA256";
  private static final SecureRandom RANDOM = new SecureRandom();

  private WebhookSignature() {}

  /** A new subscription secret: 32 random bytes, hex, prefixed so it is recognisable in a vault. */
  public static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "whsec_" + HexFormat.of().formatHex(bytes);
  }

  /** The header value for {@code body} sent at {@code at}. */
  public static String header(String secret, Instant at, String body) {
    long t = at.getEpochSecond();
    return "t=" + t + ",v1=" + hmacHex(secret, t + "." + body);
  }

  /**
   * What a receiver does: true when {@code header} carries a v1 signature of {@code body} with
   * {@code secret} whose time is within {@code tolerance} of {@code now}.
   */
  public static boolean verify(String secret, String header, String body, Instant now, Duration tolerance) {
    if (header == null) {
      return false;
    }
    Long t = null;
    String v1 = null;
    for (String part : header.split(",")) {
      String[] kv = part.trim().split("=", 2);
      if (kv.length != 2) {
        continue;
      }
      if (kv[0].equals("t")) {
        try {
          t = Long.parseLong(kv[1]);
        } catch (NumberFormatException e) {
          return false;
        }
      } else if (kv[0].equals("v1")) {
        v1 = kv[1];
      }
    }
    if (t == null || v1 == null || Math.abs(now.getEpochSecond() - t) > tolerance.toSeconds()) {
      return false;
    }
    byte[] expected = hmacHex(secret, t + "." + body).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, v1.getBytes(StandardCharsets.US_ASCII));
  }

  private static String hmacHex(String secret, String message) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
    }
  }
}
