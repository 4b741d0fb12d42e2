package io.fusioncommerce.ingress.orders;

import io.fusioncommerce.ingress.http.PublicUrls;
import io.javalin.http.Context;

/**
 * The client address an order's fraud score reads. Through a trusted proxy it is the address the proxies
 * report (as everywhere, see PublicUrls). A loopback peer is a hop on this host (a local reverse proxy, a
 * test), never a customer: the address it forwarded ({@code X-Forwarded-For}, nearest hop; only a process on
 * this host can set it) or none at all, so a local proxy does not make every order share one address.
 * Anyone else is the direct peer.
 */
final class ClientAddresses {

  private static final String FORWARDED_FOR = "X-Forwarded-For";

  private ClientAddresses() {}

  static String of(Context ctx) {
    String address = PublicUrls.clientAddress(ctx);
    if (address == null || !isLoopback(address)) {
      return address;
    }
    String forwarded = ctx.header(FORWARDED_FOR);
    if (forwarded == null || forwarded.isBlank()) {
      return null;
    }
    String[] hops = forwarded.split(",");
    String nearest = hops[hops.length - 1].strip();
    return nearest.matches("[0-9A-Fa-f:.]{2,45}") && !isLoopback(nearest) ? nearest : null;
  }

  private static boolean isLoopback(String address) {
    return address.startsWith("127.") || address.equals("::1") || address.equals("0:0:0:0:0:0:0:1");
  }
}
