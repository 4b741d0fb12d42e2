package io.fusioncommerce.ingress.observability;

import io.fusioncommerce.ingress.http.RequestContext;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Per request: a correlation id (in the MDC for logs, in the response header, and into every command),
 * a latency timer tagged with the route template (not the raw path, which would explode cardinality),
 * and one structured access-log line.
 */
public final class HttpObservability {

  private static final Logger ACCESS = LoggerFactory.getLogger("io.fusioncommerce.access");
  private static final String START = "fusion.startNanos";

  private final MeterRegistry registry;

  public HttpObservability(MeterRegistry registry) {
    this.registry = registry;
  }

  public void before(Context ctx) {
    ctx.attribute(START, System.nanoTime());
    MDC.put("correlationId", RequestContext.assignCorrelationId(ctx));
  }

  /** Called by Javalin's request logger once the response, including async ones, is complete. */
  public void completed(Context ctx, Float millis) {
    Long start = ctx.attribute(START);
    long nanos = start == null ? (long) (millis * 1_000_000) : System.nanoTime() - start;
    String route = ctx.endpoint() != null ? ctx.endpoint().path : "UNMATCHED";
    String status = Integer.toString(ctx.statusCode());
    Timer.builder("http.server.requests")
        .tag("method", ctx.method().name())
        .tag("uri", route)
        .tag("status", status)
        .tag("outcome", outcome(ctx.statusCode()))
        .publishPercentileHistogram()
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
    ACCESS.atInfo()
        .addKeyValue("method", ctx.method().name())
        .addKeyValue("path", ctx.path())
        .addKeyValue("route", route)
        .addKeyValue("status", ctx.statusCode())
        .addKeyValue("durationMs", nanos / 1_000_000.0)
        .addKeyValue("correlationId", RequestContext.correlationId(ctx))
        .log("http request");
    MDC.remove("correlationId");
  }

  private static String outcome(int status) {
    if (status >= 500) {
      return "SERVER_ERROR";
    }
    if (status >= 400) {
      return "CLIENT_ERROR";
    }
    return "SUCCESS";
  }
}
