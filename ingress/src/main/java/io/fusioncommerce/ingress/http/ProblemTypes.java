package io.fusioncommerce.ingress.http;

/** Problem type identifiers: URNs, stable and documented in the OpenAPI document. */
public final class ProblemTypes {
  private ProblemTypes() {}

  public static String uri(String slug) {
    return "urn:fusioncommerce:problem:" + slug;
  }
}
