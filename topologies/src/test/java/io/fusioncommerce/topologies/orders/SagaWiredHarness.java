package io.fusioncommerce.topologies.orders;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.orders.OrderCommand;
import io.fusioncommerce.schemas.orders.OrderStatusChanged;
import io.fusioncommerce.topologies.support.TestTopology;
import io.fusioncommerce.topologies.support.TopologyDefinition;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * One topology in its own TopologyTestDriver next to the order saga, with the two topics every such
 * topology shares with the saga relayed as on the broker: order status changes go in, order commands
 * come back. The payment, shipping and campaign harnesses add what only their topology needs.
 */
public abstract class SagaWiredHarness implements AutoCloseable {

  public final SagaHarness saga;
  /** The topology's test topics, by contract. */
  public final TestTopology topics;

  /** {@code topology} with its state under {@code stateDir/name}, the saga's under {@code stateDir/saga}. */
  protected SagaWiredHarness(Path stateDir, String name, TopologyDefinition topology) {
    saga = new SagaHarness(stateDir.resolve("saga"));
    topics = TestTopology.start(topology, stateDir.resolve(name), SagaHarness.T0);
  }

  /** Moves records between the topology, the saga and whatever the harness plays, until nothing moves. */
  public final void relay() {
    while (relayOnce()) {
      // each round may have produced records for another
    }
  }

  /** One round of moving records; true when any moved (so another round is needed). */
  protected abstract boolean relayOnce();

  protected final <K, V> KeyValueStore<K, V> store(String name) {
    return topics.driver().getKeyValueStore(name);
  }

  /** Pipes the saga's order status changes into the topology, each shown to {@code seen} first; how many. */
  protected final int forwardStatusChanges(Consumer<OrderStatusChanged> seen) {
    int forwarded = 0;
    for (TestRecord<OrderKey, OrderStatusChanged> r : saga.drainStatusChanges()) {
      seen.accept(r.value());
      topics.input(Topics.ORDER_STATUS_CHANGED).pipeInput(r.key(), r.value(), saga.now());
      forwarded++;
    }
    return forwarded;
  }

  /** Hands the order commands the topology wrote to the saga; how many. */
  protected final int forwardOrderCommands() {
    int forwarded = 0;
    for (TestRecord<OrderKey, OrderCommand> r : topics.output(Topics.ORDER_COMMANDS).readRecordsToList()) {
      saga.orderCommand(r.key(), r.value());
      forwarded++;
    }
    return forwarded;
  }

  @Override
  public void close() {
    topics.driver().close();
    saga.close();
  }
}
