package io.fusioncommerce.runtime.platform;

import io.fusioncommerce.schemas.kafka.KafkaClientSecurity;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import io.fusioncommerce.schemas.serde.SpecificAvroSerializer;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Producer settings of the ingress: durable (acks=all, idempotent) and low-latency (no linger). */
final class Producers {

  private Producers() {}

  static Producer<SpecificRecord, SpecificRecord> commandProducer(String bootstrapServers, AvroSerdes serdes) {
    Map<String, Object> config = KafkaClientSecurity.applyTo(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.CLIENT_ID_CONFIG, "fusion-ingress",
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 0,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000));
    return new KafkaProducer<>(config, new SpecificAvroSerializer<>(serdes.registry(), true),
        new SpecificAvroSerializer<>(serdes.registry(), false));
  }
}
