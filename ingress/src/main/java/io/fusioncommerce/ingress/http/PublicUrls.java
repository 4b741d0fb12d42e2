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
   * The client's address: the first {@code X-Forwarded-For} hop when the direct peer is a trusted proxy,
   * else the direct peer.
   */
  public static String clientAddress(Context ctx) {
    String forwarded = forwarded(ctx, FORWARDED_FOR);
    return forwarded != null && forwarded.matches("[0-9A-Fa-f:.]{2,45}") ? forwarded : ctx.req().getRemoteAddr();
  }

  /** A forwarding header's first value, only when the request came through a trusted proxy. */
  private static String forwarded(Context ctx, String header) {
    return Boolean.TRUE.equals(ctx.attribute(TrustedProxies.ATTRIBUTE)) ? first(ctx.header(header)) : null;
  }

  private static String first(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    int comma = header.indexOf(',');
    return (comma < 0 ? header : header.substring(0, comma)).strip();
  }
}
