package io.fusioncommerce.connectors.objectstore;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An {@link ObjectStore} on one bucket of an S3-compatible store, through the AWS SDK v2: AWS S3 itself,
 * MinIO in production, the embedded mode's {@link EmbeddedS3Server}. Creates its bucket when it is missing.
 *
 * <p>Request checksums are sent only where S3 requires them: the SDK's default (a CRC trailer on every
 * upload) is not understood by every S3-compatible server.
 */
public final class S3ObjectStore implements ObjectStore, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(S3ObjectStore.class);
  private static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

  /**
   * @param endpoint the store's URL; empty for AWS S3 (derived from the region)
   * @param region signing region (MinIO and the embedded store accept {@code us-east-1})
   * @param bucket the one bucket every key lives in
   * @param accessKeyId with {@code secretAccessKey}: static credentials; both empty: the SDK's default chain
   *     (environment, profile, container or instance role)
   * @param pathStyle {@code http://host/bucket/key} addressing, as MinIO and the embedded store need
   */
  public record Settings(Optional<URI> endpoint, String region, String bucket, Optional<String> accessKeyId,
      Optional<String> secretAccessKey, boolean pathStyle) {

    public Settings {
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(accessKeyId, "accessKeyId");
      Objects.requireNonNull(secretAccessKey, "secretAccessKey");
      if (region == null || region.isBlank()) {
        throw new IllegalArgumentException("a region is required");
      }
      if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
        throw new IllegalArgumentException("not a valid S3 bucket name: " + bucket);
      }
      if (accessKeyId.isPresent() != secretAccessKey.isPresent()) {
        throw new IllegalArgumentException("give both an access key id and a secret access key, or neither");
      }
    }

    /** A path-style store at {@code endpoint} with static credentials (MinIO, the embedded store). */
    public static Settings of(URI endpoint, String region, String bucket, String accessKeyId, String secretAccessKey) {
      return new Settings(Optional.of(endpoint), region, bucket, Optional.of(accessKeyId), Optional.of(secretAccessKey),
          true);
    }
  }

  private final S3Client s3;
  private final String bucket;
  private final String description;

  private S3ObjectStore(S3Client s3, String bucket, String description) {
    this.s3 = s3;
    this.bucket = bucket;
    this.description = description;
  }

  /** Connects and makes sure the bucket exists (creating it if not); fails when the store cannot be reached. */
  public static S3ObjectStore connect(Settings settings) {
    return connect(settings, Duration.ZERO);
  }

  /**
   * Like {@link #connect(Settings)}, but waits up to {@code patience} for a store that cannot be reached yet
   * (a MinIO container still starting). A store that answers with an error (wrong credentials, say) fails at once.
   */
  public static S3ObjectStore connect(Settings settings, Duration patience) {
    if (patience.compareTo(Duration.ofSeconds(1)) < 0) {
      return connectOnce(settings);
    }
    RetryPolicy<Object> unreachable = RetryPolicy.builder()
        .handleIf(e -> e instanceof ObjectStoreException && e.getCause() instanceof SdkClientException)
        .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(5))
        .withMaxDuration(patience)
        .withMaxRetries(-1)
        .onRetry(event -> LOG.atInfo().addKeyValue("store", settings.endpoint().map(Object::toString).orElse("s3"))
            .log("object store not reachable yet, retrying"))
        .build();
    try {
      return Failsafe.with(unreachable).get(() -> connectOnce(settings));
    } catch (FailsafeException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
    }
  }

  private static S3ObjectStore connectOnce(Settings settings) {
    S3ClientBuilder builder = S3Client.builder()
        .region(Region.of(settings.region()))
        .forcePathStyle(settings.pathStyle())
        .credentialsProvider(credentials(settings))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .httpClientBuilder(Apache5HttpClient.builder()
            .maxConnections(64)
            .connectionTimeout(Duration.ofSeconds(2))
            .socketTimeout(Duration.ofSeconds(30)))
        .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(60)));
    settings.endpoint().ifPresent(builder::endpointOverride);
    String description = settings.endpoint().map(e -> e.toString().replaceAll("/+$", "") + "/" + settings.bucket())
        .orElse("s3://" + settings.bucket());
    S3ObjectStore store = new S3ObjectStore(builder.build(), settings.bucket(), description);
    try {
      store.ensureBucket(settings.region());
      return store;
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  private static AwsCredentialsProvider credentials(Settings settings) {
    if (settings.accessKeyId().isPresent()) {
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create(settings.accessKeyId().get(), settings.secretAccessKey().orElseThrow()));
    }
    return DefaultCredentialsProvider.builder().build();
  }

  private void ensureBucket(String region) {
    try {
      s3.headBucket(b -> b.bucket(bucket));
      return;
    } catch (NoSuchBucketException missing) {
      // create it below
    } catch (S3Exception e) {
      if (e.statusCode() != 404) {
        throw failure("cannot reach the bucket", e);
      }
    } catch (SdkException e) {
      throw failure("cannot reach the bucket", e);
    }
    try {
      CreateBucketRequest.Builder create = CreateBucketRequest.builder().bucket(bucket);
      if (!Region.US_EAST_1.id().equals(region)) {
        create.createBucketConfiguration(c -> c.locationConstraint(region));
      }
      s3.createBucket(create.build());
      LOG.atInfo().addKeyValue("bucket", description).log("bucket created");
    } catch (BucketAlreadyOwnedByYouException raced) {
      // another instance created it at the same time
    } catch (SdkException e) {
      throw failure("cannot create the bucket", e);
    }
  }

  @Override
  public void put(String key, InputStream content, long length, String contentType) {
    ObjectKeys.requireValid(key);
    if (length < 0) {
      throw new IllegalArgumentException("length must not be negative");
    }
    try {
      s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType).contentLength(length)
          .build(), RequestBody.fromInputStream(content, length));
    } catch (SdkException e) {
      throw failure("cannot store " + key, e);
    }
  }

  @Override
  public Optional<StoredObject> get(String key) {
    ObjectKeys.requireValid(key);
    return ifFound("cannot read ", key, () -> {
      ResponseInputStream<GetObjectResponse> content = s3.getObject(b -> b.bucket(bucket).key(key));
      GetObjectResponse response = content.response();
      String type = response.contentType() != null ? response.contentType() : DEFAULT_CONTENT_TYPE;
      return new StoredObject(content, type, response.contentLength(), Optional.ofNullable(response.eTag()));
    });
  }

  @Override
  public void delete(String key) {
    ObjectKeys.requireValid(key);
    try {
      s3.deleteObject(b -> b.bucket(bucket).key(key));
    } catch (SdkException e) {
      throw failure("cannot delete " + key, e);
    }
  }

  @Override
  public boolean exists(String key) {
    ObjectKeys.requireValid(key);
    return ifFound("cannot look up ", key, () -> s3.headObject(b -> b.bucket(bucket).key(key))).isPresent();
  }

  /**
   * What {@code call} on one object answers, or empty when S3 says there is no such object: a missing
   * key, or a bare 404 (a HEAD request gets no error body to name the key). Any other error fails with
   * {@code failing} and the key.
   */
  private <T> Optional<T> ifFound(String failing, String key, Supplier<T> call) {
    try {
      return Optional.of(call.get());
    } catch (NoSuchKeyException missing) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw failure(failing + key, e);
    } catch (SdkException e) {
      throw failure(failing + key, e);
    }
  }

  @Override
  public boolean isHealthy() {
    try {
      s3.headBucket(b -> b.bucket(bucket));
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public String describe() {
    return description;
  }

  private ObjectStoreException failure(String what, SdkException cause) {
    return new ObjectStoreException(what + " in " + description + ": " + cause.getMessage(), cause);
  }

  @Override
  public void close() {
    s3.close();
  }
}
