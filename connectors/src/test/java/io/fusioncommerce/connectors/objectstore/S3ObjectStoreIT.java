package io.fusioncommerce.connectors.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The S3 object store against the embedded mode's real S3 server (S3Proxy, filesystem backend). */
class S3ObjectStoreIT {

  @TempDir static Path objects;
  static EmbeddedS3Server server;
  static S3ObjectStore store;

  @BeforeAll
  static void start() {
    server = EmbeddedS3Server.start(objects, 0);
    store = S3ObjectStore.connect(server.clientSettings("media-test"));
  }

  @AfterAll
  static void stop() {
    store.close();
    server.close();
  }

  @Test
  void anObjectIsStoredAndReadBackWithItsContentTypeAndLength() throws Exception {
    byte[] bytes = "hello, object store".getBytes(StandardCharsets.UTF_8);
    store.put("acme/products/SKU-1/a.txt", new ByteArrayInputStream(bytes), bytes.length, "text/plain");

    assertThat(store.exists("acme/products/SKU-1/a.txt")).isTrue();
    try (StoredObject object = store.get("acme/products/SKU-1/a.txt").orElseThrow()) {
      assertThat(object.content().readAllBytes()).isEqualTo(bytes);
      assertThat(object.contentType()).isEqualTo("text/plain");
      assertThat(object.length()).isEqualTo(bytes.length);
      assertThat(object.etag()).hasValueSatisfying(tag -> assertThat(tag).isNotBlank());
    }
  }

  @Test
  void aMissingObjectIsEmptyNotAnError() {
    assertThat(store.get("acme/nothing/here.png")).isEmpty();
    assertThat(store.exists("acme/nothing/here.png")).isFalse();
    store.delete("acme/nothing/here.png");
  }

  @Test
  void aDeletedObjectIsGone() {
    store.put("acme/gone.bin", new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, "application/octet-stream");
    store.delete("acme/gone.bin");
    assertThat(store.exists("acme/gone.bin")).isFalse();
    assertThat(store.get("acme/gone.bin")).isEmpty();
  }

  @Test
  void aPutReplacesWhatWasThere() throws Exception {
    store.put("acme/replaced.txt", new ByteArrayInputStream("one".getBytes()), 3, "text/plain");
    store.put("acme/replaced.txt", new ByteArrayInputStream("second".getBytes()), 6, "text/markdown");
    try (StoredObject object = store.get("acme/replaced.txt").orElseThrow()) {
      assertThat(new String(object.content().readAllBytes())).isEqualTo("second");
      assertThat(object.contentType()).isEqualTo("text/markdown");
    }
  }

  @Test
  void largeObjectsStreamBothWays() throws Exception {
    int size = 12 * 1024 * 1024 + 7;
    byte[] bytes = new byte[size];
    new Random(42).nextBytes(bytes);
    store.put("acme/large.bin", new ByteArrayInputStream(bytes), size, "application/octet-stream");
    try (StoredObject object = store.get("acme/large.bin").orElseThrow(); InputStream in = object.content()) {
      assertThat(object.length()).isEqualTo(size);
      assertThat(sha256(in)).isEqualTo(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
  }

  @Test
  void aMissingBucketIsCreatedAndObjectsAreFilesUnderTheDirectory() {
    try (S3ObjectStore other = S3ObjectStore.connect(server.clientSettings("fresh-bucket"))) {
      assertThat(other.isHealthy()).isTrue();
      other.put("t1/x.txt", new ByteArrayInputStream("x".getBytes()), 1, "text/plain");
      assertThat(other.exists("t1/x.txt")).isTrue();
      assertThat(store.exists("t1/x.txt")).as("buckets are separate").isFalse();
    }
    assertThat(Files.isDirectory(objects.resolve("fresh-bucket"))).isTrue();
    // reconnecting to an existing bucket is fine
    try (S3ObjectStore again = S3ObjectStore.connect(server.clientSettings("fresh-bucket"))) {
      assertThat(again.exists("t1/x.txt")).isTrue();
    }
  }

  @Test
  void objectsSurviveARestartOfTheServer(@TempDir Path dir) throws Exception {
    EmbeddedS3Server first = EmbeddedS3Server.start(dir, 0);
    try (S3ObjectStore before = S3ObjectStore.connect(first.clientSettings("persist"))) {
      before.put("acme/kept.txt", new ByteArrayInputStream("kept".getBytes()), 4, "text/plain");
    } finally {
      first.close();
    }
    EmbeddedS3Server second = EmbeddedS3Server.start(dir, 0);
    try (S3ObjectStore after = S3ObjectStore.connect(second.clientSettings("persist"));
        StoredObject object = after.get("acme/kept.txt").orElseThrow()) {
      assertThat(new String(object.content().readAllBytes())).isEqualTo("kept");
      assertThat(object.contentType()).isEqualTo("text/plain");
    } finally {
      second.close();
    }
  }

  @Test
  void wrongCredentialsAreRefused() {
    var settings = S3ObjectStore.Settings.of(server.endpoint(), EmbeddedS3Server.REGION, "media-test",
        server.accessKeyId(), "not-the-secret");
    assertThatThrownBy(() -> S3ObjectStore.connect(settings)).isInstanceOf(ObjectStoreException.class)
        .hasMessageContaining("media-test");
  }

  @Test
  void anUnreachableStoreIsUnhealthyAndFailsLoudly(@TempDir Path dir) {
    EmbeddedS3Server stopped = EmbeddedS3Server.start(dir, 0);
    S3ObjectStore client = S3ObjectStore.connect(stopped.clientSettings("soon-gone"));
    stopped.close();
    try {
      assertThat(client.isHealthy()).isFalse();
      assertThatThrownBy(() -> client.get("acme/a.png")).isInstanceOf(ObjectStoreException.class);
    } finally {
      client.close();
    }
  }

  @Test
  void aStoreThatIsStillStartingIsWaitedFor(@TempDir Path dir) throws Exception {
    int port;
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    var settings = S3ObjectStore.Settings.of(java.net.URI.create("http://127.0.0.1:" + port), EmbeddedS3Server.REGION,
        "late", "late-id", "late-secret");
    assertThatThrownBy(() -> S3ObjectStore.connect(settings)).isInstanceOf(ObjectStoreException.class);

    var late = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        Thread.sleep(1500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return EmbeddedS3Server.start(dir, port, "late-id", "late-secret");
    });
    try (S3ObjectStore patient = S3ObjectStore.connect(settings, java.time.Duration.ofSeconds(30))) {
      assertThat(patient.isHealthy()).isTrue();
    } finally {
      late.join().close();
    }
  }

  @Test
  void keysAreCheckedBeforeAnythingIsSent() {
    for (String bad : new String[] {"", "/leading", "trailing/", "a//b", "../etc/passwd", "a/./b", "sp ace", "ü"}) {
      assertThatThrownBy(() -> store.exists(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(ObjectKeys.isValid("acme/products/SKU-1.red_42/0b5c-4e.png")).isTrue();
  }

  private static byte[] sha256(InputStream in) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    byte[] buffer = new byte[64 * 1024];
    for (int n; (n = in.read(buffer)) > 0; ) {
      digest.update(buffer, 0, n);
    }
    return digest.digest();
  }
}
