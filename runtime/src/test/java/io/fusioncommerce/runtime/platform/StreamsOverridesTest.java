package io.fusioncommerce.runtime.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsOverridesTest {

  @Test
  void standbyReplicasComeFromTheEnvironment() {
    assertThat(PlatformNode.streamsOverrides(Map.of())).isEmpty();
    assertThat(PlatformNode.streamsOverrides(Map.of("FUSION_STANDBY_REPLICAS", " 1 ")))
        .containsExactly(Map.entry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1));
  }

  @Test
  void aStandbyCountThatIsNotAWholeNumberStopsTheStart() {
    assertThatThrownBy(() -> PlatformNode.streamsOverrides(Map.of("FUSION_STANDBY_REPLICAS", "-1")))
        .hasMessageContaining("FUSION_STANDBY_REPLICAS");
    assertThatThrownBy(() -> PlatformNode.streamsOverrides(Map.of("FUSION_STANDBY_REPLICAS", "one")))
        .hasMessageContaining("FUSION_STANDBY_REPLICAS");
  }
}
