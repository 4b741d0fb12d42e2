package io.fusioncommerce.ingress.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A fingerprint of a request body, so a retry under an Idempotency-Key can be told from a different request. */
public final class RequestHash {

  private static final ObjectMapper CANONICAL =
      io.fusioncommerce.ingress.http.Json.mapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private RequestHash() {}

  public static String of(Object request) {
    try {
      byte[] canonical = CANONICAL.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot fingerprint the request", e);
    }
  }
}
