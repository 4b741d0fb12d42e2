package io.fusioncommerce.ingress.http;

import io.javalin.http.Context;
import java.util.regex.Pattern;

/**
 * The address clients reach the API at, for absolute links in answers (invite and label URLs): the
 * {@code X-Forwarded-Host}/{@code -Proto} a trusted proxy (or another instance forwarding the request)
 * set, else the request's own Host. Forwarding headers from a peer that is not in
 * {@link TrustedProxies} are ignored.
 */
public final class PublicUrls {

  public static final String FORWARDED_HOST = "X-Forwarded-Host";
  public static final String FORWARDED_PROTO = "X-Forwarded-Proto";
  public static final String FORWARDED_FOR = "X-Forwarded-For";
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]{1,255}");

  private PublicUrls() {}

  public static String base(Context ctx) {
    return scheme(ctx) + "://" + host(ctx);
  }

  public static String host(Context ctx) {
    String forwarded = forwarded(ctx, FORWARDED_HOST);
    if (forwarded != null && HOST.matcher(forwarded).matches()) {
      return forwarded;
    }
    String host = ctx.host();
    return host != null && HOST.matcher(host).matches() ? host : "localhost";
  }

  public static String scheme(Context ctx) {
    String forwarded = forwarded(ctx, FORWARDED_PROTO);
    if ("https".equalsIgnoreCase(forwarded) || "http".equalsIgnoreCase(forwarded)) {
      return forwarded.toLowerCase(java.util.Locale.ROOT);
    }
    return ctx.scheme();
  }

  /**
   * The client's address: when the direct peer is a trusted proxy, the nearest {@code X-Forwarded-For} hop
   * that is not itself a trusted proxy (read from the right: each proxy appends the peer it saw, while
   * everything to the left of the last trusted hop is whatever the client chose to send), else the direct peer.
   */
  public static String clientAddress(Context ctx) {
    String peer = ctx.req().getRemoteAddr();
    if (!(ctx.attribute(TrustedProxies.ATTRIBUTE) instanceof TrustedProxies proxies)) {
      return peer;
    }
    String header = ctx.header(FORWARDED_FOR);
    if (header == null || header.isBlank()) {
      return peer;
    }
    String[] hops = header.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].strip();
      if (!hop.matches("[0-9A-Fa-f:.]{2,45}")) {
        return peer; // a hop we cannot read: believe nothing further left
      }
      if (i == 0 || !proxies.trusts(hop)) {
        return hop;
      }
    }
    return peer;
  }

  /** A forwarding header's first value, only when the request came through a trusted proxy. */
  private static String forwarded(Context ctx, String header) {
    return ctx.attribute(TrustedProxies.ATTRIBUTE) != null ? first(ctx.header(header)) : null;
  }

  private static String first(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    int comma = header.indexOf(',');
    return (comma < 0 ? header : header.substring(0, comma)).strip();
  }
}
