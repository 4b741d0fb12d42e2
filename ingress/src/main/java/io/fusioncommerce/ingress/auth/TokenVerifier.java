package io.fusioncommerce.ingress.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Verifies bearer tokens against a JWK set (the development issuer's keys in embedded mode, the
 * identity provider's JWKS URL in production). Only signed tokens with an allowed algorithm, a
 * matching issuer and audience, an unexpired {@code exp}, a subject and a well-formed tenant pass.
 */
public final class TokenVerifier {

  /** Tenant ids are used in keys, topic records and Postgres rows; keep them plain. */
  public static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
  /**
   * Verified tokens, until they expire: a client sends the same token with every request, and an RSA
   * verification per request is most of an order's CPU at load. Only successfully verified tokens are
   * cached, each for no longer than its own {@code exp}.
   */
  private final Cache<String, Verified> verified;

  private record Verified(Principal principal, Instant expiresAt) {}

  /** Verified tokens are kept for {@link RemoteJwks#DEFAULT_CACHE_TTL} at most. */
  public TokenVerifier(JWKSource<SecurityContext> keys, String issuer, String audience) {
    this(keys, issuer, audience, RemoteJwks.DEFAULT_CACHE_TTL);
  }

  /**
   * @param keyRecheck the longest a verified token is kept without checking its key again: the JWKS cache's
   *     lifetime, so a key the identity provider withdrew stops admitting its tokens once the cache has
   *     refreshed, and not only when each token expires
   */
  public TokenVerifier(JWKSource<SecurityContext> keys, String issuer, String audience, Duration keyRecheck) {
    verified = Caffeine.newBuilder()
        .maximumSize(100_000)
        .expireAfter(Expiry.creating((String token, Verified v) -> min(keyRecheck,
            Duration.ofMillis(Math.max(0, v.expiresAt().toEpochMilli() - System.currentTimeMillis())))))
        .build();
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), keys));
    processor.setJWTClaimsSetVerifier(
        new DefaultJWTClaimsVerifier<>(
            audience,
            new JWTClaimsSet.Builder().issuer(issuer).build(),
            Set.of("sub", "exp", TokenClaims.TENANT)));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  public Principal verify(String token) {
    Verified cached = verified.getIfPresent(token);
    if (cached != null && cached.expiresAt().isAfter(Instant.now())) {
      return cached.principal();
    }
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (ParseException e) {
      throw new AuthenticationException("malformed token");
    } catch (BadJOSEException | JOSEException e) {
      throw new AuthenticationException("invalid token: " + e.getMessage());
    }
    try {
      String tenant = claims.getStringClaim(TokenClaims.TENANT);
      if (tenant == null || !TENANT_ID.matcher(tenant).matches()) {
        throw new AuthenticationException("token has no valid tenant claim");
      }
      List<String> roleClaims = claims.getStringListClaim(TokenClaims.ROLES);
      Set<Role> roles = EnumSet.noneOf(Role.class);
      if (roleClaims != null) {
        roleClaims.forEach(r -> Role.fromClaim(r).ifPresent(roles::add));
      }
      Principal principal = new Principal(
          claims.getSubject(),
          tenant,
          Set.copyOf(roles),
          Optional.ofNullable(claims.getStringClaim(TokenClaims.VENDOR)),
          Optional.ofNullable(claims.getStringClaim(TokenClaims.ORGANIZATION)),
          Optional.ofNullable(claims.getStringClaim(TokenClaims.EMAIL)));
      verified.put(token, new Verified(principal, claims.getExpirationTime().toInstant()));
      return principal;
    } catch (ParseException e) {
      throw new AuthenticationException("token claims have the wrong type: " + e.getMessage());
    }
  }
}
