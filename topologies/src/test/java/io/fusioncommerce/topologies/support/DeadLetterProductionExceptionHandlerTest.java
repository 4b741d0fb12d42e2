package io.fusioncommerce.topologies.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import io.fusioncommerce.schemas.registry.SchemaRegistryException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeadLetterProductionExceptionHandlerTest {

  private static final byte[] SOURCE_KEY = "source-key".getBytes(StandardCharsets.UTF_8);
  private static final byte[] SOURCE_VALUE = "source-value".getBytes(StandardCharsets.UTF_8);

  /** What Kafka Streams hands the handler about the input record being processed. */
  private record Context(String topic, int partition, long offset, Headers headers, String processorNodeId,
      TaskId taskId, long timestamp, byte[] sourceRawKey, byte[] sourceRawValue) implements ErrorHandlerContext {}

  private static final Context CONTEXT = new Context("order.commands", 2, 41L, new RecordHeaders(), "history-sink",
      new TaskId(0, 2), 1_000L, SOURCE_KEY, SOURCE_VALUE);

  private static DeadLetterProductionExceptionHandler handler() {
    DeadLetterProductionExceptionHandler handler = new DeadLetterProductionExceptionHandler();
    handler.configure(Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "platform.dead-letter"));
    return handler;
  }

  /**
   * Errors that repeat for the same record are deterministic; timeouts and leader changes are transient;
   * authorization is fatal.
   */
  static Stream<Arguments> errorKinds() {
    return Stream.of(
        Arguments.of(new RecordTooLargeException("too big"), DeadLetterProductionExceptionHandler.Kind.DETERMINISTIC),
        Arguments.of(new InvalidRecordException("bad timestamp"), DeadLetterProductionExceptionHandler.Kind.DETERMINISTIC),
        Arguments.of(new SerializationException("no schema"), DeadLetterProductionExceptionHandler.Kind.DETERMINISTIC),
        Arguments.of(new TimeoutException("broker slow"), DeadLetterProductionExceptionHandler.Kind.TRANSIENT),
        Arguments.of(new NotLeaderOrFollowerException("moved"), DeadLetterProductionExceptionHandler.Kind.TRANSIENT),
        Arguments.of(new AuthorizationException("denied"), DeadLetterProductionExceptionHandler.Kind.FATAL));
  }

  @ParameterizedTest
  @MethodSource("errorKinds")
  void eachErrorIsClassifiedByWhetherItWouldRepeat(Exception error, DeadLetterProductionExceptionHandler.Kind kind) {
    assertThat(DeadLetterProductionExceptionHandler.classify(error)).isEqualTo(kind);
  }

  @Test
  void aRecordTooLargeResumesAndGoesToTheDeadLetterTopicWithItsError() {
    ProducerRecord<byte[], byte[]> tooLarge =
        new ProducerRecord<>("order.history", "k".getBytes(StandardCharsets.UTF_8), new byte[2048]);

    ProductionExceptionHandler.Response response =
        handler().handleError(CONTEXT, tooLarge, new RecordTooLargeException("2048 bytes > 1024"));

    assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
    assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(dead -> {
      assertThat(dead.topic()).isEqualTo("platform.dead-letter");
      assertThat(dead.value()).hasSize(2048);
      assertThat(header(dead, ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_NAME))
          .isEqualTo(RecordTooLargeException.class.getName());
      assertThat(header(dead, ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME)).isEqualTo("2048 bytes > 1024");
      assertThat(header(dead, ExceptionHandlerUtils.HEADER_ERRORS_TOPIC_NAME)).isEqualTo("order.commands");
      assertThat(header(dead, ExceptionHandlerUtils.HEADER_ERRORS_OFFSET_NAME)).isEqualTo("41");
    });
  }

  @Test
  void aTimeoutIsRetriedAndNothingIsParked() {
    ProductionExceptionHandler.Response response = handler().handleError(CONTEXT,
        new ProducerRecord<>("order.history", new byte[1], new byte[1]), new TimeoutException("slow"));

    assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RETRY);
    assertThat(response.deadLetterQueueRecords()).isEmpty();
  }

  @Test
  void anAuthorizationErrorFails() {
    ProductionExceptionHandler.Response response = handler().handleError(CONTEXT,
        new ProducerRecord<>("order.history", new byte[1], new byte[1]), new AuthorizationException("denied"));

    assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);
  }

  @Test
  void aValueThatCannotBeSerializedParksTheInputRecordThatProducedIt() {
    ProductionExceptionHandler.Response response = handler().handleSerializationError(CONTEXT,
        new ProducerRecord<>("order.history", "key", new Object()), new SerializationException("no schema"),
        ProductionExceptionHandler.SerializationExceptionOrigin.VALUE);

    assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
    assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(dead -> {
      assertThat(dead.key()).isEqualTo(SOURCE_KEY);
      assertThat(dead.value()).isEqualTo(SOURCE_VALUE);
      assertThat(header(dead, ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_NAME))
          .isEqualTo(SerializationException.class.getName());
    });
  }

  @Test
  void aSchemaRegistryThatCannotBeReachedFailsInsteadOfParkingTheRecord() {
    ProductionExceptionHandler.Response response = handler().handleSerializationError(CONTEXT,
        new ProducerRecord<>("wallet.transactions", "key", new Object()),
        new SchemaRegistryException("registry unreachable", new java.io.IOException("connection refused")),
        ProductionExceptionHandler.SerializationExceptionOrigin.VALUE);

    assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);
    assertThat(response.deadLetterQueueRecords()).isEmpty();
  }

  private static String header(ProducerRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
