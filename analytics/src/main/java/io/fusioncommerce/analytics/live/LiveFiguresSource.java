package io.fusioncommerce.analytics.live;

import java.util.Optional;

/**
 * The live figures of one tenant, read from the analytics topology's window stores. Empty when the
 * stores cannot be read right now (the topology is starting or rebalancing); never another tenant's.
 */
public interface LiveFiguresSource {

  Optional<LiveFigures> figures(String tenantId);
}
