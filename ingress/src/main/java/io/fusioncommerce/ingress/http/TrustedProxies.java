package io.fusioncommerce.ingress.http;

import io.fusioncommerce.ingress.ApiModule;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.InetAddressPattern;

/**
 * The reverse proxies (and peer instances forwarding interactive queries) whose {@code X-Forwarded-*}
 * headers are believed. Anyone else's are ignored: a client that could set {@code X-Forwarded-Host}
 * would make the API write its own host into invite and label links handed to other people.
 * From {@code FUSION_TRUSTED_PROXIES}: comma-separated IP addresses and CIDR ranges; unset, none.
 * Matching is Jetty's {@link InetAddressPattern} (on the classpath with Javalin).
 */
public final class TrustedProxies {

  public static final String VARIABLE = "FUSION_TRUSTED_PROXIES";
  /** The request attribute {@link PublicUrls} reads: these proxies, set only when the direct peer is one of them. */
  static final String ATTRIBUTE = "fusion.trustedProxy";
  private static final Pattern ADDRESS_OR_CIDR = Pattern.compile("[0-9A-Fa-f:.]+(/[0-9]{1,3})?");

  private final List<InetAddressPattern> proxies;
  private final String description;

  private TrustedProxies(List<InetAddressPattern> proxies, String description) {
    this.proxies = List.copyOf(proxies);
    this.description = description;
  }

  public static TrustedProxies none() {
    return new TrustedProxies(List.of(), "");
  }

  public static TrustedProxies fromEnvironment(Map<String, String> env) {
    return parse(env.getOrDefault(VARIABLE, ""));
  }

  /** @param list e.g. {@code 10.0.0.0/8, 192.168.1.7, fd00::/8} */
  public static TrustedProxies parse(String list) {
    List<String> entries = Arrays.stream(list.split(",")).map(String::strip).filter(e -> !e.isEmpty()).toList();
    for (String entry : entries) {
      // literals only: a host name would be resolved (DNS) and could change under us
      if (!ADDRESS_OR_CIDR.matcher(entry).matches()) {
        throw new IllegalArgumentException(VARIABLE + " takes IP addresses and CIDR ranges, not " + entry);
      }
    }
    try {
      return new TrustedProxies(entries.stream().map(InetAddressPattern::from).toList(), String.join(",", entries));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(VARIABLE + ": " + e.getMessage(), e);
    }
  }

  /** True when {@code remoteAddress} (an IP literal, as the servlet request gives it) is a trusted proxy. */
  public boolean trusts(String remoteAddress) {
    if (proxies.isEmpty() || remoteAddress == null || !ADDRESS_OR_CIDR.matcher(remoteAddress).matches()) {
      return false;
    }
    try {
      InetAddress address = InetAddress.getByName(remoteAddress); // a literal: no lookup
      return proxies.stream().anyMatch(proxy -> proxy.test(address));
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Marks each request whose direct peer is a trusted proxy, for {@link PublicUrls}. */
  public ApiModule module() {
    return (routes, api) -> routes.javalin().before(ctx -> {
      if (trusts(ctx.req().getRemoteAddr())) {
        ctx.attribute(ATTRIBUTE, this);
      }
    });
  }

  @Override
  public String toString() {
    return VARIABLE + "=" + description;
  }
}
