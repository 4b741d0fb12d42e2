package io.fusioncommerce.topologies.support;

import io.fusioncommerce.schemas.serde.AvroSerdes;
import java.util.List;
import org.apache.kafka.streams.Topology;

/**
 * A bounded context's topology wired with the {@link Wiring} kit: a subclass names its context and
 * queryable stores once, in its constructor, and says in {@link #wire} what it reads, keeps and writes.
 */
public abstract class WiredTopology implements TopologyDefinition {

  private final String context;
  private final List<String> queryableStores;

  protected WiredTopology(String context, String... queryableStores) {
    this.context = context;
    this.queryableStores = List.of(queryableStores);
  }

  /** Wires the topology; {@code changes} is told about writes to the queryable stores. */
  protected abstract void wire(Wiring wiring, StoreChangeListener changes);

  @Override
  public final String context() {
    return context;
  }

  @Override
  public final List<String> queryableStores() {
    return queryableStores;
  }

  @Override
  public final Topology build(AvroSerdes serdes) {
    return build(serdes, StoreChangeListener.NONE);
  }

  @Override
  public final Topology build(AvroSerdes serdes, StoreChangeListener changes) {
    Wiring wiring = new Wiring(serdes);
    wire(wiring, changes);
    return wiring.topology();
  }
}
