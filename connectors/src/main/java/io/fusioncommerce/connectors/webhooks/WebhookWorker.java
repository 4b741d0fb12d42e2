package io.fusioncommerce.connectors.webhooks;

import io.fusioncommerce.schemas.registry.SchemaRegistryClient;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/**
 * The outbound webhook worker: the intake (event topics → the delivery queue in Postgres) and the
 * dispatcher (queue → receivers). Any number of instances may run: the intake shares partitions in one
 * consumer group, the dispatchers skip the rows another one holds.
 */
public final class WebhookWorker implements AutoCloseable {

  private final WebhookIntake intake;
  private final WebhookDispatcher dispatcher;

  public WebhookWorker(String bootstrapServers, SchemaRegistryClient registry, Jdbi jdbi, WebhookSettings settings,
      Clock clock) {
    WebhookStore store = new WebhookStore(jdbi);
    this.intake = new WebhookIntake(bootstrapServers, registry, store, clock);
    this.dispatcher = new WebhookDispatcher(store, settings, settings.targetPolicy(), clock);
  }

  public WebhookWorker start() {
    intake.start();
    dispatcher.start();
    return this;
  }

  @Override
  public void close() {
    intake.close();
    dispatcher.close();
  }
}
