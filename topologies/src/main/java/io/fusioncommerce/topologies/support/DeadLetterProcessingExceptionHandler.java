package io.fusioncommerce.topologies.support;

import io.fusioncommerce.schemas.registry.SchemaRegistryException;
import java.util.Map;
import org.apache.kafka.common.errors.RetriableException;
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
 * Streams' log-and-continue handler does. Some exceptions are not the record's, and continuing would
 * commit the input while its effect is missing (a wallet credit answered 202 and never applied):
 * <ul>
 *   <li>a {@link StreamsException}: how a failed write reaches the processor that forwarded the
 *       record (the production handler decided not to skip it);
 *   <li>a {@link SchemaRegistryException}: a state store or sink serializer could not register or
 *       look up its schema (the first write to each store registers its changelog's subject);
 *   <li>a {@link RetriableException} anywhere in the cause chain.
 * </ul>
 * These fail the thread; it is replaced and the record is processed again from the last commit.
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
    if (!isTheRecords(error)) {
      LOG.atWarn().addKeyValue("processor", context.processorNodeId()).addKeyValue("sourceTopic", context.topic())
          .addKeyValue("sourcePartition", context.partition()).addKeyValue("sourceOffset", context.offset())
          .addKeyValue("error", error.toString())
          .log("processing failed for a reason that is not the record's; the thread fails and the record is retried");
      return Response.fail();
    }
    LOG.atWarn().addKeyValue("processor", context.processorNodeId()).addKeyValue("sourceTopic", context.topic())
        .addKeyValue("sourcePartition", context.partition()).addKeyValue("sourceOffset", context.offset())
        .addKeyValue("deadLetterTopic", deadLetterTopic).addKeyValue("error", error.toString())
        .log("record could not be processed; parked on the dead-letter topic, processing continues");
    return Response.resume(ExceptionHandlerUtils.maybeBuildDeadLetterQueueRecords(deadLetterTopic,
        context.sourceRawKey(), context.sourceRawValue(), context, error));
  }

  /** False when the error comes from the infrastructure (a write, the registry) rather than the record. */
  public static boolean isTheRecords(Exception error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof StreamsException || cause instanceof SchemaRegistryException
          || cause instanceof RetriableException) {
        return false;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return true;
  }
}
