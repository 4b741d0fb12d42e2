package io.fusioncommerce.runtime.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.registry.InMemorySchemaRegistryClient;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import io.fusioncommerce.topologies.payments.PaymentTopology;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

class InternalTopicsTest {

  @Test
  void everyStoreOfASubTopologyGetsAChangelogWithItsInputsPartitionCount() {
    TopologyDescription payments =
        new PaymentTopology().build(new AvroSerdes(new InMemorySchemaRegistryClient())).describe();
    Map<String, Integer> partitions = new HashMap<>();
    InternalTopics.sourceTopics(payments).forEach(topic -> partitions.put(topic, 6));

    assertThat(InternalTopics.changelogs("fusion-payments", payments, partitions)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "fusion-payments-payments-changelog", 6,
        "fusion-payments-wallets-changelog", 6));
    assertThat(InternalTopics.sourceTopics(payments)).contains(Topics.WALLET_COMMANDS.name());
  }

  @Test
  void aSubTopologyWhoseInputsAreUnknownIsLeftToKafkaStreams() {
    TopologyDescription payments =
        new PaymentTopology().build(new AvroSerdes(new InMemorySchemaRegistryClient())).describe();

    assertThat(InternalTopics.changelogs("fusion-payments", payments, Map.of())).isEmpty();
  }

  @Test
  void aStreamThreadsStaticMemberIdIsTheConfiguredIdAndItsIndex() {
    assertThat(FailedThreadEviction.memberInstanceId("node-7-payments",
        "fusion-payments-8e29-4ca9-a755-f411d563a1c8-StreamThread-2")).isEqualTo("node-7-payments-2");
  }
}
