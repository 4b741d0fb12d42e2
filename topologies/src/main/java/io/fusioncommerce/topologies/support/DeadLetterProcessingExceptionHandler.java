package io.fusioncommerce.topologies.support;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a topology does when a processor throws.
 *
 * <p>A processor's own exception (an invalid command, a bug that one record triggers) is the
 * record's: it goes to the dead-letter topic with its error and processing continues, as Kafka
 * Streams' log-and-continue handler does. A {@link StreamsException} is not the processor's: it is
 * how a failed write reaches the processor that forwarded the record (a value the production handler
 * decided not to skip, e.g. because the schema registry could not be reached). Continuing there would
 * drop the record's output silently while its input is committed; failing lets the thread be
 * replaced and the record be processed again from the last commit.
 */
public final class DeadLetterProcessingExceptionHandler implements ProcessingExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingExceptionHandler.class);

  private String deadLetterTopic;

  @Override
  public void configure(Map<String, ?> configs) {
    Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
    this.deadLetterTopic = topic == null ? null : topic.toString();
  }

  @Override
  public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception error) {
    if (error instanceof StreamsException) {
      return Response.fail();
    }
    LOG.atWarn().addKeyValue("processor", context.processorNodeId()).addKeyValue("sourceTopic", context.topic())
        .addKeyValue("sourcePartition", context.partition()).addKeyValue("sourceOffset", context.offset())
        .addKeyValue("deadLetterTopic", deadLetterTopic).addKeyValue("error", error.toString())
        .log("record could not be processed; parked on the dead-letter topic, processing continues");
    return Response.resume(ExceptionHandlerUtils.maybeBuildDeadLetterQueueRecords(deadLetterTopic,
        context.sourceRawKey(), context.sourceRawValue(), context, error));
  }
}
