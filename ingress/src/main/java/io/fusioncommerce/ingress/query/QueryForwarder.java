package io.fusioncommerce.ingress.query;

import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.PublicUrls;
import io.fusioncommerce.ingress.http.RequestContext;
import io.javalin.http.Context;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Sends a read to the instance that owns the key and relays its answer unchanged. The owner checks
 * the caller's token again, so forwarding grants nothing. A request travels at most two hops (a
 * stateless ingress to a topology instance, that instance to the owner); if ownership moved
 * meanwhile the caller gets 503 and retries, so two instances with stale metadata cannot bounce a
 * request between them.
 */
public final class QueryForwarder {

  public static final String FORWARDED_HEADER = "X-Fusion-Forwarded-By";
  public static final String ALLOW_STALE_HEADER = "X-Fusion-Allow-Stale";
  public static final String SERVED_BY_HEADER = "X-Fusion-Served-By";
  private static final List<String> PASSED_HEADERS = List.of("Authorization", "Accept", "Content-Type",
      "Idempotency-Key", RequestContext.CORRELATION_HEADER, RequestContext.TRACEPARENT_HEADER);
  private static final List<String> RELAYED_HEADERS = List.of("Location", "Retry-After", "Content-Type");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Supplier<HostInfo> self;

  public QueryForwarder(Supplier<HostInfo> self) {
    this.self = self;
  }

  static final int MAX_HOPS = 2;

  /** How many instances this request has passed through already. */
  public static int hops(Context ctx) {
    String via = ctx.header(FORWARDED_HEADER);
    return via == null || via.isBlank() ? 0 : via.split(",").length;
  }

  public static boolean allowsStale(Context ctx) {
    return "true".equals(ctx.header(ALLOW_STALE_HEADER));
  }

  /**
   * Relays the request to the active owner. A read falls back to a standby (stale read) if the owner is
   * unreachable; a command that must see the owner's state (a cancel) never does.
   */
  public CompletableFuture<Void> forward(Context ctx, KeyLocation.Remote remote, Duration timeout) {
    if (hops(ctx) >= MAX_HOPS) {
      throw ApiException.unavailable("ownership of this key is moving; retry shortly");
    }
    return send(ctx, remote.active(), false, timeout)
        .exceptionallyCompose(error -> {
          if (!isRead(ctx) || remote.standbys().isEmpty() || !(unwrap(error) instanceof java.io.IOException)) {
            return CompletableFuture.failedFuture(error);
          }
          return send(ctx, remote.standbys().get(0), true, timeout);
        })
        .handle((response, error) -> {
          if (error != null) {
            Throwable cause = unwrap(error);
            String why = cause instanceof HttpTimeoutException ? "timed out" : "is unreachable";
            throw ApiException.unavailable("the instance that owns this key " + why);
          }
          ctx.status(response.statusCode());
          RELAYED_HEADERS.forEach(name -> response.headers().firstValue(name).ifPresent(value -> ctx.header(name, value)));
          ctx.header(SERVED_BY_HEADER, response.headers().firstValue(SERVED_BY_HEADER)
              .orElse(remote.active().host() + ":" + remote.active().port()));
          ctx.result(response.body());
          return null;
        });
  }

  private CompletableFuture<HttpResponse<byte[]>> send(Context ctx, HostInfo target, boolean stale, Duration timeout) {
    String query = ctx.queryString();
    URI uri = URI.create("http://" + target.host() + ":" + target.port() + ctx.path() + (query == null ? "" : "?" + query));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
        .method(ctx.method().name(), isRead(ctx) ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(ctx.bodyAsBytes()))
        .header(FORWARDED_HEADER, via(ctx));
    for (String name : PASSED_HEADERS) {
      String value = ctx.header(name);
      if (value != null) {
        request.header(name, value);
      }
    }
    if (stale) {
      request.header(ALLOW_STALE_HEADER, "true");
    }
    // links the owner writes into its answer (invite URLs) must name the host the client called
    request.header(PublicUrls.FORWARDED_HOST, PublicUrls.host(ctx));
    request.header(PublicUrls.FORWARDED_PROTO, PublicUrls.scheme(ctx));
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static boolean isRead(Context ctx) {
    return "GET".equals(ctx.method().name());
  }

  private String via(Context ctx) {
    String me = self.get().host() + ":" + self.get().port();
    String before = ctx.header(FORWARDED_HEADER);
    return before == null || before.isBlank() ? me : before + "," + me;
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
  }
}
