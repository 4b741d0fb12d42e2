package io.fusioncommerce.topologies.returns;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.UUID;

/**
 * Return ids carry their order: {@code <orderId>.r<12 hex>}. The return lives in its order's ledger (keyed
 * by the order), so {@code GET /v1/returns/{id}} finds the key in the id itself, and the payment topology's
 * refund of a return (refund id = return id) is relayed back to the order's partition. Derived from the
 * request's command id, so a retried request (same Idempotency-Key) is the same return.
 */
public final class ReturnIds {

  private static final String SEPARATOR = ".r";
  /** Order ids are [A-Za-z0-9-]{1,64}; the dot cannot occur in one, so the split is unambiguous. */
  private static final Pattern RETURN_ID = Pattern.compile("([A-Za-z0-9-]{1,64})\\.r([0-9a-f]{12})");

  private ReturnIds() {}

  public static String forRequest(String orderId, String commandId) {
    String digest = UUID.nameUUIDFromBytes((orderId + "|" + commandId).getBytes(StandardCharsets.UTF_8)).toString();
    return orderId + SEPARATOR + digest.replace("-", "").substring(0, 12);
  }

  /** The order of a well-formed return id; empty for anything else (a plain refund id, a malformed path). */
  public static Optional<String> orderOf(String returnId) {
    Matcher matcher = RETURN_ID.matcher(returnId == null ? "" : returnId);
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }
}
