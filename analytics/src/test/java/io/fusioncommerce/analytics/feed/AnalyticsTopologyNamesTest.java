package io.fusioncommerce.analytics.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.registry.InMemorySchemaRegistryClient;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import io.fusioncommerce.topologies.support.TopologyNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Pins the analytics topology's stores and topics per sub-topology, as TopologyNamesTest does for the
 * platform's other topologies: a renamed store, or one moved to another sub-topology, would start empty.
 * Regenerate only for a deliberate change: {@code -Dgolden.update=$PWD/analytics/src/test/resources/io/fusioncommerce/analytics/feed/analytics-topology-names.golden}.
 */
class AnalyticsTopologyNamesTest {

  private static final String GOLDEN = "analytics-topology-names.golden";

  @Test
  void storesAndTopicsStayPut() throws IOException {
    String actual = String.join("\n", TopologyNames.describe(new AnalyticsTopology(),
        new AvroSerdes(new InMemorySchemaRegistryClient()))) + "\n";
    String update = System.getProperty("golden.update");
    if (update != null) {
      Files.writeString(Path.of(update), actual);
    }
    assertThat(actual).isEqualTo(TopologyNames.golden(AnalyticsTopologyNamesTest.class, GOLDEN));
  }
}
