package io.fusioncommerce.ingress.query;

import io.fusioncommerce.topologies.support.StoreChangeListener;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wakes long-polling reads when a topology in this process writes the key they wait on, so a read
 * with {@code ?waitMs=} answers within microseconds of the change instead of on its next check.
 */
public final class ChangeSignals implements StoreChangeListener {

  private record Watch(String store, Object key) {}

  private final ConcurrentHashMap<Watch, Set<Runnable>> watchers = new ConcurrentHashMap<>();

  /** Calls {@code onChange} (which must not block) whenever the key changes, until the returned handle is closed. */
  public AutoCloseable watch(String store, Object key, Runnable onChange) {
    Watch watch = new Watch(store, key);
    watchers.computeIfAbsent(watch, w -> ConcurrentHashMap.newKeySet()).add(onChange);
    return () -> watchers.computeIfPresent(watch, (w, set) -> {
      set.remove(onChange);
      return set.isEmpty() ? null : set;
    });
  }

  @Override
  public void changed(String store, Object key) {
    Set<Runnable> waiting = watchers.get(new Watch(store, key));
    if (waiting != null) {
      waiting.forEach(Runnable::run);
    }
  }
}
