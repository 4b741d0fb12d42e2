package io.fusioncommerce.ingress.query;

import io.fusioncommerce.ingress.http.ApiException;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serves a single-resource GET from a topology's key-value store: locally when this instance owns
 * the key (long-polling on {@code ?waitMs=} until its version moves), by forwarding to the owner
 * otherwise, and 503 with Retry-After while nobody can answer. Absent keys answer 404.
 */
public final class StoreReader {

  private final InteractiveQueries queries;
  private final QueryForwarder forwarder;
  private final LongPoll longPoll;

  public StoreReader(InteractiveQueries queries, QueryForwarder forwarder, LongPoll longPoll) {
    this.queries = queries;
    this.forwarder = forwarder;
    this.longPoll = longPoll;
  }

  /**
   * @param version the value's version, compared for long-polling
   * @param render what to answer for the value
   * @param notFound the 404 detail when the key has no value
   */
  public <K, V> void serve(Context ctx, String context, String store, K key, Serializer<K> keySerializer,
      ToLongFunction<V> version, Function<V, Object> render, String notFound) {
    ReadParameters read = ReadParameters.from(ctx);
    KeyLocation location = queries.locate(context, store, key, keySerializer);
    switch (location) {
      case KeyLocation.Local local -> {
        Optional<V> first = get(context, store, key, local.partition(), ctx);
        CompletableFuture<Optional<V>> answer =
            read.waitMs() == 0
                ? CompletableFuture.completedFuture(first)
                : longPoll.until(() -> get(context, store, key, local.partition(), ctx),
                    now -> read.isNewer(now.map(version::applyAsLong), first.map(version::applyAsLong)),
                    read.waitDuration());
        ctx.future(() -> answer.thenAccept(value -> {
          V found = value.orElseThrow(() -> ApiException.notFound(notFound));
          ctx.header(QueryForwarder.SERVED_BY_HEADER, queries.self().host() + ":" + queries.self().port());
          ctx.json(render.apply(found));
        }));
      }
      case KeyLocation.Remote remote -> ctx.future(() -> forwarder.forward(ctx, remote, read.forwardTimeout()));
      case KeyLocation.Unavailable unavailable -> {
        ctx.header("Retry-After", "1");
        throw ApiException.unavailable(unavailable.reason());
      }
    }
  }

  /** The key's value from this instance's copy, for handlers that need the state itself (e.g. to check a transition). */
  public <K, V> Optional<V> get(String context, String store, K key, int partition, Context ctx) {
    return queries.get(context, store, key, partition, QueryForwarder.allowsStale(ctx));
  }

  public InteractiveQueries queries() {
    return queries;
  }
}
