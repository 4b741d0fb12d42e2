package io.fusioncommerce.ingress.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.catalog.store.IdempotencyStore;
import io.fusioncommerce.ingress.commands.CommandIds;
import io.fusioncommerce.ingress.commands.RequestHash;
import io.fusioncommerce.ingress.database.Database;
import io.fusioncommerce.ingress.http.ApiException;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * Synchronous writes to Postgres, in one tenant transaction, honouring {@code Idempotency-Key}: the
 * first answer is stored with the change it describes, a retry with the same key and body gets it
 * back (same status, same body) and changes nothing, a different body under the same key is refused.
 */
public record IdempotentWrites(Database database, ObjectMapper json) {

  /** What a write answers. */
  public record Answer(int status, Object body, String location) {}

  private record Stored(int status, JsonNode body, String location) {}

  public void run(Context ctx, Principal principal, String operation, Object request, Function<Handle, Answer> write) {
    String key = ctx.header(CommandIds.IDEMPOTENCY_HEADER);
    if (key != null && (key.isBlank() || key.length() > 255)) {
      throw ApiException.invalidField(CommandIds.IDEMPOTENCY_HEADER, "must be 1 to 255 characters");
    }
    Stored answer = database.inTenant(principal.tenantId(), handle -> {
      if (key == null) {
        return stored(write.apply(handle));
      }
      String scope = principal.subject() + "|" + operation;
      String hash = RequestHash.of(request);
      IdempotencyStore keys = new IdempotencyStore(handle);
      Optional<IdempotencyStore.Answer> earlier = keys.lockAndFind(principal.tenantId(), scope, key);
      if (earlier.isPresent()) {
        if (!earlier.get().requestHash().equals(hash)) {
          throw new ApiException(422, "idempotency-key-reused", "Idempotency-Key reused",
              "this Idempotency-Key was used for a different request", List.of());
        }
        return read(earlier.get().body());
      }
      Stored fresh = stored(write.apply(handle));
      keys.save(principal.tenantId(), scope, key, new IdempotencyStore.Answer(hash, fresh.status(), write(fresh)));
      return fresh;
    });
    if (answer.location() != null) {
      ctx.header("Location", answer.location());
    }
    ctx.status(answer.status()).json(answer.body());
  }

  private Stored stored(Answer answer) {
    return new Stored(answer.status(), json.valueToTree(answer.body()), answer.location());
  }

  private String write(Stored stored) {
    try {
      return json.writeValueAsString(stored);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Stored read(String stored) {
    try {
      return json.readValue(stored, Stored.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an idempotency record is unreadable", e);
    }
  }
}
