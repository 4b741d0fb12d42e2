package io.fusioncommerce.ingress;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fusioncommerce.ingress.auth.AccessControl;
import io.fusioncommerce.ingress.auth.DevTokenIssuer;
import io.fusioncommerce.ingress.auth.DevTokenRoutes;
import io.fusioncommerce.ingress.auth.TokenVerifier;
import io.fusioncommerce.ingress.commands.CommandPublisher;
import io.fusioncommerce.ingress.health.HealthCheck;
import io.fusioncommerce.ingress.health.HealthRoutes;
import io.fusioncommerce.ingress.http.Bodies;
import io.fusioncommerce.ingress.http.HttpErrors;
import io.fusioncommerce.ingress.http.IngressTls;
import io.fusioncommerce.ingress.http.Json;
import io.fusioncommerce.ingress.http.RequestValidator;
import io.fusioncommerce.ingress.observability.HttpObservability;
import io.fusioncommerce.ingress.observability.MetricsRoutes;
import io.fusioncommerce.ingress.openapi.DocsRoutes;
import io.fusioncommerce.ingress.openapi.DocumentedRoutes;
import io.fusioncommerce.ingress.openapi.OpenApiDocument;
import io.fusioncommerce.ingress.query.ChangeSignals;
import io.fusioncommerce.ingress.query.InteractiveQueries;
import io.fusioncommerce.ingress.query.LongPoll;
import io.fusioncommerce.ingress.query.QueryForwarder;
import io.fusioncommerce.ingress.query.StoreReader;
import io.fusioncommerce.ingress.query.StreamsDirectory;
import io.fusioncommerce.ingress.ratelimit.RateLimitFilter;
import io.fusioncommerce.ingress.ratelimit.RateLimiter;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import io.javalin.Javalin;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import io.javalin.config.SizeUnit;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The HTTP ingress: thin handlers that turn requests into commands on Kafka and reads into
 * interactive queries. Everything it needs is passed in; it owns only the HTTP server.
 */
public final class IngressServer implements AutoCloseable {

  /** Open connections at most; more wait to be accepted. */
  static final int MAX_CONNECTIONS = 4096;
  static final long IDLE_TIMEOUT_MS = 30_000;

  /**
   * @param host interface to bind (loopback by default)
   * @param port port to bind; 0 picks a free one
   * @param advertisedHost how other instances reach this one (interactive-query forwarding)
   * @param maxRequestBytes larger bodies are refused with 413
   * @param queryUpstream for a stateless ingress: a topology instance that answers reads
   * @param tls https only when present (see {@link IngressTls}); plain HTTP when empty
   */
  public record Settings(String host, int port, String advertisedHost, long maxRequestBytes, String version,
      Optional<HostInfo> queryUpstream, Optional<IngressTls> tls) {

    /** Plain HTTP. */
    public Settings(String host, int port, String advertisedHost, long maxRequestBytes, String version,
        Optional<HostInfo> queryUpstream) {
      this(host, port, advertisedHost, maxRequestBytes, version, queryUpstream, Optional.empty());
    }
  }

  /** What the handlers work with. {@code devTokens} is present in embedded mode only. */
  public record Components(
      TokenVerifier tokens,
      Optional<DevTokenIssuer> devTokens,
      CommandPublisher commands,
      AvroSerdes serdes,
      StreamsDirectory streams,
      PrometheusMeterRegistry metrics,
      List<HealthCheck> readiness,
      Clock clock,
      List<ApiModule> modules,
      ChangeSignals changes,
      RateLimiter rateLimits) {

    /** Without request rate limits (test servers, tools). */
    public Components(TokenVerifier tokens, Optional<DevTokenIssuer> devTokens, CommandPublisher commands,
        AvroSerdes serdes, StreamsDirectory streams, PrometheusMeterRegistry metrics, List<HealthCheck> readiness,
        Clock clock, List<ApiModule> modules, ChangeSignals changes) {
      this(tokens, devTokens, commands, serdes, streams, metrics, readiness, clock, modules, changes,
          RateLimiter.unlimited());
    }
  }

  private final Javalin app;
  private final LongPoll longPoll;
  private final RequestValidator validator;
  private final HealthRoutes health;

  private IngressServer(Javalin app, LongPoll longPoll, RequestValidator validator, HealthRoutes health) {
    this.app = app;
    this.longPoll = longPoll;
    this.validator = validator;
    this.health = health;
  }

  /**
   * Starts the server. The port is bound before the routes can answer interactive queries, so callers
   * learn the port (for {@code application.server}) before they start the topologies.
   */
  public static IngressServer start(Settings settings, Components components) {
    ObjectMapper json = Json.mapper();
    RequestValidator validator = new RequestValidator();
    Bodies bodies = new Bodies(json, validator);
    LongPoll longPoll = new LongPoll(components.changes());
    HttpErrors errors = new HttpErrors(json);
    AccessControl access = new AccessControl(components.tokens());
    HttpObservability observability = new HttpObservability(components.metrics());
    HealthRoutes health = new HealthRoutes(components.readiness()).bindTo(components.metrics());
    AtomicReference<HostInfo> self = new AtomicReference<>();
    InteractiveQueries queries = new InteractiveQueries(components.streams(), self::get, settings.queryUpstream());
    AtomicReference<OpenApiDocument> document = new AtomicReference<>();

    Javalin app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.jetty.host = settings.host();
      config.jetty.port = settings.port();
      config.http.maxRequestSize = settings.maxRequestBytes();
      // Each open connection holds its parser's buffers (some 25 KB): a client that opens a connection per
      // request while answers are slow once brought 26,000 of them and the heap with them. Past the limit
      // new connections wait in the accept queue until others close; idle ones are closed.
      config.jetty.modifyServer(server -> server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, server)));
      config.jetty.modifyHttpConfiguration(http -> http.setIdleTimeout(IDLE_TIMEOUT_MS));
      // With TLS this is the only connector: Javalin adds its plain one only when none was added.
      settings.tls().ifPresent(tls -> config.jetty.addConnector(
          (server, http) -> tls.connector(server, http, settings.host(), settings.port())));
      // Javalin's multipart parsing is unbounded by default and not covered by maxRequestSize: bound it the
      // same way. A route that takes larger uploads sets its own limit on the request (product media does).
      config.jetty.multipartConfig.maxFileSize(settings.maxRequestBytes(), SizeUnit.BYTES);
      config.jetty.multipartConfig.maxTotalRequestSize(settings.maxRequestBytes(), SizeUnit.BYTES);
      config.jsonMapper(new JavalinJackson(json, false));
      config.staticFiles.enableWebjars();
      components.modules().forEach(module -> module.configure(config));
      config.requestLogger.http(observability::completed);
      config.routes.before(observability::before);
      config.routes.beforeMatched(access::check);
      // after access control: a caller is its verified token's subject, never a name it claims
      config.routes.beforeMatched(new RateLimitFilter(components.rateLimits())::check);
      errors.register(config.routes);

      DocumentedRoutes routes = new DocumentedRoutes(config.routes);
      health.register(routes);
      new MetricsRoutes(components.metrics()).register(routes);
      components.devTokens().ifPresent(issuer -> new DevTokenRoutes(issuer, bodies).register(routes));
      ApiContext api = new ApiContext(json, bodies, components.commands(),
          new StoreReader(queries, new QueryForwarder(self::get), longPoll), components.serdes(), components.clock());
      components.modules().forEach(module -> module.register(routes, api));
      new DocsRoutes().register(routes, () -> document.updateAndGet(
          existing -> existing != null ? existing : new OpenApiDocument(routes, settings.version())));
    });
    app.start();
    self.set(new HostInfo(settings.advertisedHost(), app.port()));
    return new IngressServer(app, longPoll, validator, health);
  }

  public int port() {
    return app.port();
  }

  public HealthRoutes.Readiness readiness() {
    return health.evaluate();
  }

  @Override
  public void close() {
    app.stop();
    longPoll.close();
    validator.close();
  }
}
