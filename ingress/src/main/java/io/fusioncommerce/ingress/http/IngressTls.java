package io.fusioncommerce.ingress.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * TLS for the HTTP ingress from PEM files: a certificate chain (server certificate first) and its
 * unencrypted PKCS#8 private key ({@code -----BEGIN PRIVATE KEY-----}). With a client CA, every client
 * must present a certificate that CA signed (mutual TLS). The files are read and checked when the
 * settings are made, so a wrong path or a key that is not PKCS#8 stops the process at start.
 */
public record IngressTls(Path certificateFile, Path keyFile, Optional<Path> clientCaFile, KeyStore keyStore,
    Optional<KeyStore> clientTrust) {

  public static final String CERT_VARIABLE = "FUSION_TLS_CERT_FILE";
  public static final String KEY_VARIABLE = "FUSION_TLS_KEY_FILE";
  public static final String CLIENT_CA_VARIABLE = "FUSION_TLS_CLIENT_CA_FILE";
  private static final char[] IN_MEMORY_PASSWORD = "in-memory".toCharArray();
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  /** TLS when both files are named, plain HTTP when neither is; one without the other is an error. */
  public static Optional<IngressTls> fromEnvironment(Map<String, String> env) {
    Optional<String> cert = named(env, CERT_VARIABLE);
    Optional<String> key = named(env, KEY_VARIABLE);
    Optional<String> clientCa = named(env, CLIENT_CA_VARIABLE);
    if (cert.isEmpty() && key.isEmpty()) {
      if (clientCa.isPresent()) {
        throw new IllegalArgumentException(CLIENT_CA_VARIABLE + " is set but TLS is off: set " + CERT_VARIABLE
            + " and " + KEY_VARIABLE + " too");
      }
      return Optional.empty();
    }
    if (cert.isEmpty() || key.isEmpty()) {
      throw new IllegalArgumentException(CERT_VARIABLE + " and " + KEY_VARIABLE
          + " go together: set both (TLS) or neither (plain HTTP); only "
          + (cert.isPresent() ? CERT_VARIABLE : KEY_VARIABLE) + " is set");
    }
    return Optional.of(of(Path.of(cert.get()), Path.of(key.get()), clientCa.map(Path::of)));
  }

  public static IngressTls of(Path certificateFile, Path keyFile, Optional<Path> clientCaFile) {
    List<Certificate> chain = certificates(CERT_VARIABLE, certificateFile);
    PrivateKey key = privateKey(keyFile);
    try {
      requirePair(key, chain.get(0), certificateFile);
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(null, null);
      keyStore.setKeyEntry("ingress", key, IN_MEMORY_PASSWORD, chain.toArray(Certificate[]::new));
      Optional<KeyStore> trust = Optional.empty();
      if (clientCaFile.isPresent()) {
        KeyStore clientCas = KeyStore.getInstance("PKCS12");
        clientCas.load(null, null);
        List<Certificate> cas = certificates(CLIENT_CA_VARIABLE, clientCaFile.get());
        for (int i = 0; i < cas.size(); i++) {
          clientCas.setCertificateEntry("client-ca-" + i, cas.get(i));
        }
        trust = Optional.of(clientCas);
      }
      return new IngressTls(certificateFile, keyFile, clientCaFile, keyStore, trust);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(KEY_VARIABLE + ": cannot use the key with the certificates in "
          + certificateFile + ": " + e.getMessage(), e);
    }
  }

  public boolean mutual() {
    return clientTrust.isPresent();
  }

  /** An https-only connector: with TLS on, the ingress serves no plain HTTP at all (no redirect either). */
  public Connector connector(Server server, HttpConfiguration base, String host, int port) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStore(keyStore);
    ssl.setKeyStorePassword(new String(IN_MEMORY_PASSWORD));
    ssl.setKeyManagerPassword(new String(IN_MEMORY_PASSWORD));
    ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    clientTrust.ifPresent(trust -> {
      ssl.setTrustStore(trust);
      ssl.setNeedClientAuth(true);
    });
    HttpConfiguration https = new HttpConfiguration(base);
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    // clients reach instances by address or by service name; the certificate's names are the operator's affair
    secure.setSniHostCheck(false);
    https.addCustomizer(secure);
    ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
        new HttpConnectionFactory(https));
    connector.setHost(host);
    connector.setPort(port);
    return connector;
  }

  /** The key must sign what the chain's first certificate verifies, or clients would fail every handshake. */
  private static void requirePair(PrivateKey key, Certificate leaf, Path certificateFile)
      throws GeneralSecurityException {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      default -> key.getAlgorithm();
    };
    byte[] probe = "fusion-tls-key-check".getBytes(StandardCharsets.US_ASCII);
    Signature signer = Signature.getInstance(algorithm);
    signer.initSign(key);
    signer.update(probe);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance(algorithm);
    boolean matches;
    try {
      verifier.initVerify(leaf.getPublicKey());
      verifier.update(probe);
      matches = verifier.verify(signature);
    } catch (GeneralSecurityException differentKind) {
      matches = false;
    }
    if (!matches) {
      throw new IllegalArgumentException(KEY_VARIABLE + ": the key is not the one of the first certificate in "
          + certificateFile + " (the chain starts with the server's own certificate)");
    }
  }

  private static List<Certificate> certificates(String variable, Path file) {
    String text = read(variable, file);
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      List<Certificate> certificates = List.copyOf(
          factory.generateCertificates(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII))));
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException(variable + ": no PEM certificate in " + file);
      }
      return certificates;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(variable + ": not a PEM certificate chain: " + file + " (" + e.getMessage()
          + ")", e);
    }
  }

  private static PrivateKey privateKey(Path file) {
    String text = read(KEY_VARIABLE, file);
    Matcher pem = PEM.matcher(text);
    if (!pem.find() || !pem.group(1).equals("PRIVATE KEY")) {
      throw new IllegalArgumentException(KEY_VARIABLE + ": " + file + " holds no unencrypted PKCS#8 key"
          + " (-----BEGIN PRIVATE KEY-----; convert with: openssl pkcs8 -topk8 -nocrypt -in key.pem)");
    }
    byte[] der = Base64.getMimeDecoder().decode(pem.group(2));
    for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException notThisOne) {
        // try the next algorithm
      }
    }
    throw new IllegalArgumentException(KEY_VARIABLE + ": " + file + ": not an RSA, EC or Ed25519 PKCS#8 key");
  }

  private static String read(String variable, Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException | SecurityException e) {
      throw new IllegalArgumentException(variable + ": cannot read " + file + " (" + e + ")", e);
    }
  }

  private static Optional<String> named(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(value -> !value.isEmpty());
  }

  @Override
  public String toString() {
    return "IngressTls[" + certificateFile + ", " + keyFile + clientCaFile.map(ca -> ", clients of " + ca).orElse("")
        + "]";
  }
}
