package io.fusioncommerce.topologies;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.registry.InMemorySchemaRegistryClient;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import io.fusioncommerce.topologies.campaigns.InviteCodes;
import io.fusioncommerce.topologies.support.TopologyDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * Pins what a running platform's state depends on: per topology, which sub-topology (so which task
 * ids and state directories) reads which topics, writes which topics and holds which stores, and
 * which global store each compacted topic feeds. Node names are free to change; these are not: a
 * renamed store or a store moved to another sub-topology would start empty after an upgrade.
 *
 * <p>Regenerate {@code topology-names.golden} only for a deliberate, migrated change:
 * {@code -Dgolden.update=topologies/src/test/resources/io/fusioncommerce/topologies/topology-names.golden}.
 */
class TopologyNamesTest {

  private static final String GOLDEN = "topology-names.golden";

  @Test
  void storesAndTopicsOfEveryTopologyStayPut() throws IOException {
    String actual = describeAll();
    String update = System.getProperty("golden.update");
    if (update != null) {
      Files.writeString(Path.of(update), actual);
    }
    assertThat(actual).isEqualTo(golden());
  }

  static String describeAll() {
    AvroSerdes serdes = new AvroSerdes(new InMemorySchemaRegistryClient());
    List<String> lines = new ArrayList<>();
    for (TopologyDefinition definition : PlatformTopologies.all(InviteCodes.withSecret("golden-file-secret-of-at-least-32-bytes"))) {
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
    }
    return String.join("\n", lines) + "\n";
  }

  private static String golden() throws IOException {
    try (InputStream in = TopologyNamesTest.class.getResourceAsStream(GOLDEN)) {
      return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
