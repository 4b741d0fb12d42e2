package io.fusioncommerce.runtime.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.kafka.KafkaClientSecurity;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Connect's REST API has no authentication, so the worker's listener is loopback whatever else is set. */
class ConnectWorkerConfigTest {

  @AfterEach
  void plaintextAgain() {
    KafkaClientSecurity.install(KafkaClientSecurity.PLAINTEXT);
  }

  @Test
  void theRestListenerIsLoopbackAndOverridesCannotWidenIt() {
    Map<String, String> config = EmbeddedConnect.workerConfig("k:9092", EmbeddedConnect.LOOPBACK, 18083, Map.of(
        "listeners", "http://0.0.0.0:18083", "rest.host.name", "0.0.0.0", "admin.listeners", "http://0.0.0.0:9999"));
    assertThat(config.get("listeners")).isEqualTo("http://127.0.0.1:18083");
    assertThat(config).doesNotContainKeys("rest.host.name", "admin.listeners");
    assertThat(config.get("rest.advertised.host.name")).isEqualTo("127.0.0.1");
  }

  /** The worker's own clients and the ones it makes for connector tasks all take the process's Kafka security. */
  @Test
  void everyClientOfTheWorkerGetsTheKafkaSecurity() {
    KafkaClientSecurity.install(KafkaClientSecurity.fromEnvironment(Map.of(
        "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
        "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
        "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
        "KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/fusion/kafka-trust.p12")));
    Map<String, String> config = EmbeddedConnect.workerConfig("k:9093", EmbeddedConnect.LOOPBACK, 18083, Map.of());
    for (String prefix : new String[] {"", "producer.", "consumer.", "admin."}) {
      assertThat(config).as(prefix.isEmpty() ? "the worker" : prefix + "*")
          .containsEntry(prefix + "security.protocol", "SASL_SSL")
          .containsEntry(prefix + "sasl.mechanism", "SCRAM-SHA-512")
          .containsEntry(prefix + "ssl.truststore.location", "/etc/fusion/kafka-trust.p12")
          .containsKey(prefix + "sasl.jaas.config");
    }
  }

  @Test
  void plaintextAddsNoSecuritySettings() {
    Map<String, String> config = EmbeddedConnect.workerConfig("k:9092", EmbeddedConnect.LOOPBACK, 18083, Map.of());
    assertThat(config.keySet()).noneMatch(name -> name.contains("security.protocol") || name.contains("sasl.")
        || name.contains("ssl.truststore"));
  }
}
