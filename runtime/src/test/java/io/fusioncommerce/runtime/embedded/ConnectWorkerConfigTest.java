package io.fusioncommerce.runtime.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Connect's REST API has no authentication, so the worker's listener is loopback whatever else is set. */
class ConnectWorkerConfigTest {

  @Test
  void theRestListenerIsLoopbackAndOverridesCannotWidenIt() {
    Map<String, String> config = EmbeddedConnect.workerConfig("k:9092", EmbeddedConnect.LOOPBACK, 18083, Map.of(
        "listeners", "http://0.0.0.0:18083", "rest.host.name", "0.0.0.0", "admin.listeners", "http://0.0.0.0:9999"));
    assertThat(config.get("listeners")).isEqualTo("http://127.0.0.1:18083");
    assertThat(config).doesNotContainKeys("rest.host.name", "admin.listeners");
    assertThat(config.get("rest.advertised.host.name")).isEqualTo("127.0.0.1");
  }
}
