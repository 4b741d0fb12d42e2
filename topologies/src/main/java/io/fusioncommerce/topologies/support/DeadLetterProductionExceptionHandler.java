package io.fusioncommerce.topologies.support;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a topology does when it cannot write a record it produced.
 *
 * <p>An error that would happen again for the same record (too large for the topic, rejected as
 * invalid by the broker, a value the serializer cannot write) is deterministic: failing the thread
 * would only replay the same input after the thread is replaced and fail again, forever, stalling the
 * partition. Such a record goes to the dead-letter topic ({@code errors.dead.letter.queue.topic.name},
 * KIP-1034) with the error in its headers and processing resumes. A transient error (a timeout, a
 * broker without leader) is retried; anything else (authorization, a fenced producer) fails, as Kafka
 * Streams' default does.
 */
public final class DeadLetterProductionExceptionHandler implements ProductionExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionExceptionHandler.class);

  /** How an error is handled. */
  public enum Kind {
    /** Same record, same error: park it on the dead-letter topic and go on. */
    DETERMINISTIC,
    /** May succeed on a later attempt. */
    TRANSIENT,
    /** Neither: stop, so an operator looks. */
    FATAL
  }

  private String deadLetterTopic;

  @Override
  public void configure(Map<String, ?> configs) {
    Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
    this.deadLetterTopic = topic == null ? null : topic.toString();
  }

  /** The classification, public so it can be tested and documented on its own. */
  public static Kind classify(Exception error) {
    if (error instanceof RecordTooLargeException || error instanceof RecordBatchTooLargeException
        || error instanceof InvalidRecordException || error instanceof SerializationException) {
      return Kind.DETERMINISTIC;
    }
    if (error instanceof RetriableException) {
      return Kind.TRANSIENT;
    }
    return Kind.FATAL;
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception error) {
    return switch (classify(error)) {
      case DETERMINISTIC -> park(context, record.topic(), record.key(), record.value(), error);
      case TRANSIENT -> Response.retry();
      case FATAL -> Response.fail(deadLetters(context, record.key(), record.value(), error));
    };
  }

  /**
   * A record that cannot be serialized never had bytes of its own: the dead letter carries the input
   * record that produced it, so it can be replayed once the cause is fixed. A schema registry that
   * cannot be reached or refuses a schema is not the record's fault: the thread fails and the record
   * is tried again (Kafka Streams treats RETRY as FAIL here), nothing is parked.
   */
  @Override
  @SuppressWarnings("rawtypes")
  public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception error,
      SerializationExceptionOrigin origin) {
    return classify(error) == Kind.DETERMINISTIC
        ? park(context, record.topic(), context.sourceRawKey(), context.sourceRawValue(), error)
        : Response.fail();
  }

  private Response park(ErrorHandlerContext context, String topic, byte[] key, byte[] value, Exception error) {
    LOG.atWarn().addKeyValue("topic", topic).addKeyValue("sourceTopic", context.topic())
        .addKeyValue("sourcePartition", context.partition()).addKeyValue("sourceOffset", context.offset())
        .addKeyValue("deadLetterTopic", deadLetterTopic).addKeyValue("error", error.toString())
        .log("record cannot be written; parked on the dead-letter topic, processing continues");
    return Response.resume(deadLetters(context, key, value, error));
  }

  private List<ProducerRecord<byte[], byte[]>> deadLetters(ErrorHandlerContext context, byte[] key, byte[] value,
      Exception error) {
    return ExceptionHandlerUtils.maybeBuildDeadLetterQueueRecords(deadLetterTopic, key, value, context, error);
  }
}
