package io.fusioncommerce.ingress.catalog.media;

import io.fusioncommerce.connectors.objectstore.ObjectKeys;
import io.fusioncommerce.connectors.objectstore.ObjectStore;
import io.fusioncommerce.connectors.objectstore.ObjectStoreException;
import io.fusioncommerce.connectors.objectstore.StoredObject;
import io.fusioncommerce.ingress.ApiContext;
import io.fusioncommerce.ingress.ApiModule;
import io.fusioncommerce.ingress.auth.Access;
import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.ingress.commands.CommandIds;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.RequestContext;
import io.fusioncommerce.ingress.inventory.InventoryRoutes;
import io.fusioncommerce.ingress.openapi.DocumentedRoutes;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.javalin.http.util.MultipartUtil;
import jakarta.servlet.MultipartConfigElement;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Product images in the object store.
 *
 * <p>{@code POST /v1/products/{sku}/media} takes one multipart part {@code file}, decides its type from
 * its bytes (JPEG, PNG, WebP or GIF; anything else, or a part that declares another type than its bytes
 * are, answers 415), stores it under {@code <tenant>/products/<sku>/<id>.<ext>} and attaches it to the
 * product through {@link ProductMediaCatalog}. Files above {@link MediaSettings#maxUploadBytes()} answer
 * 413; this route alone gets that limit, the rest of the API keeps the ingress's general one.
 *
 * <p>{@code GET /v1/media/<key>} streams an object back to members of the tenant that owns it; for
 * everyone else it does not exist (404). Keys never get new content, so answers carry long private
 * cache lifetimes and an ETag.
 */
public final class ProductMediaRoutes implements ApiModule {

  private static final Logger LOG = LoggerFactory.getLogger(ProductMediaRoutes.class);

  public static final String UPLOAD_PATH = "/v1/products/{sku}/media";
  public static final String MEDIA_PATH = "/v1/media/<key>";
  /** Images of ACTIVE products for anyone (a storefront's {@code <img>} has no token). */
  public static final String PUBLIC_MEDIA_PATH = "/v1/public/media/<key>";
  public static final String PUBLIC_URL_PREFIX = "/v1/public/media/";
  /**
   * Public answers may be kept by browsers and shared caches, but only briefly: the bytes under a key never
   * change, yet an archived or rejected product's images must stop being served soon after.
   */
  public static final String PUBLIC_CACHE_CONTROL = "public, max-age=300";
  public static final String URL_PREFIX = "/v1/media/";
  public static final String FILE_PART = "file";
  public static final String CACHE_CONTROL = "private, max-age=31536000, immutable";
  /** Room for the multipart envelope around the file: boundaries and part headers. */
  static final long ENVELOPE_BYTES = 64 * 1024;
  /** Parts above this are spooled to a temporary file (deleted with the request) rather than held in memory. */
  private static final int IN_MEMORY_BYTES = 256 * 1024;
  private static final Pattern OBJECT_NAME = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.[a-z]+");
  private static final String OCTET_STREAM = "application/octet-stream";

  private final ObjectStore objects;
  private final ProductMediaCatalog catalog;
  private final MediaSettings settings;

  public ProductMediaRoutes(ObjectStore objects, ProductMediaCatalog catalog, MediaSettings settings) {
    this.objects = Objects.requireNonNull(objects, "objects");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public ProductMediaRoutes(ObjectStore objects, ProductMediaCatalog catalog) {
    this(objects, catalog, MediaSettings.defaults());
  }

  @Override
  public void register(DocumentedRoutes routes, ApiContext api) {
    routes.post(UPLOAD_PATH, ctx -> upload(ctx, api), Role.ADMIN, Role.VENDOR)
        .tag("Catalog").summary("Upload an image of a product")
        .description("`multipart/form-data` with one part named `file`: a JPEG, PNG, WebP or GIF of at most "
            + settings.maxUploadBytes() + " bytes. Its type is read from its bytes; a part that declares another "
            + "type is refused. The image is stored under `<tenant>/products/<sku>/<id>.<ext>` and attached to the "
            + "product; `url` (and `Location`) is where it is served. With an `Idempotency-Key`, a repeated upload "
            + "gives the same `url`.")
        .body(MediaUploadForm.class, "multipart/form-data").idempotent()
        .response(201, MediaUploaded.class, "Stored and attached to the product")
        .problem(404, "No such product in the caller's tenant")
        .problem(413, "The file is larger than the upload limit")
        .problem(422, "The Idempotency-Key was used for a different file")
        .problem(415, "Not multipart/form-data, or the file is not an allowed image type, "
            + "or not the type its part declares")
        .problem(503, "The object store cannot be reached; retry");
    routes.get(MEDIA_PATH, this::download, Role.ANY)
        .tag("Catalog").summary("A stored media object, such as a product image")
        .description("Streams the object with its content type. Only members of the tenant that owns it may read "
            + "it; for anyone else it does not exist (404). An object never changes under its key: answers may be "
            + "cached privately for a year, and `If-None-Match` with its `ETag` answers 304.")
        .response(200, MediaContent.class, "The object's bytes", "image/*")
        .response(304, null, "Not modified: the ETag in If-None-Match is current")
        .problem(404, "No such object in the caller's tenant")
        .problem(503, "The object store cannot be reached; retry");
    routes.get(PUBLIC_MEDIA_PATH, this::publicDownload, Access.ANONYMOUS)
        .tag("Catalog").summary("An image of an ACTIVE product, without a token (storefront <img>)")
        .description("The same object as /v1/media/<key>, for anyone, while the product it belongs to is ACTIVE and "
            + "the image is one of its media; otherwise it does not exist (404). Answers may be cached publicly for "
            + "five minutes; `If-None-Match` with its `ETag` answers 304.")
        .response(200, MediaContent.class, "The image's bytes", "image/*")
        .response(304, null, "Not modified: the ETag in If-None-Match is current")
        .problem(404, "No such image of an ACTIVE product")
        .problem(503, "The object store cannot be reached; retry");
  }

  private void upload(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    String sku = InventoryRoutes.sku(ctx);
    catalog.requireEditable(principal, sku);
    if (!ctx.isMultipartFormData()) {
      throw unsupported("send the image as multipart/form-data, in a part named " + FILE_PART);
    }
    long maxRequest = settings.maxUploadBytes() + ENVELOPE_BYTES;
    if (ctx.req().getContentLengthLong() > maxRequest) {
      throw tooLarge();
    }
    UploadedFile file = uploadedFile(ctx, maxRequest);
    if (file.size() > settings.maxUploadBytes()) {
      throw tooLarge();
    }
    if (file.size() == 0) {
      throw ApiException.invalidField(FILE_PART, "is empty");
    }
    String id = CommandIds.forRequest(ctx, principal, "product-media:" + sku);
    try (InputStream content = new BufferedInputStream(file.content(), 64 * 1024)) {
      ImageType type = imageType(content, file.contentType());
      String key = principal.tenantId() + "/products/" + sku + "/" + id + "." + type.extension();
      StoredMedia media = new StoredMedia(key, URL_PREFIX + key, type.mimeType(), file.size(), api.clock().instant());
      boolean repeat = ctx.header(CommandIds.IDEMPOTENCY_HEADER) != null && available(() -> objects.exists(key));
      if (repeat) {
        // the first request stored it: never overwrite (answers are cached as immutable), only confirm
        requireSameContent(key, file);
      } else {
        available(() -> {
          objects.put(key, content, file.size(), type.mimeType());
          return null;
        });
      }
      attach(principal, sku, media, repeat);
      LOG.atInfo().addKeyValue("key", key).addKeyValue("bytes", file.size()).log("product media stored");
      ctx.status(201).header("Location", media.url()).json(MediaUploaded.of(media));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the upload", e);
    }
  }

  /** Parses the multipart body with this route's limit, which replaces the ingress-wide multipart limit. */
  private UploadedFile uploadedFile(Context ctx, long maxRequest) {
    ctx.req().setAttribute(MultipartUtil.MULTIPART_CONFIG_ATTRIBUTE, new MultipartConfigElement(
        System.getProperty("java.io.tmpdir"), settings.maxUploadBytes(), maxRequest, IN_MEMORY_BYTES));
    UploadedFile file;
    try {
      file = ctx.uploadedFile(FILE_PART);
    } catch (Exception e) { // Javalin (Kotlin) lets the servlet API's checked ServletException through
      if (exceedsLimit(e)) {
        throw tooLarge();
      }
      throw ApiException.badRequest("the multipart body could not be read: " + rootMessage(e));
    }
    if (file == null) {
      throw ApiException.invalidField(FILE_PART, "a part named " + FILE_PART + " with the image is required");
    }
    return file;
  }

  private ImageType imageType(InputStream content, String declaredContentType) {
    String detected = ImageType.detect(content);
    ImageType type = ImageType.ofMimeType(detected).orElseThrow(() ->
        unsupported("the file is " + detected + "; allowed are " + ImageType.allowed()));
    Optional<String> declared = ImageType.baseType(declaredContentType);
    if (declared.isPresent() && !declared.get().equals(OCTET_STREAM)
        && ImageType.ofMimeType(declared.get()).filter(type::equals).isEmpty()) {
      throw unsupported("the part declares " + declared.get() + " but the file is " + type.mimeType());
    }
    return type;
  }

  /** A repeat under the same Idempotency-Key must carry the same file as the request that stored it. */
  private void requireSameContent(String key, UploadedFile file) throws IOException {
    byte[] stored;
    try (StoredObject object = available(() -> objects.get(key)).orElseThrow(() -> notFound(key))) {
      stored = sha256(object.content());
    }
    try (InputStream uploaded = file.content()) {
      if (!MessageDigest.isEqual(stored, sha256(uploaded))) {
        throw new ApiException(422, "idempotency-key-reused", "Idempotency-Key reused",
            "this Idempotency-Key was used for a different file", List.of());
      }
    }
  }

  private static byte[] sha256(InputStream content) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (int read; (read = content.read(buffer)) > 0; ) {
        digest.update(buffer, 0, read);
      }
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private void attach(Principal principal, String sku, StoredMedia media, boolean repeat) {
    try {
      catalog.attach(principal, sku, media);
    } catch (RuntimeException e) {
      // a first upload leaves nothing behind; a repeat must keep the object its first request attached
      if (!repeat) {
        try {
          objects.delete(media.key());
        } catch (RuntimeException cleanup) {
          e.addSuppressed(cleanup);
        }
      }
      throw e;
    }
  }

  private void download(Context ctx) {
    Principal principal = RequestContext.principal(ctx);
    String key = ctx.pathParam("key");
    if (!isOwnedBy(key, principal.tenantId())) {
      throw notFound(key);
    }
    serve(ctx, key, CACHE_CONTROL);
  }

  private void publicDownload(Context ctx) {
    String key = ctx.pathParam("key");
    String[] segments = key.split("/");
    if (segments.length != 4 || !isOwnedBy(key, segments[0])
        || !catalog.isPublic(segments[0], segments[2], key)) {
      throw notFound(key);
    }
    serve(ctx, key, PUBLIC_CACHE_CONTROL);
  }

  private void serve(Context ctx, String key, String cacheControl) {
    StoredObject object = available(() -> objects.get(key)).orElseThrow(() -> notFound(key));
    ctx.header("Cache-Control", cacheControl);
    ctx.header("X-Content-Type-Options", "nosniff");
    object.etag().ifPresent(etag -> ctx.header("ETag", etag));
    if (object.etag().isPresent() && matches(ctx.header("If-None-Match"), object.etag().get())) {
      closeQuietly(object);
      ctx.status(304);
      return;
    }
    ctx.header("Content-Length", Long.toString(object.length()));
    ctx.contentType(object.contentType());
    ctx.result(object.content());
  }

  /** Keys this module writes: {@code <tenant>/products/<sku>/<uuid>.<ext>}, of the caller's own tenant. */
  static boolean isOwnedBy(String key, String tenantId) {
    if (!ObjectKeys.isValid(key)) {
      return false;
    }
    String[] segments = key.split("/");
    return segments.length == 4
        && segments[0].equals(tenantId)
        && segments[1].equals("products")
        && InventoryRoutes.SKU.matcher(segments[2]).matches()
        && OBJECT_NAME.matcher(segments[3]).matches();
  }

  private static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    List<String> tags = Arrays.stream(ifNoneMatch.split(",")).map(String::trim)
        .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag).toList();
    return tags.contains("*") || tags.contains(etag);
  }

  /**
   * Jetty reports a part or body over the multipart limits as a "400: bad multipart" caused by an
   * IllegalStateException "max file size exceeded" (or "max length exceeded").
   */
  private static boolean exceedsLimit(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      String message = String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT);
      if (message.contains("exceed") || message.contains("too large") || message.contains("413")) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage());
  }

  private static <T> T available(java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (ObjectStoreException e) {
      LOG.warn("object store call failed", e);
      throw ApiException.unavailable("the object store cannot be reached; retry later");
    }
  }

  private static void closeQuietly(StoredObject object) {
    try {
      object.close();
    } catch (IOException ignored) {
      // the answer does not need the bytes
    }
  }

  private ApiException tooLarge() {
    return new ApiException(413, "payload-too-large", "Request too large",
        "the file may be at most " + settings.maxUploadBytes() + " bytes", List.of(new io.fusioncommerce.ingress.http.FieldError(
            FILE_PART, "larger than " + settings.maxUploadBytes() + " bytes")));
  }

  private static ApiException unsupported(String detail) {
    return new ApiException(415, "unsupported-media-type", "Unsupported media type", detail, List.of());
  }

  private static ApiException notFound(String key) {
    return ApiException.notFound("no media at " + URL_PREFIX + key);
  }
}
