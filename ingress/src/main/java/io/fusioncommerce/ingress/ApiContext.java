package io.fusioncommerce.ingress;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fusioncommerce.ingress.commands.CommandPublisher;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.Bodies;
import io.fusioncommerce.ingress.query.KeyedStore;
import io.fusioncommerce.ingress.query.ReadParameters;
import io.fusioncommerce.ingress.query.StoreReader;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;

/**
 * What route handlers work with: request bodies, the command publisher, state-store reads (local or
 * forwarded to the owner), serdes and the clock.
 */
public record ApiContext(
    ObjectMapper json, Bodies bodies, CommandPublisher commands, StoreReader stores, AvroSerdes serdes, Clock clock) {

  /** Runs {@code handler} on the instance that owns {@code key} in {@code store} (see StoreReader#atOwner). */
  public <K extends SpecificRecord> void atOwner(Context ctx, KeyedStore<K, ?> store, K key,
      Consumer<StoreReader.Local> handler) {
    stores.atOwner(ctx, store.context(), store.name(), key, serdes.key(store.keyType()).serializer(), handler);
  }

  /**
   * Runs {@code handler} with the key's current value on the instance that owns it; an absent key is
   * refused with {@code notFound}.
   */
  public <K extends SpecificRecord, V> void withValue(Context ctx, KeyedStore<K, V> store, K key,
      Supplier<ApiException> notFound, BiConsumer<StoreReader.Local, V> handler) {
    atOwner(ctx, store, key, local -> handler.accept(local, local.<V>get(store.name()).orElseThrow(notFound)));
  }

  /** Answers a single-resource GET from the store (see StoreReader#serve). */
  public <K extends SpecificRecord, V> void serve(Context ctx, KeyedStore<K, V> store, K key,
      Function<V, ReadParameters.Seen> seen, Function<V, Object> render, String notFound) {
    stores.serve(ctx, store.context(), store.name(), key, serdes.key(store.keyType()).serializer(), seen, render,
        notFound);
  }
}
