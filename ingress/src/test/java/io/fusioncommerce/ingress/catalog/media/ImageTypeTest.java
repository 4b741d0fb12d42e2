package io.fusioncommerce.ingress.catalog.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImageTypeTest {

  @Test
  void theTypeComesFromTheMagicBytes() throws Exception {
    assertThat(detect(TestImages.image("png", 3, 3))).isEqualTo("image/png");
    assertThat(detect(TestImages.image("jpg", 3, 3))).isEqualTo("image/jpeg");
    assertThat(detect(TestImages.image("gif", 3, 3))).isEqualTo("image/gif");
    assertThat(detect(TestImages.webp())).isEqualTo("image/webp");
    assertThat(detect("plain words".getBytes(StandardCharsets.UTF_8))).isEqualTo("text/plain");
    assertThat(detect("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("image/svg+xml");
    assertThat(ImageType.ofMimeType("image/svg+xml")).isEmpty();
  }

  @Test
  void detectionLeavesTheStreamWhereItWas() throws Exception {
    byte[] png = TestImages.image("png", 3, 3);
    var in = new BufferedInputStream(new ByteArrayInputStream(png));
    ImageType.detect(in);
    assertThat(in.readAllBytes()).isEqualTo(png);
  }

  @Test
  void declaredTypesAreReadLikeContentTypeHeadersAndCommonAliasesCount() {
    assertThat(ImageType.baseType("IMAGE/PNG; charset=binary")).contains("image/png");
    assertThat(ImageType.baseType(null)).isEmpty();
    assertThat(ImageType.baseType(" ")).isEmpty();
    assertThat(ImageType.ofMimeType("image/jpg")).contains(ImageType.JPEG);
    assertThat(ImageType.ofMimeType("image/pjpeg")).contains(ImageType.JPEG);
    assertThat(ImageType.ofMimeType("image/x-png")).contains(ImageType.PNG);
    assertThat(ImageType.allowed()).isEqualTo("image/jpeg, image/png, image/webp, image/gif");
  }

  @Test
  void onlyTheModulesOwnKeysOfTheCallersTenantAreServed() {
    String key = "acme/products/SKU-1/0b5c8f62-3a1e-4f6b-9a57-2f0c1d2e3f40.png";
    assertThat(ProductMediaRoutes.isOwnedBy(key, "acme")).isTrue();
    assertThat(ProductMediaRoutes.isOwnedBy(key, "globex")).isFalse();
    assertThat(ProductMediaRoutes.isOwnedBy("acme/products/SKU-1/../x.png", "acme")).isFalse();
    assertThat(ProductMediaRoutes.isOwnedBy("acme/vendors/v1/0b5c8f62-3a1e-4f6b-9a57-2f0c1d2e3f40.png", "acme")).isFalse();
    assertThat(ProductMediaRoutes.isOwnedBy("acme/products/SKU-1/extra/0b5c8f62-3a1e-4f6b-9a57-2f0c1d2e3f40.png", "acme"))
        .isFalse();
  }

  @Test
  void theUploadLimitIsFiveMebibytesUnlessConfigured() {
    assertThat(MediaSettings.fromEnvironment(java.util.Map.of()).maxUploadBytes()).isEqualTo(5L * 1024 * 1024);
    assertThat(MediaSettings.fromEnvironment(java.util.Map.of("FUSION_MEDIA_MAX_BYTES", "1048576")).maxUploadBytes())
        .isEqualTo(1_048_576);
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> MediaSettings.fromEnvironment(java.util.Map.of("FUSION_MEDIA_MAX_BYTES", "lots")))
        .hasMessageContaining("FUSION_MEDIA_MAX_BYTES");
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> MediaSettings.fromEnvironment(java.util.Map.of("FUSION_MEDIA_MAX_BYTES", "0")))
        .hasMessageContaining("FUSION_MEDIA_MAX_BYTES");
  }

  private static String detect(byte[] bytes) {
    return ImageType.detect(new BufferedInputStream(new ByteArrayInputStream(bytes)));
  }
}
