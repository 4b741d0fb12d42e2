package io.fusioncommerce.ingress.query;

import io.fusioncommerce.ingress.http.ApiException;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Runs a request where the key's state lives. {@link #serve} answers a single-resource GET from a
 * topology's key-value store: locally when this instance owns the key (long-polling on
 * {@code ?waitMs=} until its version moves), by forwarding to the owner otherwise, and 503 with
 * Retry-After while nobody can answer; absent keys answer 404. {@link #atOwner} runs any handler that
 * needs the current state (a cancel checks the order's status) on the owning instance.
 */
public record StoreReader(InteractiveQueries queries, QueryForwarder forwarder, LongPoll longPoll) {

  /** Reads of one key's state on the instance that owns it. */
  public interface Local {
    <V> Optional<V> get(String store);

    /** Another key of a store of the same topology that lives on the same partition (a campaign's participant). */
    <K2, V> Optional<V> get(String store, K2 otherKey);

    /**
     * Up to {@code limit} entries of a String-keyed store of the same partition whose keys start with
     * {@code prefix}, in key order, after {@code after} (exclusive) when given.
     */
    <V> java.util.List<org.apache.kafka.streams.KeyValue<String, V>> scan(String store, String prefix, String after,
        int limit);
  }

  /**
   * @param seen the value's version and status, compared for long-polling
   * @param render what to answer for the value (may throw ApiException, e.g. 404 for a caller who
   *     may not see it)
   * @param notFound the 404 detail when the key has no value
   */
  public <K, V> void serve(Context ctx, String context, String store, K key, Serializer<K> keySerializer,
      Function<V, ReadParameters.Seen> seen, Function<V, Object> render, String notFound) {
    atOwner(ctx, context, store, key, keySerializer, local -> {
      ReadParameters read = ReadParameters.from(ctx);
      Optional<V> first = local.get(store);
      CompletableFuture<Optional<V>> answer =
          read.waitMs() == 0
              ? CompletableFuture.completedFuture(first)
              : longPoll.until(() -> local.<V>get(store),
                  now -> read.isNewer(now.map(seen), first.map(seen)),
                  read.waitDuration(), store, key);
      ctx.future(() -> answer.thenAccept(value -> {
        V found = value.orElseThrow(() -> ApiException.notFound(notFound));
        ctx.json(render.apply(found));
      }));
    });
  }

  /**
   * Runs {@code handler} on the instance that owns {@code key} in {@code store}: here when it is this
   * one, else by forwarding the whole request there.
   */
  public <K> void atOwner(Context ctx, String context, String store, K key, Serializer<K> keySerializer,
      java.util.function.Consumer<Local> handler) {
    KeyLocation location = queries.locate(context, store, key, keySerializer);
    switch (location) {
      case KeyLocation.Local local -> {
        ctx.header(QueryForwarder.SERVED_BY_HEADER, queries.self().host() + ":" + queries.self().port());
        handler.accept(new Local() {
          @Override
          public <V> Optional<V> get(String name) {
            return queries.get(context, name, key, local.partition(), QueryForwarder.allowsStale(ctx));
          }

          @Override
          public <K2, V> Optional<V> get(String name, K2 otherKey) {
            return queries.get(context, name, otherKey, local.partition(), QueryForwarder.allowsStale(ctx));
          }

          @Override
          public <V> java.util.List<org.apache.kafka.streams.KeyValue<String, V>> scan(String name, String prefix,
              String after, int limit) {
            return queries.scan(context, name, local.partition(), prefix, after, limit, QueryForwarder.allowsStale(ctx));
          }
        });
      }
      case KeyLocation.Remote remote -> {
        ReadParameters read = ReadParameters.from(ctx);
        ctx.future(() -> forwarder.forward(ctx, remote, read.forwardTimeout()));
      }
      case KeyLocation.Unavailable unavailable -> {
        ctx.header("Retry-After", "1");
        throw ApiException.unavailable(unavailable.reason());
      }
    }
  }
}
