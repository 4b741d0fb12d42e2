package io.fusioncommerce.ingress.query;

import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;

/** The Kafka Streams instance running each bounded context's topology in this process, if any. */
public interface StreamsDirectory {

  Optional<KafkaStreams> streams(String context);

  /**
   * The source topics of the sub-topology that owns {@code store}: their partition number is the
   * store's partition number. Empty when unknown (then every assigned partition counts).
   */
  default Set<String> sourceTopics(String context, String store) {
    return Set.of();
  }
}
