package io.micrometer.core.instrument.binder.kafka;

import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Micrometer's Kafka binder over a {@link TopologyTestDriver}'s metrics: the same binder the platform's
 * {@link KafkaStreamsMetrics} extends, fed by the driver, whose tasks and state stores exist without a
 * broker. Lives in Micrometer's package because that constructor is package-private (test code only).
 */
public final class TopologyTestDriverMetrics {

  private TopologyTestDriverMetrics() {}

  public static MeterBinder of(TopologyTestDriver driver) {
    return new KafkaMetrics(driver::metrics);
  }
}
