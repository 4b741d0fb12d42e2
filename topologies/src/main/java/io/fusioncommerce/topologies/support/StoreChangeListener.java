package io.fusioncommerce.topologies.support;

/**
 * Told when a processor wrote a key of a queryable store, so a long-polling read in the same process
 * answers at once instead of on its next check. A signal only: nothing depends on it for correctness,
 * and it never leaves the process.
 */
@FunctionalInterface
public interface StoreChangeListener {

  StoreChangeListener NONE = (store, key) -> { };

  void changed(String store, Object key);
}
