package io.fusioncommerce.runtime.platform;

import io.fusioncommerce.ingress.health.HealthCheck;
import io.fusioncommerce.ingress.query.StreamsDirectory;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Lets the ingress start before the topologies: the topologies must advertise the ingress's port for
 * interactive queries, so they are created after it, and plugged in here.
 */
final class TopologyRunnerHolder implements StreamsDirectory {

  private volatile TopologyRunner runner;

  void set(TopologyRunner runner) {
    this.runner = runner;
  }

  @Override
  public Optional<KafkaStreams> streams(String context) {
    TopologyRunner current = runner;
    return current == null ? Optional.empty() : current.streams(context);
  }

  @Override
  public java.util.Set<String> sourceTopics(String context, String store) {
    TopologyRunner current = runner;
    return current == null ? java.util.Set.of() : current.sourceTopics(context, store);
  }

  /** The runner's readiness once it is plugged in; down while starting. */
  HealthCheck healthCheck() {
    return new NamedHealthCheck("topologies", () -> {
      TopologyRunner current = runner;
      return current == null ? HealthCheck.Status.down("starting") : current.healthCheck().check();
    });
  }
}
