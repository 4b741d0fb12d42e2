package io.fusioncommerce.connectors.worker;

import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What an integration worker made of one request: the answers to write (possibly none), or a failure
 * worth trying again later (an outside system that is down), which holds the request's partition back.
 */
public sealed interface RequestOutcome<K, V> {

  /** Handled: these answers are written in the same transaction as the request's offset. */
  record Answered<K, V>(List<ProducerRecord<K, V>> answers) implements RequestOutcome<K, V> {
    public Answered {
      answers = List.copyOf(answers);
    }
  }

  /** Not handled now: the partition pauses and the request is made again after a backoff. */
  record RetryLater<K, V>(Throwable cause) implements RequestOutcome<K, V> {}

  static <K, V> RequestOutcome<K, V> answered(List<ProducerRecord<K, V>> answers) {
    return new Answered<>(answers);
  }

  static <K, V> RequestOutcome<K, V> retryLater(Throwable cause) {
    return new RetryLater<>(cause);
  }
}
