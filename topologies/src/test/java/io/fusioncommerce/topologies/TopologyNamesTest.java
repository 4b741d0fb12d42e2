package io.fusioncommerce.topologies;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.registry.InMemorySchemaRegistryClient;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import io.fusioncommerce.topologies.campaigns.InviteCodes;
import io.fusioncommerce.topologies.support.TopologyDefinition;
import io.fusioncommerce.topologies.support.TopologyNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
      lines.addAll(TopologyNames.describe(definition, serdes));
    }
    return String.join("\n", lines) + "\n";
  }

  private static String golden() throws IOException {
    return TopologyNames.golden(TopologyNamesTest.class, GOLDEN);
  }
}
