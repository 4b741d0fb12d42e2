package io.fusioncommerce.ingress.query;

import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/** The Kafka Streams instance running each bounded context's topology in this process, if any. */
@FunctionalInterface
public interface StreamsDirectory {
  Optional<KafkaStreams> streams(String context);
}
