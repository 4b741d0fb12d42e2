package io.fusioncommerce.runtime.platform;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a failed stream thread's static member out of its consumer group once the thread is dead.
 *
 * <p>Why: when a stream thread fails, Kafka Streams replaces it and shuts the failed one down
 * <em>remaining in the group</em>. The replacement gets the next thread index, hence another
 * {@code group.instance.id} ({@code <instance>-<context>-<index>}), so it does not take the static
 * member's place. The rebalance its joining starts waits for the dead member until its session
 * times out ({@code session.timeout.ms}, 15 s here): every partition of that topology stalls, and a
 * command accepted with 202 meanwhile shows no effect for that long. Removing the member the moment
 * its thread is gone lets the rebalance complete at once. This is what Kafka Streams itself does for
 * a static member in {@code KafkaStreams#removeStreamThread}.
 */
final class FailedThreadEviction implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FailedThreadEviction.class);
  private static final String THREAD_MARKER = "-StreamThread-";
  private static final Duration THREAD_EXIT_WAIT = Duration.ofSeconds(30);

  private final Admin admin;
  private final ExecutorService evictions = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "failed-stream-thread-eviction");
    thread.setDaemon(true);
    return thread;
  });

  FailedThreadEviction(Admin admin) {
    this.admin = admin;
  }

  /**
   * The static member id of a stream thread, as Kafka Streams derives it: the configured
   * {@code group.instance.id} and the thread's index (the number its name ends with).
   */
  static String memberInstanceId(String configuredInstanceId, String threadName) {
    int at = threadName.lastIndexOf(THREAD_MARKER);
    if (at < 0) {
      throw new IllegalArgumentException("not a stream thread: " + threadName);
    }
    return configuredInstanceId + "-" + threadName.substring(at + THREAD_MARKER.length());
  }

  /** Called on the failing stream thread: evicts its member once it has shut down. */
  void evictWhenDead(String groupId, String configuredInstanceId, Thread failed) {
    if (configuredInstanceId == null) {
      return; // dynamic members: nothing to remove by name
    }
    String member = memberInstanceId(configuredInstanceId, failed.getName());
    evictions.execute(() -> {
      try {
        failed.join(THREAD_EXIT_WAIT.toMillis()); // its consumer is closed by then
        admin.removeMembersFromConsumerGroup(groupId,
            new RemoveMembersFromConsumerGroupOptions(List.of(new MemberToRemove(member)))).all()
            .get(30, TimeUnit.SECONDS);
        LOG.atInfo().addKeyValue("group", groupId).addKeyValue("member", member)
            .log("removed the failed stream thread's member so its partitions move at once");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        // Already gone (its session ended, or the group rebalanced without it): nothing to do.
        LOG.atInfo().addKeyValue("group", groupId).addKeyValue("member", member).addKeyValue("reason", e.toString())
            .log("failed stream thread's member was not removed");
      }
    });
  }

  @Override
  public void close() {
    evictions.shutdownNow();
  }
}
