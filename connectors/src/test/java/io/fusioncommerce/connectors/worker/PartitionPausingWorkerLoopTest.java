package io.fusioncommerce.connectors.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.failsafe.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The worker loop with Kafka's mock clients: what it commits, aborts and pauses. The same loop against
 * a real broker is in the runtime module's WorkerFailuresIT.
 */
class PartitionPausingWorkerLoopTest {

  private static final String TOPIC = "requests";
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

  private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
  private final MockProducer<String, String> producer =
      new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
  private final List<String> handled = new CopyOnWriteArrayList<>();

  /** The topic's records: the mock consumer forgets what it returned, a log does not (a rewind reads again). */
  private final Map<TopicPartition, List<ConsumerRecord<String, String>>> log =
      Map.of(P0, new CopyOnWriteArrayList<>(), P1, new CopyOnWriteArrayList<>());

  private PartitionPausingWorkerLoop<String, String, String, String> loop(
      PartitionPausingWorkerLoop.RequestHandler<String, String, String, String> handler, RetryPolicy<Object> retries) {
    return loop("test-worker", handler, retries);
  }

  private PartitionPausingWorkerLoop<String, String, String, String> loop(String name,
      PartitionPausingWorkerLoop.RequestHandler<String, String, String, String> handler, RetryPolicy<Object> retries) {
    consumer.schedulePollTask(() -> {
      consumer.rebalance(List.of(P0, P1));
      consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
      consumer.schedulePollTask(this::serveLog);
    });
    return new PartitionPausingWorkerLoop<>(name, TOPIC, consumer, () -> producer, handler, retries,
        Clock.systemUTC());
  }

  /** Before every poll: what an unpaused partition has from its position on, as a broker would serve it. */
  private void serveLog() {
    for (TopicPartition partition : List.of(P0, P1)) {
      if (!consumer.paused().contains(partition)) {
        long position = consumer.position(partition);
        log.get(partition).stream().filter(r -> r.offset() >= position).forEach(consumer::addRecord);
      }
    }
    consumer.schedulePollTask(this::serveLog);
  }

  private void request(TopicPartition partition, long offset, String value) {
    log.get(partition).add(new ConsumerRecord<>(TOPIC, partition.partition(), offset, "k", value));
  }

  private static RequestOutcome<String, String> answer(ConsumerRecord<String, String> request) {
    return RequestOutcome.answered(List.of(new ProducerRecord<>("answers", request.key(), "answer-" + request.value())));
  }

  private long committed(TopicPartition partition) {
    return producer.consumerGroupOffsetsHistory().stream().flatMap(m -> m.values().stream())
        .map(offsets -> offsets.get(partition)).filter(o -> o != null).mapToLong(OffsetAndMetadata::offset)
        .max().orElse(0);
  }

  @Test
  void answersAndOffsetsCommitTogetherAndAFailedCommitIsAbortedAndMadeAgain() {
    request(P0, 0, "a");
    request(P0, 1, "b");
    producer.commitTransactionException = new KafkaException("the broker refused an answer");
    try (var worker = loop(new PartitionPausingWorkerLoop.RequestHandler<>() {
      @Override
      public RequestOutcome<String, String> handle(ConsumerRecord<String, String> request) {
        handled.add(request.value());
        if (handled.size() == 3) {
          producer.commitTransactionException = null; // the broker takes answers again after the first batch
        }
        return answer(request);
      }

      @Override
      public List<ProducerRecord<String, String>> givenUp(ConsumerRecord<String, String> request, Throwable lastFailure) {
        throw new AssertionError("nothing is given up here");
      }
    }, RetryPolicy.ofDefaults()).start()) {
      await().atMost(Duration.ofSeconds(20)).until(() -> committed(P0) == 2);
    }
    assertThat(handled).as("the first batch failed to commit and was made again").containsExactly("a", "b", "a", "b");
    assertThat(producer.history()).as("only committed answers count, once each")
        .extracting(ProducerRecord::value).containsExactly("answer-a", "answer-b");
  }

  @Test
  void aRequestToRetryPausesOnlyItsPartitionAndThePollGoesOn() {
    request(P0, 0, "slow");
    request(P0, 1, "after-slow");
    request(P1, 0, "other");
    AtomicInteger failuresLeft = new AtomicInteger(3);
    List<Set<TopicPartition>> pausedWhileRetrying = new CopyOnWriteArrayList<>();
    try (var worker = loop(new PartitionPausingWorkerLoop.RequestHandler<>() {
      @Override
      public RequestOutcome<String, String> handle(ConsumerRecord<String, String> request) {
        handled.add(request.value());
        if (request.value().equals("slow") && failuresLeft.getAndDecrement() > 0) {
          return RequestOutcome.retryLater(new IllegalStateException("outside system down"));
        }
        if (request.value().equals("slow")) {
          pausedWhileRetrying.add(Set.copyOf(consumer.paused()));
        }
        return answer(request);
      }

      @Override
      public List<ProducerRecord<String, String>> givenUp(ConsumerRecord<String, String> request, Throwable lastFailure) {
        throw new AssertionError("within the budget");
      }
    }, RetryPolicy.builder().withDelay(Duration.ofMillis(100)).withMaxRetries(5).build()).start()) {
      await().atMost(Duration.ofSeconds(20)).until(() -> committed(P0) == 2 && committed(P1) == 1);
    }
    assertThat(handled.stream().filter("slow"::equals)).as("three failures, then the answer").hasSize(4);
    assertThat(handled.indexOf("other")).as("the other partition did not wait").isLessThan(handled.lastIndexOf("slow"));
    assertThat(handled.indexOf("after-slow")).as("its own partition kept its order").isGreaterThan(handled.lastIndexOf("slow"));
    assertThat(pausedWhileRetrying).as("resumed when due").containsOnly(Set.of());
    assertThat(producer.history()).extracting(ProducerRecord::value)
        .containsExactlyInAnyOrder("answer-slow", "answer-after-slow", "answer-other");
  }

  @Test
  void aRequestPastItsRetryBudgetIsAnsweredByGivenUpAndThePartitionGoesOn() {
    request(P0, 0, "doomed");
    request(P0, 1, "next");
    try (var worker = loop(new PartitionPausingWorkerLoop.RequestHandler<>() {
      @Override
      public RequestOutcome<String, String> handle(ConsumerRecord<String, String> request) {
        handled.add(request.value());
        if (request.value().equals("doomed")) {
          throw new IllegalStateException("a bug, every time");
        }
        return answer(request);
      }

      @Override
      public List<ProducerRecord<String, String>> givenUp(ConsumerRecord<String, String> request, Throwable lastFailure) {
        return List.of(new ProducerRecord<>("answers", request.key(), "failed-" + request.value() + ": "
            + lastFailure.getMessage()));
      }
    }, RetryPolicy.builder().withDelay(Duration.ofMillis(50)).withMaxRetries(2).build()).start()) {
      await().atMost(Duration.ofSeconds(20)).until(() -> committed(P0) == 2);
    }
    assertThat(handled).containsExactly("doomed", "doomed", "doomed", "next");
    assertThat(producer.history()).extracting(ProducerRecord::value)
        .containsExactly("failed-doomed: a bug, every time", "answer-next");
  }

  /** The counters the workers dashboard and the give-up alert read: fusion_worker_requests_total{worker, outcome}. */
  @Test
  void everyOutcomeIsCountedOnTheGlobalRegistryByWorkerName() {
    SimpleMeterRegistry scraped = new SimpleMeterRegistry();
    Metrics.addRegistry(scraped);
    try {
      request(P0, 0, "doomed");
      request(P0, 1, "next");
      try (var worker = loop("counted-worker", new PartitionPausingWorkerLoop.RequestHandler<>() {
        @Override
        public RequestOutcome<String, String> handle(ConsumerRecord<String, String> request) {
          if (request.value().equals("doomed")) {
            return RequestOutcome.retryLater(new IllegalStateException("outside system down"));
          }
          return answer(request);
        }

        @Override
        public List<ProducerRecord<String, String>> givenUp(ConsumerRecord<String, String> request,
            Throwable lastFailure) {
          return List.of(new ProducerRecord<>("answers", request.key(), "failed-" + request.value()));
        }
      }, RetryPolicy.builder().withDelay(Duration.ofMillis(50)).withMaxRetries(2).build()).start()) {
        await().atMost(Duration.ofSeconds(20)).until(() -> committed(P0) == 2);
      }
      assertThat(count(scraped, "counted-worker", "retried")).as("two attempts held back").isEqualTo(2);
      assertThat(count(scraped, "counted-worker", "given_up")).as("then given up, once").isEqualTo(1);
      assertThat(count(scraped, "counted-worker", "answered")).as("the next request").isEqualTo(1);
    } finally {
      Metrics.removeRegistry(scraped);
    }
  }

  private static double count(SimpleMeterRegistry registry, String worker, String outcome) {
    var counter = registry.find("fusion.worker.requests").tag("worker", worker).tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }
}
