package io.fusioncommerce.topologies.shipping;

import io.fusioncommerce.schemas.shipping.GeoPoint;
import io.fusioncommerce.schemas.shipping.HyperlocalAgent;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** Which hyperlocal agent, if any, delivers to a point: the nearest active one whose radius covers it. */
public final class HyperlocalRouting {

  /** The mean Earth radius (IUGG), in km. */
  static final double EARTH_RADIUS_KM = 6371.0088;

  private HyperlocalRouting() {}

  public static Optional<HyperlocalAgent> nearest(Stream<HyperlocalAgent> agents, double lat, double lon) {
    return agents
        .filter(HyperlocalAgent::getActive)
        .map(agent -> new Candidate(agent, distanceKm(agent.getLocation(), lat, lon)))
        .filter(c -> c.distanceKm() <= c.agent().getRadiusKm())
        // nearest first; equal distances by agent id, so the choice does not depend on store order
        .min(Comparator.comparingDouble(Candidate::distanceKm).thenComparing(c -> c.agent().getAgentId()))
        .map(Candidate::agent);
  }

  private record Candidate(HyperlocalAgent agent, double distanceKm) {}

  /** Great-circle distance by the haversine formula. */
  public static double distanceKm(GeoPoint from, double lat, double lon) {
    double phi1 = Math.toRadians(from.getLat());
    double phi2 = Math.toRadians(lat);
    double dPhi = Math.toRadians(lat - from.getLat());
    double dLambda = Math.toRadians(lon - from.getLon());
    double a = Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
        + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
  }
}
