package io.fusioncommerce.runtime.platform;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;

/**
 * What a platform or a node has started, to stop in the reverse order: a part started later may use the
 * ones before it. Parts may be added from the threads that start them in parallel. A part that does not
 * stop cleanly is logged, and the others are stopped still.
 */
final class StartedComponents implements AutoCloseable {

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final Logger log;

  /** @param log where each stop is reported: the owner's logger */
  StartedComponents(Logger log) {
    this.log = log;
  }

  /** Remembers {@code component} to stop it later, and returns it. */
  synchronized <T extends AutoCloseable> T add(T component) {
    started.push(component);
    return component;
  }

  /** Makes {@code component} the first to stop, if it was started. */
  synchronized void stopFirst(AutoCloseable component) {
    if (component != null && started.remove(component)) {
      started.push(component);
    }
  }

  @Override
  public synchronized void close() {
    while (!started.isEmpty()) {
      AutoCloseable component = started.pop();
      long begin = System.nanoTime();
      try {
        component.close();
        log.atInfo().addKeyValue("component", component.getClass().getSimpleName())
            .addKeyValue("ms", (System.nanoTime() - begin) / 1_000_000).log("stopped");
      } catch (Exception e) {
        log.warn("{} did not stop cleanly", component.getClass().getSimpleName(), e);
      }
    }
  }
}
