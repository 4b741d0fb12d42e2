package io.fusioncommerce.e2e.bench;

import io.fusioncommerce.topologies.support.StreamsSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The machine's raw ceiling for one exactly-once hop: a Kafka Streams pass-through (input topic to
 * output topic, exactly_once_v2, the platform's own streams settings) against the embedded broker of
 * a running launcher. Latency is measured from the producer's send to the moment a read_committed
 * consumer sees the record. Every platform figure is read against these.
 *
 * <p>Run: {@code e2e/run-benchmark passthrough [seconds]}
 */
public final class PassThroughBenchmark {

  public static void main(String[] args) throws Exception {
    int seconds = BenchLauncher.argument(args, 0, 20);
    try (BenchLauncher launcher = BenchLauncher.start("passthrough")) {
      String bootstrap = launcher.bootstrapServers();
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
        admin.createTopics(List.of(new NewTopic("bench.pass-in", 6, (short) 1), new NewTopic("bench.pass-out", 6, (short) 1)))
            .all().get();
      }
      StreamsBuilder builder = new StreamsBuilder();
      builder.stream("bench.pass-in", Consumed.with(Serdes.String(), Serdes.String()))
          .to("bench.pass-out", Produced.with(Serdes.String(), Serdes.String()));
      long commitInterval = Long.getLong("commitIntervalMs", 20);
      Properties props = new StreamsSettings(bootstrap, launcher.work().resolve("state"), "127.0.0.1:1", 1, commitInterval, 1, null)
          .forContext("bench-passthrough", "bench.dead-letter");
      try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
        streams.start();
        while (streams.state() != KafkaStreams.State.RUNNING) {
          Thread.sleep(100);
        }
        System.out.printf("exactly_once_v2 pass-through, commit.interval.ms=%d, 6 partitions%n", commitInterval);
        for (int rate : new int[] {1000, 5000}) {
          ConcurrentHistogram latency = run(bootstrap, rate, Duration.ofSeconds(seconds));
          System.out.printf("  %d records/s: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d records)%n", rate,
              latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
              latency.getMaxValue() / 1000.0, latency.getTotalCount());
        }
        long total = 200_000;
        long begin = System.nanoTime();
        ConcurrentHistogram blast = run(bootstrap, 0, Duration.ofSeconds(60), total);
        double secondsTaken = (System.nanoTime() - begin) / 1e9;
        System.out.printf("  as fast as possible: %d records in %.1f s = %.0f records/s end to end%n",
            blast.getTotalCount(), secondsTaken, blast.getTotalCount() / secondsTaken);
      }
    }
  }

  private static ConcurrentHistogram run(String bootstrap, int rate, Duration duration) throws Exception {
    return run(bootstrap, rate, duration, (long) rate * duration.toSeconds());
  }

  /** Sends {@code count} records at {@code rate} per second (0: as fast as possible) and waits for all of them. */
  private static ConcurrentHistogram run(String bootstrap, int rate, Duration limit, long count) throws Exception {
    ConcurrentHistogram latency = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(5), 3);
    AtomicLong seen = new AtomicLong();
    String group = "bench-reader-" + System.nanoTime();
    Thread reader = Thread.ofPlatform().start(() -> {
      try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, group,
          ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
          ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10), Serdes.String().deserializer(), Serdes.String().deserializer())) {
        consumer.subscribe(List.of("bench.pass-out"));
        consumer.poll(Duration.ofSeconds(2));
        long deadline = System.nanoTime() + limit.toNanos() + TimeUnit.SECONDS.toNanos(30);
        while (seen.get() < count && System.nanoTime() < deadline) {
          for (var record : consumer.poll(Duration.ofMillis(50))) {
            long sentNanos = Long.parseLong(record.value());
            latency.recordValue(Math.max(0, (System.nanoTime() - sentNanos) / 1000));
            seen.incrementAndGet();
          }
        }
      }
    });
    Thread.sleep(3000); // the reader joined its group
    try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, rate == 0 ? 5 : 0),
        Serdes.String().serializer(), Serdes.String().serializer())) {
      long interval = rate == 0 ? 0 : 1_000_000_000L / rate;
      long next = System.nanoTime();
      for (long i = 0; i < count; i++) {
        if (interval > 0) {
          long wait = next - System.nanoTime();
          if (wait > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(wait);
          }
          next += interval;
        }
        producer.send(new ProducerRecord<>("bench.pass-in", Long.toString(i), Long.toString(System.nanoTime())));
      }
    }
    reader.join();
    return latency;
  }
}
