package io.fusioncommerce.connectors.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs the platform may POST to, so a webhook cannot be aimed at the platform's own network
 * (server-side request forgery). A URL must be http(s) with a host and no user info; EVERY address its
 * host resolves to must be public: not loopback, link-local (169.254.169.254, the cloud metadata
 * service, is one), private (RFC 1918, IPv6 ULA), carrier-grade NAT (100.64/10, where some clouds put
 * their metadata), multicast, wildcard or broadcast. The check runs when a subscription is made and
 * again before every delivery (a name may be re-pointed after it was checked: DNS rebinding); the
 * worker never follows redirects. Embedded mode may allow loopback (tests, a local n8n), by an explicit
 * setting; role mode never does.
 */
public final class WebhookTargetPolicy {

  /** How a host name becomes addresses (the system resolver; a test may pin one). */
  @FunctionalInterface
  public interface Resolver {
    List<InetAddress> resolve(String host) throws UnknownHostException;
  }

  private final boolean allowLoopback;
  private final int maxUrlLength;
  private final Resolver resolver;

  public WebhookTargetPolicy(boolean allowLoopback, int maxUrlLength, Resolver resolver) {
    this.allowLoopback = allowLoopback;
    this.maxUrlLength = maxUrlLength;
    this.resolver = resolver;
  }

  public static WebhookTargetPolicy system(boolean allowLoopback, int maxUrlLength) {
    return new WebhookTargetPolicy(allowLoopback, maxUrlLength, host -> List.of(InetAddress.getAllByName(host)));
  }

  /** Empty when {@code url} may be delivered to now; otherwise why not (said to the admin). */
  public Optional<String> refusal(String url) {
    if (url == null || url.isBlank()) {
      return Optional.of("a URL is required");
    }
    if (url.length() > maxUrlLength) {
      return Optional.of("at most " + maxUrlLength + " characters");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.of("not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.of("must be an http or https URL");
    }
    if (uri.getRawUserInfo() != null) {
      return Optional.of("must not carry a user name or password");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      return Optional.of("must name a host");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    List<InetAddress> addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      return Optional.of("the host does not resolve");
    }
    if (addresses.isEmpty()) {
      return Optional.of("the host does not resolve");
    }
    for (InetAddress address : addresses) {
      Optional<String> refused = refusal(address);
      if (refused.isPresent()) {
        return Optional.of("resolves to " + address.getHostAddress() + ", " + refused.get());
      }
    }
    return Optional.empty();
  }

  private Optional<String> refusal(InetAddress address) {
    if (address.isLoopbackAddress()) {
      return allowLoopback ? Optional.empty() : Optional.of("a loopback address");
    }
    if (address.isAnyLocalAddress()) {
      return Optional.of("the wildcard address");
    }
    if (address.isLinkLocalAddress()) {
      return Optional.of("a link-local address (metadata services live there)");
    }
    if (address.isSiteLocalAddress()) {
      return Optional.of("a private address");
    }
    if (address.isMulticastAddress()) {
      return Optional.of("a multicast address");
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      if (first == 0 || first == 255 && second == 255) {
        return Optional.of("a reserved address");
      }
      if (first == 100 && (second & 0xc0) == 64) {
        return Optional.of("a carrier-grade NAT address");
      }
    } else if (address instanceof Inet6Address) {
      if ((b[0] & 0xfe) == 0xfc) {
        return Optional.of("a private (unique local) address");
      }
      if (isIpv4Embedded(b)) {
        // ::ffff:a.b.c.d and ::a.b.c.d reach an IPv4 address: judge that one
        try {
          return refusal(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
        } catch (UnknownHostException e) {
          return Optional.of("an unreadable address");
        }
      }
    }
    return Optional.empty();
  }

  private static boolean isIpv4Embedded(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return (b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff);
  }
}
