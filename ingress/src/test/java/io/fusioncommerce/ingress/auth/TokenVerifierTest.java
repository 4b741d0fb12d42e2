package io.fusioncommerce.ingress.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenVerifierTest {

  @TempDir Path dir;

  private DevTokenIssuer issuer(Clock clock) {
    return DevTokenIssuer.loadOrCreate(dir.resolve("keys/dev-issuer.jwk.json"), clock);
  }

  private TokenVerifier verifierFor(DevTokenIssuer issuer) {
    return new TokenVerifier(issuer.verificationKeys(), DevTokenIssuer.ISSUER, DevTokenIssuer.AUDIENCE);
  }

  @Test
  void acceptsATokenOfTheIssuerAndReadsItsClaims() {
    DevTokenIssuer issuer = issuer(Clock.systemUTC());
    String token = issuer.issue("u1", "acme", List.of("admin", "vendor", "nonsense"), "v1", "org-9", Duration.ofMinutes(5));

    Principal principal = verifierFor(issuer).verify(token);

    assertThat(principal.subject()).isEqualTo("u1");
    assertThat(principal.tenantId()).isEqualTo("acme");
    assertThat(principal.roles()).containsExactlyInAnyOrder(Role.ADMIN, Role.VENDOR);
    assertThat(principal.vendorId()).contains("v1");
    assertThat(principal.organizationId()).contains("org-9");
  }

  @Test
  void theKeySurvivesARestartSoEarlierTokensStayValid() {
    String token = issuer(Clock.systemUTC()).issue("u1", "acme", List.of("admin"), null, null, Duration.ofMinutes(5));
    DevTokenIssuer reloaded = issuer(Clock.systemUTC());
    assertThat(verifierFor(reloaded).verify(token).tenantId()).isEqualTo("acme");
  }

  @Test
  void refusesUnsignedTokens() {
    DevTokenIssuer issuer = issuer(Clock.systemUTC());
    String none = new PlainJWT(claims("acme", Instant.now().plusSeconds(60))).serialize();
    assertThatThrownBy(() -> verifierFor(issuer).verify(none)).isInstanceOf(AuthenticationException.class);
  }

  @Test
  void refusesATokenSignedByAnotherKey() throws Exception {
    DevTokenIssuer issuer = issuer(Clock.systemUTC());
    RSAKey stranger = new RSAKeyGenerator(2048).keyID(issuer.publicKeys().getKeys().get(0).getKeyID()).generate();
    SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(stranger.getKeyID()).build(),
        claims("acme", Instant.now().plusSeconds(60)));
    forged.sign(new RSASSASigner(stranger));
    assertThatThrownBy(() -> verifierFor(issuer).verify(forged.serialize()))
        .isInstanceOf(AuthenticationException.class).hasMessageContaining("invalid token");
  }

  @Test
  void refusesATamperedPayload() {
    DevTokenIssuer issuer = issuer(Clock.systemUTC());
    String[] parts = issuer.issue("u1", "acme", List.of("customer"), null, null, Duration.ofMinutes(5)).split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"acme\"", "\"globex\"");
    String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "." + parts[2];
    assertThatThrownBy(() -> verifierFor(issuer).verify(tampered)).isInstanceOf(AuthenticationException.class);
  }

  @Test
  void refusesAnExpiredToken() {
    Clock anHourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
    DevTokenIssuer issuer = issuer(anHourAgo);
    String token = issuer.issue("u1", "acme", List.of("admin"), null, null, Duration.ofMinutes(30));
    assertThatThrownBy(() -> verifierFor(issuer).verify(token))
        .isInstanceOf(AuthenticationException.class).hasMessageContaining("Expired");
  }

  @Test
  void refusesATokenWithoutTenantOrWithAMalformedOne() throws Exception {
    DevTokenIssuer issuer = issuer(Clock.systemUTC());
    RSAKey key = RSAKey.parse(java.nio.file.Files.readString(dir.resolve("keys/dev-issuer.jwk.json")));
    for (String tenant : new String[] {null, "Not Valid!"}) {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
          claims(tenant, Instant.now().plusSeconds(60)));
      jwt.sign(new RSASSASigner(key));
      assertThatThrownBy(() -> verifierFor(issuer).verify(jwt.serialize())).isInstanceOf(AuthenticationException.class);
    }
  }

  @Test
  void refusesGarbage() {
    DevTokenIssuer issuer = issuer(Clock.systemUTC());
    assertThatThrownBy(() -> verifierFor(issuer).verify("not-a-jwt")).isInstanceOf(AuthenticationException.class)
        .hasMessage("malformed token");
  }

  private static JWTClaimsSet claims(String tenant, Instant expiry) {
    JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(DevTokenIssuer.ISSUER)
        .audience(DevTokenIssuer.AUDIENCE).subject("u1").expirationTime(Date.from(expiry))
        .claim("roles", List.of("admin"));
    if (tenant != null) {
      builder.claim("tenant", tenant);
    }
    return builder.build();
  }
}
