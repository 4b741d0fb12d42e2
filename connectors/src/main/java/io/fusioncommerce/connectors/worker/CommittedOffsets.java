package io.fusioncommerce.connectors.worker;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Puts a consumer back at its committed offsets, so what was read but not committed is read again. */
public final class CommittedOffsets {

  private static final Logger LOG = LoggerFactory.getLogger(CommittedOffsets.class);

  private CommittedOffsets() {}

  /**
   * Seeks every assigned partition to its committed offset (the beginning where none is). A failure is
   * logged, not thrown: the caller's next failure rewinds again, and until then nothing is committed past
   * the positions it holds.
   */
  public static void rewind(Consumer<?, ?> consumer, String name) {
    try {
      var assigned = consumer.assignment();
      Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
      for (TopicPartition partition : assigned) {
        OffsetAndMetadata offset = committed.get(partition);
        if (offset == null) {
          consumer.seekToBeginning(List.of(partition));
        } else {
          consumer.seek(partition, offset.offset());
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("{} could not rewind yet: {}", name, e.toString());
    }
  }
}
