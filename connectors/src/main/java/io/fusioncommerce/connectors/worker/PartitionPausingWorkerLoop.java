package io.fusioncommerce.connectors.worker;

import dev.failsafe.Execution;
import dev.failsafe.RetryPolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop of an integration worker that answers requests from one topic with records on another,
 * shared by the payment and the label worker.
 *
 * <ul>
 *   <li><b>Answers and offsets commit together.</b> Each poll's answers are written in one Kafka
 *       transaction together with the offsets of the requests they answer
 *       ({@code sendOffsetsToTransaction} with the consumer's group metadata). When any answer cannot
 *       be written (the broker refuses it, a send fails) the transaction is aborted, every partition is
 *       rewound to its committed offset and the requests are made again: no offset is ever committed
 *       past a request whose answer is not on the broker, and a read_committed reader sees each answer
 *       once. The outside call is made again; it is idempotent by the request's key.</li>
 *   <li><b>Waiting never blocks the poll.</b> A request whose outside system is down
 *       ({@link RequestOutcome.RetryLater}) pauses its partition, which is rewound to that request and
 *       resumed after the next delay of the retry policy (Failsafe's backoff schedule), while the loop
 *       keeps polling so the member stays in its group however long the outage lasts. Other
 *       partitions go on. When the policy gives up, {@link RequestHandler#givenUp} answers for good.</li>
 *   <li><b>Nothing ends the thread but {@link #close()}.</b> A fenced producer is replaced; any other
 *       failure aborts, rewinds and goes on after a pause.</li>
 * </ul>
 */
public final class PartitionPausingWorkerLoop<K, V, AK, AV> implements AutoCloseable {

  /** What a worker does with one request. */
  public interface RequestHandler<K, V, AK, AV> {

    /** The answers, or {@link RequestOutcome.RetryLater}; an unexpected exception counts as the latter. */
    RequestOutcome<AK, AV> handle(ConsumerRecord<K, V> request);

    /** The retry policy gave up on the request after {@code lastFailure}: the answers to write instead. */
    List<ProducerRecord<AK, AV>> givenUp(ConsumerRecord<K, V> request, Throwable lastFailure);
  }

  private static final Logger LOG = LoggerFactory.getLogger(PartitionPausingWorkerLoop.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  private static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(1);

  /** A partition held back at {@code offset} until {@code resumeAt}; the execution counts the attempts. */
  private record HeldBack(long offset, Execution<Object> attempts, Instant resumeAt) {}

  private final String name;
  /** fusion_worker_requests_total{worker, outcome}: answered, retried (an attempt held back), given_up. */
  private final Counter answeredCount;
  private final Counter retriedCount;
  private final Counter givenUpCount;
  private final List<String> topics;
  private final Consumer<K, V> consumer;
  private final Supplier<Producer<AK, AV>> producers;
  private final RequestHandler<K, V, AK, AV> handler;
  private final RetryPolicy<Object> retryPolicy;
  private final Clock clock;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Map<TopicPartition, HeldBack> heldBack = new HashMap<>();
  private final Thread thread;
  private Producer<AK, AV> producer;

  /**
   * @param consumer  read_committed, without auto commit; owned (closed) by this loop from now on
   * @param producers makes a transactional producer with a transactional.id stable for this instance
   *                  (called again when the producer was fenced); the loop initialises its transactions
   */
  public PartitionPausingWorkerLoop(String name, String topic, Consumer<K, V> consumer,
      Supplier<Producer<AK, AV>> producers, RequestHandler<K, V, AK, AV> handler, RetryPolicy<Object> retryPolicy,
      Clock clock) {
    this(name, List.of(topic), consumer, producers, handler, retryPolicy, clock);
  }

  /** A loop over the requests of several topics (the notification worker's events). */
  public PartitionPausingWorkerLoop(String name, List<String> topics, Consumer<K, V> consumer,
      Supplier<Producer<AK, AV>> producers, RequestHandler<K, V, AK, AV> handler, RetryPolicy<Object> retryPolicy,
      Clock clock) {
    this.name = name;
    this.topics = List.copyOf(topics);
    this.consumer = consumer;
    this.producers = producers;
    this.handler = handler;
    this.retryPolicy = retryPolicy;
    this.clock = clock;
    this.thread = Thread.ofPlatform().name(name).daemon().unstarted(this::run);
    // on Micrometer's global registry, which the platform node's /metrics registry joins
    this.answeredCount = requests(name, "answered");
    this.retriedCount = requests(name, "retried");
    this.givenUpCount = requests(name, "given_up");
  }

  private static Counter requests(String worker, String outcome) {
    return Counter.builder("fusion.worker.requests")
        .description("Requests to outside systems handled by an integration worker, by outcome")
        .tag("worker", worker).tag("outcome", outcome)
        .register(Metrics.globalRegistry);
  }

  public PartitionPausingWorkerLoop<K, V, AK, AV> start() {
    thread.start();
    return this;
  }

  private void run() {
    try {
      consumer.subscribe(topics, new ForgetHeldBack());
      while (running.get()) {
        if (producer == null) {
          startProducer(); // the broker may not be reachable yet: keep trying, never give up the thread
        } else {
          iterate();
        }
      }
    } finally {
      closeQuietly(consumer::close);
      if (producer != null) {
        closeQuietly(() -> producer.close(Duration.ofSeconds(5)));
      }
    }
  }

  private void iterate() {
    try {
      resumeDuePartitions();
      ConsumerRecords<K, V> records = consumer.poll(POLL_TIMEOUT);
      if (!records.isEmpty()) {
        answerInOneTransaction(records);
      }
    } catch (WakeupException e) {
      if (running.get()) {
        LOG.warn("{} woken up while running; going on", name);
      }
    } catch (RecordDeserializationException e) {
      // not a request this worker can read (written by something else): skip it, the rest must go on
      LOG.atError().addKeyValue("partition", e.topicPartition()).addKeyValue("offset", e.offset()).setCause(e)
          .log("{}: unreadable request skipped", name);
      consumer.seek(e.topicPartition(), e.offset() + 1);
    } catch (RuntimeException e) {
      if (running.get()) {
        LOG.error("{} iteration failed; its requests are made again", name, e);
        rewindToCommitted();
        sleep(PAUSE_AFTER_FAILURE);
      }
    }
  }

  /**
   * Handles the poll's requests first and only then writes their answers and offsets in one transaction,
   * so a transaction is open for as long as the writes take, not as long as the outside calls (the
   * broker aborts a transaction older than transaction.timeout.ms).
   */
  private void answerInOneTransaction(ConsumerRecords<K, V> records) {
    List<ProducerRecord<AK, AV>> answers = new ArrayList<>();
    Map<TopicPartition, OffsetAndMetadata> handled = new HashMap<>();
    for (TopicPartition partition : records.partitions()) {
      for (ConsumerRecord<K, V> record : records.records(partition)) {
        Optional<List<ProducerRecord<AK, AV>>> answered = running.get() ? answer(partition, record) : Optional.empty();
        if (answered.isEmpty()) {
          break; // held back (or closing): the rest of this partition waits behind it
        }
        answers.addAll(answered.get());
        handled.put(partition, new OffsetAndMetadata(record.offset() + 1));
      }
    }
    if (handled.isEmpty()) {
      return;
    }
    try {
      producer.beginTransaction();
      answers.forEach(producer::send);
      producer.sendOffsetsToTransaction(handled, consumer.groupMetadata());
      // throws when any answer of this transaction could not be written: nothing of it counts then
      producer.commitTransaction();
    } catch (ProducerFencedException | InvalidProducerEpochException | OutOfOrderSequenceException
        | AuthorizationException | UnsupportedVersionException e) {
      // fatal for this producer: a newer instance with our transactional.id took over, or the broker refuses us
      LOG.warn("{}: producer cannot go on ({}); replacing it and making the requests again", name, e.toString());
      dropProducer();
      rewindToCommitted();
    } catch (KafkaException e) {
      LOG.warn("{}: answers could not be committed ({}); aborting and making the requests again", name, e.toString());
      abortQuietly();
      rewindToCommitted();
    } catch (RuntimeException e) {
      abortQuietly();
      throw e;
    }
  }

  /** The request's answers; empty when it is held back (its partition rewound to it and paused). */
  private Optional<List<ProducerRecord<AK, AV>>> answer(TopicPartition partition, ConsumerRecord<K, V> record) {
    if (record.value() == null) {
      return Optional.of(List.of());
    }
    RequestOutcome<AK, AV> outcome;
    try {
      outcome = handler.handle(record);
    } catch (RuntimeException e) {
      LOG.atWarn().addKeyValue("partition", partition).addKeyValue("offset", record.offset()).setCause(e)
          .log("{}: unexpected failure handling a request; trying it again later", name);
      outcome = RequestOutcome.retryLater(e);
    }
    List<ProducerRecord<AK, AV>> answers = switch (outcome) {
      case RequestOutcome.Answered<AK, AV> answered -> {
        answeredCount.increment();
        yield answered.answers();
      }
      case RequestOutcome.RetryLater<AK, AV> later -> holdBackOrGiveUp(partition, record, later.cause());
    };
    if (answers == null) {
      return Optional.empty();
    }
    heldBack.computeIfPresent(partition, (p, held) -> held.offset() == record.offset() ? null : held);
    return Optional.of(answers);
  }

  /** Null when the request is held back; the final answers when the retry policy gave up on it. */
  private List<ProducerRecord<AK, AV>> holdBackOrGiveUp(TopicPartition partition, ConsumerRecord<K, V> record,
      Throwable cause) {
    HeldBack earlier = heldBack.get(partition);
    Execution<Object> attempts = earlier != null && earlier.offset() == record.offset()
        ? earlier.attempts() : Execution.of(retryPolicy);
    attempts.recordException(cause);
    if (attempts.isComplete()) {
      LOG.atWarn().addKeyValue("partition", partition).addKeyValue("offset", record.offset())
          .log("{}: giving up on a request after {} attempts: {}", name, attempts.getAttemptCount(), cause.toString());
      givenUpCount.increment();
      return handler.givenUp(record, cause);
    }
    retriedCount.increment();
    Duration delay = attempts.getDelay();
    LOG.atInfo().addKeyValue("partition", partition).addKeyValue("offset", record.offset())
        .log("{}: request attempt {} failed ({}); partition paused for {}", name, attempts.getAttemptCount(),
            cause.toString(), delay);
    heldBack.put(partition, new HeldBack(record.offset(), attempts, clock.instant().plus(delay)));
    consumer.seek(partition, record.offset());
    consumer.pause(List.of(partition));
    return null;
  }

  private void resumeDuePartitions() {
    Instant now = clock.instant();
    List<TopicPartition> due = heldBack.entrySet().stream()
        .filter(e -> !e.getValue().resumeAt().isAfter(now)).map(Map.Entry::getKey).toList();
    if (!due.isEmpty()) {
      consumer.resume(due.stream().filter(consumer.assignment()::contains).toList());
    }
  }

  private void rewindToCommitted() {
    CommittedOffsets.rewind(consumer, name);
  }

  private void startProducer() {
    try {
      producer = newProducer();
    } catch (RuntimeException e) {
      if (running.get()) {
        LOG.warn("{}: no transactional producer yet ({}); trying again", name, e.toString());
        sleep(PAUSE_AFTER_FAILURE);
      }
    }
  }

  private Producer<AK, AV> newProducer() {
    Producer<AK, AV> created = producers.get();
    try {
      created.initTransactions(); // aborts what an earlier incarnation with the same transactional.id left open
      return created;
    } catch (RuntimeException e) {
      closeQuietly(() -> created.close(Duration.ZERO));
      throw e;
    }
  }

  /** The loop makes a new producer before its next poll. */
  private void dropProducer() {
    Producer<AK, AV> dropped = producer;
    producer = null;
    closeQuietly(() -> dropped.close(Duration.ZERO));
  }

  private void abortQuietly() {
    try {
      producer.abortTransaction();
    } catch (RuntimeException e) {
      LOG.warn("{}: abort failed ({}); replacing the producer", name, e.toString());
      dropProducer();
    }
  }

  /** Partitions that leave this member take their retry state with them; their new owner starts over. */
  private final class ForgetHeldBack implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      partitions.forEach(heldBack::remove);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      partitions.forEach(heldBack::remove);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void closeQuietly(Runnable close) {
    try {
      close.run();
    } catch (RuntimeException e) {
      LOG.warn("{}: close failed: {}", name, e.toString());
    }
  }

  @Override
  public void close() {
    running.set(false);
    if (thread.getState() == Thread.State.NEW) {
      closeQuietly(consumer::close); // never started: nobody else closes it
      return;
    }
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
