package io.fusioncommerce.topologies.support;

import io.fusioncommerce.schemas.serde.AvroSerdes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;

/**
 * What a running platform's state depends on, per topology, in a golden file's lines: which sub-topology
 * reads and writes which topics and holds which stores, and which global store each topic feeds.
 */
public final class TopologyNames {

  private TopologyNames() {}

  public static List<String> describe(TopologyDefinition definition, AvroSerdes serdes) {
    List<String> lines = new ArrayList<>();
    TopologyDescription description = definition.build(serdes).describe();
    String context = definition.context();
    for (TopologyDescription.Subtopology sub : description.subtopologies()) {
      var sources = new TreeSet<String>();
      var sinks = new TreeSet<String>();
      var stores = new TreeSet<String>();
      for (TopologyDescription.Node node : sub.nodes()) {
        switch (node) {
          case TopologyDescription.Source source -> sources.addAll(source.topicSet());
          case TopologyDescription.Sink sink -> sinks.add(sink.topic());
          case TopologyDescription.Processor processor -> stores.addAll(processor.stores());
          default -> { }
        }
      }
      lines.add(context + " sub-topology " + sub.id() + ": reads " + sources + ", writes " + sinks + ", stores "
          + stores);
    }
    var globals = new TreeSet<String>();
    for (TopologyDescription.GlobalStore global : description.globalStores()) {
      globals.add(context + " global store " + global.processor().stores() + " from " + global.source().topicSet());
    }
    lines.addAll(globals);
    lines.add(context + " queryable " + definition.queryableStores());
    return lines;
  }

  /** The golden file {@code name} beside {@code owner}, empty when there is none yet. */
  public static String golden(Class<?> owner, String name) throws IOException {
    try (InputStream in = owner.getResourceAsStream(name)) {
      return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
