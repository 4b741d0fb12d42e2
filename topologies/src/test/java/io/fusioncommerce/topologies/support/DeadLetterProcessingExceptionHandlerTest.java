package io.fusioncommerce.topologies.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.registry.SchemaRegistryException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class DeadLetterProcessingExceptionHandlerTest {

  private record Context(String topic, int partition, long offset, Headers headers, String processorNodeId,
      TaskId taskId, long timestamp, byte[] sourceRawKey, byte[] sourceRawValue) implements ErrorHandlerContext {}

  private static final Context CONTEXT = new Context("wallet.commands", 1, 7L, new RecordHeaders(), "wallet-processor",
      new TaskId(2, 1), 1_000L, "k".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8));
  private static final Record<String, String> RECORD = new Record<>("k", "v", 1_000L);

  private static ProcessingExceptionHandler.Response handle(Exception error) {
    DeadLetterProcessingExceptionHandler handler = new DeadLetterProcessingExceptionHandler();
    handler.configure(Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "platform.dead-letter"));
    return handler.handleError(CONTEXT, RECORD, error);
  }

  @Test
  void anInvalidCommandIsParkedAndProcessingContinues() {
    ProcessingExceptionHandler.Response response = handle(new InvalidCommandException("customer differs"));

    assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
    assertThat(response.deadLetterQueueRecords()).singleElement()
        .satisfies(dead -> assertThat(dead.topic()).isEqualTo("platform.dead-letter"));
  }

  @Test
  void aStoreWriteWhoseSchemaCannotBeRegisteredFailsTheThreadInsteadOfLosingTheCommand() {
    // what a store put throws when the registry cannot be reached while registering the changelog subject
    ProcessingExceptionHandler.Response response =
        handle(new SchemaRegistryException("registry unreachable", new java.io.IOException("timed out")));

    assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
    assertThat(response.deadLetterQueueRecords()).isEmpty();
  }

  @Test
  void aFailedWriteReachingTheProcessorOrATimeoutFailsTheThread() {
    assertThat(handle(new StreamsException("Unable to serialize record")).result())
        .isEqualTo(ProcessingExceptionHandler.Result.FAIL);
    assertThat(handle(new IllegalStateException("wrapped", new TimeoutException("slow"))).result())
        .isEqualTo(ProcessingExceptionHandler.Result.FAIL);
  }
}
