package io.fusioncommerce.ingress.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The development token issuer of embedded mode. Its RSA key is kept in the data dir, so tokens stay
 * valid across restarts on the same data. Production replaces it with the identity provider's JWKS.
 */
public final class DevTokenIssuer {

  public static final String ISSUER = "fusioncommerce-dev";
  public static final String AUDIENCE = "fusioncommerce";
  private static final Logger LOG = LoggerFactory.getLogger(DevTokenIssuer.class);

  private final RSAKey key;
  private final Clock clock;

  private DevTokenIssuer(RSAKey key, Clock clock) {
    this.key = key;
    this.clock = clock;
  }

  /**
   * Loads the key from {@code keyFile}, creating it on first use. Whoever reads the private key can mint
   * an admin token of any tenant, so the file is created owner-only ({@code rw-------}) in the same call
   * that creates it (no window in which it is world-readable), and an existing key with wider permissions
   * (written by an older version) is narrowed before it is used.
   */
  public static DevTokenIssuer loadOrCreate(Path keyFile, Clock clock) {
    try {
      if (Files.exists(keyFile)) {
        restrictToOwner(keyFile);
        return new DevTokenIssuer(RSAKey.parse(Files.readString(keyFile)), clock);
      }
      RSAKey key =
          new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
              .keyIDFromThumbprint(true).generate();
      OwnerOnlyFiles.writeAtomically(keyFile, key.toJSONString());
      return new DevTokenIssuer(key, clock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the development signing key " + keyFile, e);
    } catch (ParseException | JOSEException e) {
      throw new IllegalStateException("development signing key " + keyFile + " is unusable", e);
    }
  }

  private static void restrictToOwner(Path keyFile) throws IOException {
    if (OwnerOnlyFiles.restrict(keyFile)) {
      LOG.atWarn().addKeyValue("file", keyFile)
          .log("the development signing key was readable by others; narrowed it to its owner (rw-------)");
    }
  }

  /** A token for the given identity; {@code vendor} and {@code organization} may be null. */
  public String issue(String subject, String tenant, List<String> roles, String vendor, String organization, Duration ttl) {
    return issue(subject, tenant, roles, vendor, organization, null, ttl);
  }

  /** A token for the given identity; {@code vendor}, {@code organization} and {@code email} may be null. */
  public String issue(String subject, String tenant, List<String> roles, String vendor, String organization,
      String email, Duration ttl) {
    Instant now = clock.instant();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .audience(AUDIENCE)
            .subject(subject)
            .jwtID(UUID.randomUUID().toString())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ttl)))
            .claim(TokenClaims.TENANT, tenant)
            .claim(TokenClaims.ROLES, roles);
    if (vendor != null) {
      claims.claim(TokenClaims.VENDOR, vendor);
    }
    if (organization != null) {
      claims.claim(TokenClaims.ORGANIZATION, organization);
    }
    if (email != null) {
      claims.claim(TokenClaims.EMAIL, email);
    }
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
            claims.build());
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a development token", e);
    }
    return jwt.serialize();
  }

  /** The public half, as served at /.well-known/jwks.json. */
  public JWKSet publicKeys() {
    return new JWKSet(key.toPublicJWK());
  }

  public JWKSource<SecurityContext> verificationKeys() {
    return new ImmutableJWKSet<>(publicKeys());
  }
}
