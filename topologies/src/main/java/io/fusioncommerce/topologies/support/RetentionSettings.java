package io.fusioncommerce.topologies.support;

import java.time.Duration;

/**
 * How long state that no longer changes stays in the topologies' stores, and how much a retention
 * sweep may do at once. Events stay on their topics forever and the Postgres read models keep their
 * rows; only the live stores (and their changelogs) forget.
 *
 * @param closedPayments a payment cancelled or fully refunded, after its last change
 * @param capturedPayments a paid or partly refunded payment, after its last change: the window in
 *     which a refund can still be asked for through the platform
 * @param deliveredShipments a delivered shipment, after its last change
 * @param unfinishedShippingOrders an order the shipping topology remembers to split once paid, after
 *     it was created, if it never reached a final status (a backstop: final statuses delete it at once)
 * @param endedCampaigns a campaign that succeeded, expired or was rejected, after it ended (its end
 *     time or its last change, whichever is later), with its participants and invite codes
 * @param sweepInterval stream time between two sweeps of a store
 * @param sweepBudget entries a sweep may look at, and deletes it may make, per store and task
 */
public record RetentionSettings(Duration closedPayments, Duration capturedPayments, Duration deliveredShipments,
    Duration unfinishedShippingOrders, Duration endedCampaigns, Duration sweepInterval, int sweepBudget) {

  public static RetentionSettings defaults() {
    return new RetentionSettings(Duration.ofDays(30), Duration.ofDays(180), Duration.ofDays(90), Duration.ofDays(90),
        Duration.ofDays(30), Duration.ofMinutes(1), 500);
  }
}
