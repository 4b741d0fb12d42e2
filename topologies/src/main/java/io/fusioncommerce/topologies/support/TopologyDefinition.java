package io.fusioncommerce.topologies.support;

import io.fusioncommerce.schemas.serde.AvroSerdes;
import java.util.List;
import org.apache.kafka.streams.Topology;

/** One bounded context's stream processing: a pure function of its input topics. */
public interface TopologyDefinition {

  /** Short name of the bounded context, e.g. "inventory"; also the suffix of the application id. */
  String context();

  /** The state stores that answer interactive queries. */
  List<String> queryableStores();

  Topology build(AvroSerdes serdes);

  /** As {@link #build(AvroSerdes)}, telling {@code changes} about writes to queryable stores. */
  default Topology build(AvroSerdes serdes, StoreChangeListener changes) {
    return build(serdes);
  }
}
