package io.fusioncommerce.runtime.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fusioncommerce.connectors.worker.WorkerClients;
import io.fusioncommerce.ingress.http.TestCertificates;
import io.fusioncommerce.schemas.kafka.KafkaClientSecurity;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker with an SSL listener whose certificate a CA made at test time signed; the clients are built by the
 * workers' code path with the security role mode reads from KAFKA_* settings. Run under flock /tmp/fusion-it.lock.
 */
class KafkaSslListenerTest {

  @TempDir Path dir;

  @AfterEach
  void plaintextAgain() {
    KafkaClientSecurity.install(KafkaClientSecurity.PLAINTEXT);
  }

  @Test
  void producesAndConsumesOverSsl() throws Exception {
    TestCertificates ca = TestCertificates.newAuthority("fusion kafka test CA");
    char[] password = "test-only".toCharArray();
    Path serverStore = store(dir.resolve("broker.p12"),
        TestCertificates.keyStore(ca.issue("broker"), password, ca.certificate()), password);
    Path trustStore = store(dir.resolve("trust.p12"), ca.trustStore(), password);
    Path otherTrust = store(dir.resolve("other-trust.p12"),
        TestCertificates.newAuthority("another CA").trustStore(), password);

    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 1,
        Optional.of(new EmbeddedKafka.SslListener(serverStore, new String(password))))) {
      String bootstrap = kafka.sslBootstrapServers().orElseThrow();
      KafkaClientSecurity.install(KafkaClientSecurity.fromEnvironment(Map.of(
          "KAFKA_SECURITY_PROTOCOL", "SSL",
          "KAFKA_SSL_TRUSTSTORE_LOCATION", trustStore.toString(),
          "KAFKA_SSL_TRUSTSTORE_PASSWORD", new String(password),
          "KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12")));

      try (Admin admin = Admin.create(KafkaClientSecurity.applyTo(
          Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap)))) {
        admin.createTopics(List.of(new NewTopic("tls-check", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
      }
      Map<String, Object> producerSettings = WorkerClients.transactionalProducer(bootstrap, "tls-test", "one");
      assertThat(producerSettings).containsEntry("security.protocol", "SSL");
      try (var producer = new KafkaProducer<>(producerSettings, new StringSerializer(), new StringSerializer())) {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("tls-check", "key", "over TLS"));
        producer.commitTransaction();
      }
      try (var consumer = new KafkaConsumer<>(WorkerClients.consumer(bootstrap, "tls-test", Map.of()),
          new StringDeserializer(), new StringDeserializer())) {
        consumer.subscribe(List.of("tls-check"));
        List<String> values = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (values.isEmpty() && System.nanoTime() < deadline) {
          for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
            values.add(record.value());
          }
        }
        assertThat(values).containsExactly("over TLS");
      }

      // a client that trusts another CA does not get through the handshake
      KafkaClientSecurity.install(KafkaClientSecurity.fromEnvironment(Map.of(
          "KAFKA_SECURITY_PROTOCOL", "SSL",
          "KAFKA_SSL_TRUSTSTORE_LOCATION", otherTrust.toString(),
          "KAFKA_SSL_TRUSTSTORE_PASSWORD", new String(password),
          "KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12")));
      try (Admin stranger = Admin.create(KafkaClientSecurity.applyTo(Map.<String, Object>of(
          AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
          AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
          AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000)))) {
        assertThatThrownBy(() -> stranger.describeCluster().nodes().get(10, TimeUnit.SECONDS))
            .hasStackTraceContaining("SSL");
      }
    }
  }

  private static Path store(Path file, KeyStore store, char[] password) throws Exception {
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password);
    }
    return file;
  }
}
