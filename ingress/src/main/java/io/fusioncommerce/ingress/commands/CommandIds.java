package io.fusioncommerce.ingress.commands;

import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.http.ApiException;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Command ids. With an {@code Idempotency-Key} the id is derived from tenant, caller, operation and
 * key, so a retried request produces the same command and the topology recognises the repeat.
 */
public final class CommandIds {

  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
  private static final int MAX_KEY_LENGTH = 255;

  private CommandIds() {}

  public static String forRequest(Context ctx, Principal principal, String operation) {
    String key = ctx.header(IDEMPOTENCY_HEADER);
    if (key == null) {
      return UUID.randomUUID().toString();
    }
    if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
      throw ApiException.invalidField(IDEMPOTENCY_HEADER, "must be 1 to " + MAX_KEY_LENGTH + " characters");
    }
    String scope = String.join("|", principal.tenantId(), principal.subject(), operation, key);
    return UUID.nameUUIDFromBytes(scope.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
