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
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * The development token issuer of embedded mode. Its RSA key is kept in the data dir, so tokens stay
 * valid across restarts on the same data. Production replaces it with the identity provider's JWKS.
 */
public final class DevTokenIssuer {

  public static final String ISSUER = "fusioncommerce-dev";
  public static final String AUDIENCE = "fusioncommerce";

  private final RSAKey key;
  private final Clock clock;

  private DevTokenIssuer(RSAKey key, Clock clock) {
    this.key = key;
    this.clock = clock;
  }

  /** Loads the key from {@code keyFile}, creating it (owner-readable only) on first use. */
  public static DevTokenIssuer loadOrCreate(Path keyFile, Clock clock) {
    try {
      if (Files.exists(keyFile)) {
        return new DevTokenIssuer(RSAKey.parse(Files.readString(keyFile)), clock);
      }
      RSAKey key =
          new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
              .keyIDFromThumbprint(true).generate();
      Files.createDirectories(keyFile.getParent());
      Path tmp = keyFile.resolveSibling(keyFile.getFileName() + ".tmp");
      Files.writeString(tmp, key.toJSONString());
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // best effort on file systems without POSIX permissions
      }
      Files.move(tmp, keyFile);
      return new DevTokenIssuer(key, clock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the development signing key " + keyFile, e);
    } catch (ParseException | JOSEException e) {
      throw new IllegalStateException("development signing key " + keyFile + " is unusable", e);
    }
  }

  /** A token for the given identity; {@code vendor} and {@code organization} may be null. */
  public String issue(String subject, String tenant, List<String> roles, String vendor, String organization, Duration ttl) {
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
