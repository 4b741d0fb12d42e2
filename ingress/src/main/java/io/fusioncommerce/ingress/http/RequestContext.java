package io.fusioncommerce.ingress.http;

import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.schemas.common.Actor;
import io.fusioncommerce.schemas.envelope.Cause;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/** What the ingress attaches to each request: its correlation id and the verified caller. */
public final class RequestContext {

  public static final String CORRELATION_HEADER = "X-Correlation-Id";
  public static final String TRACEPARENT_HEADER = Cause.TRACEPARENT_HEADER;
  private static final String CORRELATION_ATTRIBUTE = "fusion.correlationId";
  private static final String PRINCIPAL_ATTRIBUTE = "fusion.principal";
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

  private RequestContext() {}

  /**
   * The caller's correlation id if it sent a usable one, else the trace id of its W3C traceparent,
   * else a new id. It travels into every command and event the request causes.
   */
  public static String assignCorrelationId(Context ctx) {
    String id = ctx.header(CORRELATION_HEADER);
    if (id == null || !SAFE_ID.matcher(id).matches()) {
      String traceparent = ctx.header(TRACEPARENT_HEADER);
      var match = traceparent == null ? null : TRACEPARENT.matcher(traceparent);
      id = match != null && match.matches() ? match.group(1) : UUID.randomUUID().toString();
    }
    ctx.attribute(CORRELATION_ATTRIBUTE, id);
    ctx.header(CORRELATION_HEADER, id);
    return id;
  }

  public static String correlationId(Context ctx) {
    String id = ctx.attribute(CORRELATION_ATTRIBUTE);
    return id != null ? id : assignCorrelationId(ctx);
  }

  /**
   * The cause of the commands this request sends, for the caller's tenant: its correlation id, the
   * caller as their issuer, and its W3C trace context, which travels on as a record header.
   */
  public static Cause cause(Context ctx, Actor caller, Instant at) {
    return cause(ctx, principal(ctx).tenantId(), caller, at);
  }

  /** The cause of the commands a request without a tenant's token sends (a webhook names its tenant). */
  public static Cause cause(Context ctx, String tenantId, Actor caller, Instant at) {
    return Cause.ofRequest(tenantId, correlationId(ctx), caller, at, ctx.header(TRACEPARENT_HEADER));
  }

  /** The record headers the commands of this request carry: its correlation id and W3C trace context. */
  public static org.apache.kafka.common.header.Headers requestHeaders(Context ctx) {
    return Cause.requestHeaders(correlationId(ctx), ctx.header(TRACEPARENT_HEADER));
  }

  public static void authenticate(Context ctx, Principal principal) {
    ctx.attribute(PRINCIPAL_ATTRIBUTE, principal);
  }

  /** The verified caller, or empty on an anonymous route (the rate limiter keys those by address). */
  public static java.util.Optional<Principal> authenticated(Context ctx) {
    return java.util.Optional.ofNullable(ctx.attribute(PRINCIPAL_ATTRIBUTE));
  }

  /** The verified caller; every /v1 handler runs after authentication, so this is never absent there. */
  public static Principal principal(Context ctx) {
    Principal principal = ctx.attribute(PRINCIPAL_ATTRIBUTE);
    if (principal == null) {
      throw ApiException.unauthorized("a bearer token is required");
    }
    return principal;
  }
}
