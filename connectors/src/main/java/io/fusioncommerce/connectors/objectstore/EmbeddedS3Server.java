package io.fusioncommerce.connectors.objectstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The S3 server of embedded mode: S3Proxy with its filesystem backend, in this JVM, bound to 127.0.0.1.
 * Buckets are directories under {@code directory} and objects files in them, so they survive restarts.
 * Requests must be signed (AWS signature v2 or v4) with the credentials this server draws at start;
 * {@link #clientSettings} hands them to an {@link S3ObjectStore}.
 *
 * <p>S3Proxy carries its own, relocated copy of Jetty, so it runs beside the ingress's Javalin/Jetty
 * (ADR 0010). Needs {@code org.gaul:s3proxy} on the class path (an optional dependency of this module).
 */
public final class EmbeddedS3Server implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3Server.class);
  public static final String REGION = "us-east-1";

  private final S3Proxy proxy;
  private final URI endpoint;
  private final String accessKeyId;
  private final String secretAccessKey;

  private EmbeddedS3Server(S3Proxy proxy, URI endpoint, String accessKeyId, String secretAccessKey) {
    this.proxy = proxy;
    this.endpoint = endpoint;
    this.accessKeyId = accessKeyId;
    this.secretAccessKey = secretAccessKey;
  }

  /**
   * Starts the server; returns once it accepts connections.
   *
   * @param directory where buckets and objects live (created if missing)
   * @param requestedPort the port to bind on 127.0.0.1; 0 picks a free one
   */
  public static EmbeddedS3Server start(Path directory, int requestedPort) {
    return start(directory, requestedPort, "fusion-" + random(6), random(24));
  }

  /** Like {@link #start(Path, int)}, with the credentials clients must sign with given. */
  public static EmbeddedS3Server start(Path directory, int requestedPort, String accessKeyId, String secretAccessKey) {
    long begin = System.nanoTime();
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the object store directory " + directory, e);
    }
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(new FilesystemNio2BlobStore(directory.toAbsolutePath().toString()))
        .endpoint(URI.create("http://127.0.0.1:" + requestedPort))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKeyId, secretAccessKey)
        .jettyMaxThreads(32)
        .build();
    try {
      proxy.start();
    } catch (Exception e) {
      stopQuietly(proxy);
      throw new IllegalStateException("the embedded S3 server did not start on port " + requestedPort, e);
    }
    URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    LOG.atInfo().addKeyValue("endpoint", endpoint).addKeyValue("directory", directory)
        .addKeyValue("ms", (System.nanoTime() - begin) / 1_000_000).log("embedded S3 server started");
    return new EmbeddedS3Server(proxy, endpoint, accessKeyId, secretAccessKey);
  }

  public URI endpoint() {
    return endpoint;
  }

  public int port() {
    return endpoint.getPort();
  }

  public String accessKeyId() {
    return accessKeyId;
  }

  public String secretAccessKey() {
    return secretAccessKey;
  }

  /** How an {@link S3ObjectStore} reaches {@code bucket} on this server. */
  public S3ObjectStore.Settings clientSettings(String bucket) {
    return S3ObjectStore.Settings.of(endpoint, REGION, bucket, accessKeyId, secretAccessKey);
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("the embedded S3 server did not stop cleanly", e);
    }
  }

  private static void stopQuietly(S3Proxy proxy) {
    try {
      proxy.stop();
    } catch (Exception ignored) {
      // it did not start either
    }
  }

  private static String random(int bytes) {
    byte[] value = new byte[bytes];
    new SecureRandom().nextBytes(value);
    return HexFormat.of().formatHex(value);
  }
}
