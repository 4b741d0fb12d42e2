package io.fusioncommerce.ingress.catalog.media;

import io.swagger.v3.oas.annotations.media.Schema;

/** The multipart form of an upload, for the OpenAPI document: one part named {@code file}. */
@Schema(name = "MediaUploadForm", requiredProperties = {"file"})
record MediaUploadForm(
    @Schema(type = "string", format = "binary",
        description = "The image: JPEG, PNG, WebP or GIF; its bytes decide its type, not the part's Content-Type")
    Object file) {}
