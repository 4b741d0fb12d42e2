package io.fusioncommerce.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientSecurityTest {

  @Test
  void passesTheSettingsThrough() {
    KafkaClientSecurity security = KafkaClientSecurity.fromEnvironment(Map.of(
        "KAFKA_SECURITY_PROTOCOL", "sasl_ssl",
        "KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/trust.p12",
        "KAFKA_SSL_TRUSTSTORE_PASSWORD", "secret",
        "KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12",
        "KAFKA_SSL_KEYSTORE_LOCATION", "/etc/kafka/client.p12",
        "KAFKA_SSL_KEYSTORE_PASSWORD", "secret2",
        "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
        "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required;"));
    assertThat(security.properties()).containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("ssl.truststore.location", "/etc/kafka/trust.p12")
        .containsEntry("ssl.truststore.password", "secret")
        .containsEntry("ssl.truststore.type", "PKCS12")
        .containsEntry("ssl.keystore.location", "/etc/kafka/client.p12")
        .containsEntry("ssl.keystore.password", "secret2")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsKey("sasl.jaas.config");
    assertThat(security.encrypted()).isTrue();
    assertThat(security.toString()).doesNotContain("secret");
  }

  @Test
  void plaintextByDefaultAndInconsistentSettingsRefused() {
    assertThat(KafkaClientSecurity.fromEnvironment(Map.of())).isEqualTo(KafkaClientSecurity.PLAINTEXT);
    assertThatThrownBy(() -> KafkaClientSecurity.fromEnvironment(Map.of("KAFKA_SECURITY_PROTOCOL", "TLS")))
        .hasMessageContaining("KAFKA_SECURITY_PROTOCOL");
    assertThatThrownBy(() -> KafkaClientSecurity.fromEnvironment(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")))
        .hasMessageContaining("KAFKA_SASL_JAAS_CONFIG");
    assertThatThrownBy(() -> KafkaClientSecurity.fromEnvironment(Map.of("KAFKA_SSL_TRUSTSTORE_LOCATION", "/x")))
        .hasMessageContaining("KAFKA_SECURITY_PROTOCOL");
  }

  @Test
  void everyClientMapGetsTheInstalledSecurity() {
    try {
      KafkaClientSecurity.install(KafkaClientSecurity.fromEnvironment(Map.of("KAFKA_SECURITY_PROTOCOL", "SSL")));
      assertThat(KafkaClientSecurity.applyTo(Map.<String, Object>of("bootstrap.servers", "k:9093")))
          .containsEntry("security.protocol", "SSL").containsEntry("bootstrap.servers", "k:9093");
    } finally {
      KafkaClientSecurity.install(KafkaClientSecurity.PLAINTEXT);
    }
  }
}
