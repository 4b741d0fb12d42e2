package io.fusioncommerce.ingress.query;

import java.util.List;
import org.apache.kafka.streams.state.HostInfo;

/** Where the state of one key lives right now. */
public sealed interface KeyLocation {

  /** This instance owns the key's partition. */
  record Local(int partition) implements KeyLocation {}

  /** Another instance owns it; standbys hold a possibly stale copy. */
  record Remote(HostInfo active, List<HostInfo> standbys) implements KeyLocation {}

  /** Nobody can answer now (starting up or rebalancing). */
  record Unavailable(String reason) implements KeyLocation {}
}
