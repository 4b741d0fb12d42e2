package io.fusioncommerce.ingress.http;

import io.javalin.http.Context;
import java.util.regex.Pattern;

/**
 * The address clients reach the API at, for absolute links in answers (invite URLs): the
 * {@code X-Forwarded-Host}/{@code -Proto} a proxy (or another instance forwarding the request) set,
 * else the request's own Host.
 */
public final class PublicUrls {

  public static final String FORWARDED_HOST = "X-Forwarded-Host";
  public static final String FORWARDED_PROTO = "X-Forwarded-Proto";
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]{1,255}");

  private PublicUrls() {}

  public static String base(Context ctx) {
    return scheme(ctx) + "://" + host(ctx);
  }

  public static String host(Context ctx) {
    String forwarded = first(ctx.header(FORWARDED_HOST));
    if (forwarded != null && HOST.matcher(forwarded).matches()) {
      return forwarded;
    }
    String host = ctx.host();
    return host != null && HOST.matcher(host).matches() ? host : "localhost";
  }

  public static String scheme(Context ctx) {
    String forwarded = first(ctx.header(FORWARDED_PROTO));
    if ("https".equalsIgnoreCase(forwarded) || "http".equalsIgnoreCase(forwarded)) {
      return forwarded.toLowerCase(java.util.Locale.ROOT);
    }
    return ctx.scheme();
  }

  private static String first(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    int comma = header.indexOf(',');
    return (comma < 0 ? header : header.substring(0, comma)).strip();
  }
}
