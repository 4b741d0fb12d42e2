package io.fusioncommerce.ingress.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Key rotation against a local JWKS stand-in (plain http on loopback, which only tests may use): a new
 * key works at once, a withdrawn key stops working once the cache refreshed, and made-up key ids do not
 * turn into a request each.
 */
class RemoteJwksTest {

  static final String ISSUER = "https://idp.example/";
  static final String AUDIENCE = "fusioncommerce";

  HttpServer idp;
  final AtomicReference<JWKSet> published = new AtomicReference<>();
  final AtomicInteger fetches = new AtomicInteger();
  RSAKey oldKey;
  RSAKey newKey;

  @BeforeEach
  void startIdp() throws Exception {
    oldKey = key("old");
    newKey = key("new");
    published.set(new JWKSet(oldKey.toPublicJWK()));
    idp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    idp.createContext("/jwks.json", exchange -> {
      fetches.incrementAndGet();
      byte[] body = published.get().toString(true).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    idp.start();
  }

  @AfterEach
  void stopIdp() {
    idp.stop(0);
  }

  URI jwksUrl() {
    return URI.create("http://127.0.0.1:" + idp.getAddress().getPort() + "/jwks.json");
  }

  @Test
  void productionRefusesAJwksUrlInClearText() {
    assertThatThrownBy(() -> RemoteJwks.https("http://idp.example/jwks.json"))
        .hasMessageContaining("FUSION_JWT_JWKS_URL").hasMessageContaining("https");
    assertThat(RemoteJwks.https("https://idp.example/jwks.json").url().getScheme()).isEqualTo("https");
  }

  @Test
  void aTokenSignedWithANewKeyIdRefreshesTheKeysAtOnce() {
    RemoteJwks jwks = new RemoteJwks(jwksUrl(), Duration.ofHours(1), Duration.ofSeconds(30));
    TokenVerifier verifier = new TokenVerifier(jwks.source(), ISSUER, AUDIENCE, jwks.cacheTtl());
    assertThat(verifier.verify(token(oldKey, "u1")).subject()).isEqualTo("u1");
    assertThat(fetches).hasValue(1);

    published.set(new JWKSet(List.<JWK>of(oldKey.toPublicJWK(), newKey.toPublicJWK()))); // the provider rotates

    assertThat(verifier.verify(token(newKey, "u2")).subject()).isEqualTo("u2");
    assertThat(fetches).hasValue(2);
  }

  @Test
  void madeUpKeyIdsAreRateLimited() throws Exception {
    RemoteJwks jwks = new RemoteJwks(jwksUrl(), Duration.ofHours(1), Duration.ofMinutes(10));
    TokenVerifier verifier = new TokenVerifier(jwks.source(), ISSUER, AUDIENCE, jwks.cacheTtl());
    verifier.verify(token(oldKey, "u1"));
    for (int i = 0; i < 20; i++) {
      RSAKey forged = key("forged-" + i);
      assertThatThrownBy(() -> verifier.verify(token(forged, "intruder"))).isInstanceOf(AuthenticationException.class);
    }
    assertThat(fetches.get()).isLessThanOrEqualTo(3);
  }

  @Test
  void aWithdrawnKeyStopsVerifyingOnceTheCacheRefreshed() throws InterruptedException {
    RemoteJwks jwks = new RemoteJwks(jwksUrl(), Duration.ofSeconds(1), Duration.ZERO);
    TokenVerifier verifier = new TokenVerifier(jwks.source(), ISSUER, AUDIENCE, jwks.cacheTtl());
    String token = token(oldKey, "u1"); // valid for an hour
    assertThat(verifier.verify(token).subject()).isEqualTo("u1");

    published.set(new JWKSet(newKey.toPublicJWK())); // the old key was compromised and withdrawn

    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (stillVerifies(verifier, token)) {
      assertThat(System.nanoTime()).as("the withdrawn key still verifies").isLessThan(deadline);
      Thread.sleep(200);
    }
    assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(AuthenticationException.class);
  }

  private static boolean stillVerifies(TokenVerifier verifier, String token) {
    try {
      verifier.verify(token);
      return true;
    } catch (AuthenticationException refused) {
      return false;
    }
  }

  static RSAKey key(String kid) throws RuntimeException {
    try {
      return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).keyID(kid).generate();
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  static String token(RSAKey key, String subject) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
          .type(JOSEObjectType.JWT).build(), new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE)
          .subject(subject).claim(TokenClaims.TENANT, "acme").claim(TokenClaims.ROLES, List.of("customer"))
          .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1)))).build());
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
