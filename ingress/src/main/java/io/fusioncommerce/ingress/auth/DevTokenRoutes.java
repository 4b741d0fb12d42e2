package io.fusioncommerce.ingress.auth;

import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.Bodies;
import io.fusioncommerce.ingress.openapi.DocumentedRoutes;
import io.javalin.http.Context;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The development issuer's endpoints; registered in embedded mode only. */
public record DevTokenRoutes(DevTokenIssuer issuer, Bodies bodies) {

  /** A request for a development token. */
  public record DevTokenRequest(
      @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,62}", message = "lower-case letters, digits, - and _") String tenant,
      @NotBlank String sub,
      @NotEmpty List<@NotBlank String> roles,
      String vendor,
      String org,
      @jakarta.validation.constraints.Email @jakarta.validation.constraints.Size(max = 254) String email,
      @Min(60) @Max(86400) Integer ttlSeconds) {}

  /** The issued token. */
  public record DevTokenResponse(String token, String tokenType, long expiresIn) {}

  public void register(DocumentedRoutes routes) {
    routes.post("/v1/auth/dev-token", this::issue, Access.ANONYMOUS)
        .tag("Auth").summary("Issue a development token (embedded mode only)")
        .body(DevTokenRequest.class).response(200, DevTokenResponse.class, "A signed JWT");
    routes.get("/.well-known/jwks.json", this::jwks, Access.ANONYMOUS)
        .tag("Auth").summary("Public keys of the development issuer (JWK set)");
  }

  private void issue(Context ctx) {
    DevTokenRequest request = bodies.read(ctx, DevTokenRequest.class);
    for (int i = 0; i < request.roles().size(); i++) {
      if (Role.fromClaim(request.roles().get(i)).isEmpty()) {
        throw ApiException.invalidField("roles[" + i + "]", "unknown role; use operator, admin, vendor, customer or analyst");
      }
    }
    if (request.roles().contains(Role.VENDOR.claimValue()) && (request.vendor() == null || request.vendor().isBlank())) {
      throw ApiException.invalidField("vendor", "a vendor token needs the vendor id");
    }
    long ttl = request.ttlSeconds() == null ? 3600 : request.ttlSeconds();
    String token = issuer.issue(request.sub(), request.tenant(), request.roles(), request.vendor(), request.org(),
        request.email(), Duration.ofSeconds(ttl));
    ctx.status(200).json(new DevTokenResponse(token, "Bearer", ttl));
  }

  private void jwks(Context ctx) {
    Map<String, Object> keys = issuer.publicKeys().toJSONObject(true);
    ctx.json(keys);
  }
}
