package io.fusioncommerce.ingress.commands;

import io.fusioncommerce.ingress.ApiContext;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.query.KeyedStore;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;

/**
 * A POST that creates a resource by writing a command (placing an order, opening a campaign). The
 * resource's id is derived from the Idempotency-Key (see CommandIds), so a retry names the same
 * resource: with a key, the state is looked up where it lives, and a resource that exists already
 * answers the retry instead of a second command; the same key with another body is refused (422).
 * Without a key every POST creates.
 *
 * @param store where the created resource's state lives
 * @param exists whether a stored value is a created resource (an order's state exists before it is placed)
 * @param requestHash the hash of the body that created it (RequestHash)
 * @param resource what the 422 calls the resource ("order")
 */
public record IdempotentCreate<K extends SpecificRecord, V>(KeyedStore<K, V> store, Predicate<V> exists,
    Function<V, String> requestHash, String resource) {

  /**
   * @param hash the RequestHash of this request's body
   * @param repeat answers a retry from the resource that exists
   * @param create writes the command and answers
   */
  public void run(Context ctx, ApiContext api, K key, String hash, Consumer<V> repeat, Runnable create) {
    if (ctx.header(CommandIds.IDEMPOTENCY_HEADER) == null) {
      create.run();
      return;
    }
    // with an Idempotency-Key the resource may exist already: look where its state lives
    api.atOwner(ctx, store, key, local -> {
      Optional<V> existing = local.<V>get(store.name()).filter(exists);
      if (existing.isEmpty()) {
        create.run();
        return;
      }
      if (!requestHash.apply(existing.get()).equals(hash)) {
        throw new ApiException(422, "idempotency-key-reused", "Idempotency-Key reused",
            "this Idempotency-Key was used for a different " + resource, List.of());
      }
      repeat.accept(existing.get());
    });
  }
}
