package io.fusioncommerce.ingress.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fusioncommerce.ingress.IngressServer;
import io.fusioncommerce.ingress.auth.DevTokenIssuer;
import io.fusioncommerce.ingress.auth.TokenVerifier;
import io.fusioncommerce.ingress.commands.CommandPublisher;
import io.fusioncommerce.ingress.query.ChangeSignals;
import io.fusioncommerce.schemas.registry.InMemorySchemaRegistryClient;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import io.fusioncommerce.schemas.serde.SpecificAvroSerializer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.apache.kafka.clients.producer.MockProducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingress over TLS with a CA made at test time: https only, HSTS, and mutual TLS when a client CA is set. */
class IngressTlsTest {

  @TempDir static Path dir;
  static TestCertificates ca;
  static TestCertificates otherCa;
  static Path cert;
  static Path key;
  static Path clientCa;

  @BeforeAll
  static void certificates() throws IOException {
    ca = TestCertificates.newAuthority("fusion test CA");
    otherCa = TestCertificates.newAuthority("some other CA");
    TestCertificates.Issued server = ca.issue("ingress");
    cert = TestCertificates.writeCertificate(dir.resolve("server.pem"), server.certificate(), ca.certificate());
    key = TestCertificates.writeKey(dir.resolve("server.key"), server.keys());
    clientCa = TestCertificates.writeCertificate(dir.resolve("client-ca.pem"), ca.certificate());
  }

  @Test
  void servesHttpsWithHstsAndNoPlainHttp() throws Exception {
    try (IngressServer server = start(IngressTls.of(cert, key, Optional.empty()))) {
      HttpResponse<String> answer = get(client(ca.clientContext(null)), "https", server.port());
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.headers().firstValue("Strict-Transport-Security")).isPresent();

      // a client that does not trust the CA is refused at the handshake
      assertThatThrownBy(() -> get(client(otherCa.clientContext(null)), "https", server.port()))
          .isInstanceOf(IOException.class);
      // plain HTTP on the same port is not served (no redirect either)
      assertThatThrownBy(() -> {
        HttpResponse<String> plain = get(HttpClient.newHttpClient(), "http", server.port());
        assertThat(plain.statusCode()).isNotEqualTo(200);
        throw new IOException("answered " + plain.statusCode());
      }).isInstanceOf(IOException.class);
    }
  }

  @Test
  void mutualTlsRequiresAClientCertificateFromTheClientCa() throws Exception {
    try (IngressServer server = start(IngressTls.of(cert, key, Optional.of(clientCa)))) {
      assertThat(get(client(ca.clientContext(ca.issue("a client"))), "https", server.port()).statusCode())
          .isEqualTo(200);
      assertThatThrownBy(() -> get(client(ca.clientContext(null)), "https", server.port()))
          .isInstanceOf(IOException.class);
      TestCertificates.Issued stranger = otherCa.issue("stranger");
      assertThatThrownBy(() -> get(client(ca.clientContext(stranger)), "https", server.port()))
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void refusesHalfOrUnreadableSettings() throws IOException {
    assertThat(IngressTls.fromEnvironment(Map.of())).isEmpty();
    assertThatThrownBy(() -> IngressTls.fromEnvironment(Map.of(IngressTls.CERT_VARIABLE, cert.toString())))
        .hasMessageContaining(IngressTls.KEY_VARIABLE).hasMessageContaining("both");
    assertThatThrownBy(() -> IngressTls.fromEnvironment(Map.of(IngressTls.KEY_VARIABLE, key.toString())))
        .hasMessageContaining(IngressTls.CERT_VARIABLE);
    assertThatThrownBy(() -> IngressTls.fromEnvironment(Map.of(IngressTls.CLIENT_CA_VARIABLE, clientCa.toString())))
        .hasMessageContaining("TLS is off");
    assertThatThrownBy(() -> IngressTls.fromEnvironment(Map.of(IngressTls.CERT_VARIABLE, cert.toString(),
        IngressTls.KEY_VARIABLE, dir.resolve("missing.key").toString())))
        .hasMessageContaining(IngressTls.KEY_VARIABLE).hasMessageContaining("cannot read");
    Path notAKey = Files.writeString(dir.resolve("not-a-key.pem"), "hello");
    assertThatThrownBy(() -> IngressTls.fromEnvironment(Map.of(IngressTls.CERT_VARIABLE, cert.toString(),
        IngressTls.KEY_VARIABLE, notAKey.toString()))).hasMessageContaining("PKCS#8");
    Path otherKey = TestCertificates.writeKey(dir.resolve("other.key"), otherCa.issue("x").keys());
    assertThatThrownBy(() -> IngressTls.of(cert, otherKey, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(IngressTls.fromEnvironment(Map.of(IngressTls.CERT_VARIABLE, cert.toString(),
        IngressTls.KEY_VARIABLE, key.toString(), IngressTls.CLIENT_CA_VARIABLE, clientCa.toString())).orElseThrow()
        .mutual()).isTrue();
  }

  private static HttpClient client(SSLContext context) {
    return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(10)).build();
  }

  private static HttpResponse<String> get(HttpClient client, String scheme, int port)
      throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + port + "/health/live"))
        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static IngressServer start(IngressTls tls) {
    var registry = new InMemorySchemaRegistryClient();
    DevTokenIssuer issuer = DevTokenIssuer.loadOrCreate(dir.resolve("jwk.json"), Clock.systemUTC());
    return IngressServer.start(
        new IngressServer.Settings("127.0.0.1", 0, "127.0.0.1", 64 * 1024, "test", Optional.empty(),
            Optional.of(tls)),
        new IngressServer.Components(
            new TokenVerifier(issuer.verificationKeys(), DevTokenIssuer.ISSUER, DevTokenIssuer.AUDIENCE),
            Optional.empty(),
            new CommandPublisher(new MockProducer<>(true, null, new SpecificAvroSerializer<>(registry, true),
                new SpecificAvroSerializer<>(registry, false))),
            new AvroSerdes(registry), context -> Optional.empty(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            List.of(), Clock.systemUTC(), List.of(BrowserPolicy.fromEnvironment(Map.of())), new ChangeSignals()));
  }
}
