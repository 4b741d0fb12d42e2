package io.fusioncommerce.ingress.auth;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;

/**
 * The identity provider's signing keys, fetched from its JWKS URL with nimbus' own caching: a copy is
 * kept for {@code cacheTtl}, a token naming a key id the copy lacks triggers a refresh at once (so a
 * rotated-in key works immediately), and refreshes are rate-limited so a flood of tokens with made-up key
 * ids cannot turn into a flood of requests to the provider. A key the provider removed stops verifying
 * once the copy is older than {@code cacheTtl}; {@link TokenVerifier} keeps verified tokens no longer.
 *
 * @param url the JWKS URL; https, because whoever can change the keys in transit can mint any token
 * @param cacheTtl how long a fetched key set is used before it is fetched again
 * @param minRefreshInterval at most two fetches in this interval (nimbus' rate limit)
 */
public record RemoteJwks(URI url, Duration cacheTtl, Duration minRefreshInterval) {

  public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(5);
  public static final Duration DEFAULT_MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);
  private static final Duration REFRESH_TIMEOUT = Duration.ofSeconds(15);

  public RemoteJwks {
    if (url == null || url.getHost() == null) {
      throw new IllegalArgumentException("the JWKS URL must be an absolute URL, not " + url);
    }
    if (!cacheTtl.isPositive() || minRefreshInterval.isNegative() || minRefreshInterval.compareTo(cacheTtl) >= 0) {
      throw new IllegalArgumentException("the JWKS cache must live longer than the minimum refresh interval");
    }
  }

  /** Production: https only. */
  public static RemoteJwks https(String url) {
    URI uri = parse(url);
    if (!"https".equalsIgnoreCase(uri.getScheme())) {
      throw new IllegalArgumentException("FUSION_JWT_JWKS_URL must be an https URL (the keys that decide who is "
          + "admin of which tenant must not travel in clear text), not " + url);
    }
    return new RemoteJwks(uri, DEFAULT_CACHE_TTL, DEFAULT_MIN_REFRESH_INTERVAL);
  }

  /** The key source; plain http is accepted here only because {@link #https} already refused it in production. */
  public JWKSource<SecurityContext> source() {
    try {
      return JWKSourceBuilder.<SecurityContext>create(url.toURL())
          .cache(cacheTtl.toMillis(), Math.min(REFRESH_TIMEOUT.toMillis(), cacheTtl.toMillis() / 2))
          .refreshAheadCache(false)
          .rateLimited(minRefreshInterval.toMillis())
          .retrying(true)
          .build();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("not a URL: " + url, e);
    }
  }

  private static URI parse(String url) {
    try {
      return URI.create(url == null ? "" : url.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("FUSION_JWT_JWKS_URL is not a URL: " + url, e);
    }
  }
}
