package io.fusioncommerce.ingress.catalog.media;

import io.swagger.v3.oas.annotations.media.Schema;

/** The bytes of a stored object, for the OpenAPI document. */
@Schema(name = "MediaContent", type = "string", format = "binary")
final class MediaContent {
  private MediaContent() {}
}
