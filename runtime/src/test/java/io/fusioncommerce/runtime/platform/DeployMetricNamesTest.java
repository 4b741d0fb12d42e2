package io.fusioncommerce.runtime.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fusioncommerce.connectors.payments.PaymentWorker;
import io.fusioncommerce.ingress.IngressServer;
import io.fusioncommerce.ingress.auth.DevTokenIssuer;
import io.fusioncommerce.ingress.auth.TokenVerifier;
import io.fusioncommerce.ingress.commands.CommandPublisher;
import io.fusioncommerce.ingress.health.HealthCheck;
import io.fusioncommerce.ingress.query.ChangeSignals;
import io.fusioncommerce.ingress.ratelimit.RateLimiter;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.registry.InMemorySchemaRegistryClient;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import io.fusioncommerce.schemas.serde.SpecificAvroSerializer;
import io.fusioncommerce.topologies.campaigns.InviteCodes;
import io.fusioncommerce.topologies.support.StreamsSettings;
import io.fusioncommerce.topologies.support.TopologyDefinition;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.kafka.TopologyTestDriverMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric that a Grafana dashboard ({@code deploy/grafana/dashboards/*.json}) or a Prometheus alert rule
 * ({@code deploy/prometheus/alerts.yml}) queries is one the platform exports on {@code /metrics}.
 *
 * <p>The exported names are produced here, not kept in a list: a real {@link IngressServer} serves
 * {@code /metrics} from the registry {@link PlatformNode#meterRegistry()} builds, with the real
 * {@link TopologyRunner} (every topology the platform runs, its Kafka Streams clients constructed, pointed at
 * no broker) bound to it, after one request. Metrics Kafka Streams creates only once tasks are assigned
 * (per task, processor node and state store) come from the same Micrometer Kafka binder over each topology
 * in a {@link TopologyTestDriver}, which creates its tasks and stores without a broker. The names found are
 * written to {@code target/exported-metric-names.txt}.
 */
class DeployMetricNamesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path REPO = Path.of("").toAbsolutePath().getParent();
  /** Series Prometheus itself writes for every scrape target, not read from {@code /metrics}. */
  private static final Set<String> PROMETHEUS_GENERATED = Set.of("up");
  /** Labels Prometheus adds to every series it scrapes. */
  private static final Set<String> PROMETHEUS_LABELS = Set.of("instance", "job");
  private static final Set<String> PROMQL_KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on",
      "ignoring", "group_left", "group_right", "bool", "offset", "inf", "nan", "atan2");

  @Test
  void everyMetricTheDashboardsAndAlertRulesQueryIsExported(@TempDir Path dir) throws Exception {
    Map<String, Set<String>> exportedLabels = exportedNames(dir);
    Set<String> exported = exportedLabels.keySet();
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target", "exported-metric-names.txt"), exportedLabels.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue()).toList());
    assertThat(exported).contains("http_server_requests_seconds_count", "jvm_memory_used_bytes",
        "kafka_stream_thread_commit_latency_avg", "kafka_stream_state_estimate_num_keys", "fusion_health_ready",
        "fusion_worker_requests_total", "fusion_payments_provider_failures_total");

    Map<String, Set<String>> queried = queriedNames();
    assertThat(queried).as("dashboards and alert rules found under " + REPO.resolve("deploy")).isNotEmpty();
    Map<String, Set<String>> missing = new TreeMap<>();
    queried.forEach((where, names) -> names.stream()
        .filter(name -> !exported.contains(name) && !PROMETHEUS_GENERATED.contains(name))
        .forEach(name -> missing.computeIfAbsent(where, k -> new TreeSet<>()).add(name)));
    assertThat(missing).as("metrics queried but not exported (see target/exported-metric-names.txt)").isEmpty();

    // every label an expression groups by or matches on is one of its metrics' labels (or Prometheus' own)
    Map<String, Set<String>> unknownLabels = new TreeMap<>();
    queried.forEach((where, names) -> {
      String expression = where.substring(where.indexOf(": ") + 2);
      for (String label : labelNames(expression)) {
        boolean known = PROMETHEUS_LABELS.contains(label) || names.stream()
            .anyMatch(name -> exportedLabels.getOrDefault(name, Set.of()).contains(label));
        if (!known) {
          unknownLabels.computeIfAbsent(where, k -> new TreeSet<>()).add(label);
        }
      }
    });
    assertThat(unknownLabels).as("labels no queried metric carries (see target/exported-metric-names.txt)").isEmpty();
  }

  @Test
  void labelNamesAreReadOutOfPromQl() {
    assertThat(labelNames("sum by (le, uri) (rate(x_bucket{uri=~\"$route\", status!=\"500\"}[5m])) "
        + "/ ignoring(a) y{b=\"c=d\"}"))
        .containsExactlyInAnyOrder("le", "uri", "status", "a", "b");
  }

  /** Labels an expression names: in matchers, and in by / without / on / ignoring / group_* lists. */
  static Set<String> labelNames(String promql) {
    Set<String> labels = new TreeSet<>();
    String noStrings = promql.replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"");
    Matcher selector = Pattern.compile("\\{([^}]*)}").matcher(noStrings);
    while (selector.find()) {
      Matcher matcher = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)").matcher(selector.group(1));
      while (matcher.find()) {
        labels.add(matcher.group(1));
      }
    }
    Matcher list = Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)")
        .matcher(noStrings);
    while (list.find()) {
      for (String label : list.group(1).split(",")) {
        if (!label.isBlank()) {
          labels.add(label.trim());
        }
      }
    }
    return labels;
  }

  @Test
  void metricNamesAreReadOutOfPromQl() {
    assertThat(metricNames("histogram_quantile(0.99, sum by (le, uri) (rate(http_server_requests_seconds_bucket"
        + "{uri=~\"$route\", status!~\"5..\"}[$__rate_interval])))"))
        .containsExactly("http_server_requests_seconds_bucket");
    assertThat(metricNames("sum(rate(a_total[5m])) / ignoring(x) group_left sum(b_count offset 1h) > 0.05 and on() c"))
        .containsExactlyInAnyOrder("a_total", "b_count", "c");
    assertThat(metricNames("max without (thread_id) (kafka_x{client_id=\"a\"}) > 1e3"))
        .containsExactly("kafka_x");
  }

  /** Metric name → the label names it is exported with. */
  private static Map<String, Set<String>> exportedNames(Path dir) throws Exception {
    Map<String, Set<String>> names = new TreeMap<>();
    InMemorySchemaRegistryClient schemas = new InMemorySchemaRegistryClient();
    AvroSerdes serdes = new AvroSerdes(schemas);
    List<TopologyDefinition> definitions = PlatformNode.topologies(
        InviteCodes.withSecret("metrics-test-secret-metrics-test-secret-0123456789"));
    PrometheusMeterRegistry registry = PlatformNode.meterRegistry();
    // as PlatformNode does: the integration workers count on the global registry
    Metrics.addRegistry(registry);
    ChangeSignals changes = new ChangeSignals();
    StreamsSettings settings = new StreamsSettings("127.0.0.1:9", dir.resolve("streams"), "127.0.0.1:8080", 2, 20,
        1, "metrics-test");
    DevTokenIssuer issuer = DevTokenIssuer.loadOrCreate(dir.resolve("key.json"), Clock.systemUTC());
    MockProducer<SpecificRecord, SpecificRecord> producer = new MockProducer<>(true, null,
        new SpecificAvroSerializer<>(schemas, true), new SpecificAvroSerializer<>(schemas, false));
    HealthCheck broker = new NamedHealthCheck("kafka", () -> HealthCheck.Status.up("reachable"));
    try (TopologyRunner topologies = new TopologyRunner(definitions, settings, serdes, registry, changes);
        // an integration worker, constructed (pointed at no broker) and never started
        PaymentWorker payments = new PaymentWorker("127.0.0.1:9", schemas, null, "metrics-test");
        IngressServer server = IngressServer.start(
            new IngressServer.Settings("127.0.0.1", 0, "127.0.0.1", 1024 * 1024, "test", Optional.empty()),
            new IngressServer.Components(
                new TokenVerifier(issuer.verificationKeys(), DevTokenIssuer.ISSUER, DevTokenIssuer.AUDIENCE),
                Optional.empty(), new CommandPublisher(producer), serdes, topologies, registry, List.of(broker),
                Clock.systemUTC(), List.of(), changes, RateLimiter.unlimited()))) {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.port();
      http.send(HttpRequest.newBuilder(URI.create(base + "/health/live")).build(), HttpResponse.BodyHandlers.discarding());
      HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.statusCode()).isEqualTo(200);
      exposedNames(metrics.body(), names);
      Files.createDirectories(Path.of("target"));
      Files.writeString(Path.of("target", "metrics-scrape.txt"), metrics.body());
    } finally {
      Metrics.removeRegistry(registry);
    }
    int store = 0;
    for (TopologyDefinition definition : definitions) {
      PrometheusMeterRegistry taskLevel = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      try (TopologyTestDriver driver = new TopologyTestDriver(definition.build(serdes, changes),
          new StreamsSettings("unused:9092", dir.resolve("driver-" + store++), "127.0.0.1:1", 1, 20, 1, null)
              .forContext(definition.context(), Topics.DEAD_LETTER))) {
        TopologyTestDriverMetrics.of(driver).bindTo(taskLevel);
        exposedNames(taskLevel.scrape(), names);
      }
    }
    return names;
  }

  private static void exposedNames(String exposition, Map<String, Set<String>> into) {
    Pattern sample = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s");
    Pattern label = Pattern.compile("(?:^|,)([a-zA-Z_][a-zA-Z0-9_]*)=\"");
    exposition.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
      Matcher m = sample.matcher(line);
      assertThat(m.find()).as("exposition line " + line).isTrue();
      Set<String> labels = into.computeIfAbsent(m.group(1), k -> new TreeSet<>());
      if (m.group(2) != null) {
        Matcher l = label.matcher(m.group(2));
        while (l.find()) {
          labels.add(l.group(1));
        }
      }
    });
  }

  /** Source (file and panel or rule) → the metric names its expression reads. */
  private static Map<String, Set<String>> queriedNames() throws IOException {
    Map<String, Set<String>> queried = new TreeMap<>();
    try (Stream<Path> files = Files.list(REPO.resolve("deploy/grafana/dashboards"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        List<String> expressions = new ArrayList<>();
        collectExpressions(JSON.readTree(file.toFile()), expressions);
        assertThat(expressions).as(file + " has queries").isNotEmpty();
        for (String expression : expressions) {
          queried.computeIfAbsent(REPO.relativize(file) + ": " + expression, k -> new TreeSet<>())
              .addAll(metricNames(expression));
        }
      }
    }
    Path alerts = REPO.resolve("deploy/prometheus/alerts.yml");
    for (String expression : alertExpressions(Files.readAllLines(alerts))) {
      queried.computeIfAbsent(REPO.relativize(alerts) + ": " + expression, k -> new TreeSet<>())
          .addAll(metricNames(expression));
    }
    return queried;
  }

  private static void collectExpressions(JsonNode node, List<String> into) {
    if (node.isObject()) {
      node.properties().forEach(field -> {
        if (field.getKey().equals("expr") && field.getValue().isTextual()) {
          into.add(field.getValue().asText());
        } else if (field.getKey().equals("query") && field.getValue().isTextual()
            && field.getValue().asText().startsWith("label_values(")) {
          // a template variable's values: label_values(<selector>, <label>)
          String inside = field.getValue().asText().substring("label_values(".length());
          into.add(inside.substring(0, inside.lastIndexOf(',')));
        } else {
          collectExpressions(field.getValue(), into);
        }
      });
    } else if (node.isArray()) {
      node.forEach(child -> collectExpressions(child, into));
    }
  }

  /** The {@code expr:} of each rule: on its line, or a {@code |} / {@code >} block indented below it. */
  static List<String> alertExpressions(List<String> lines) {
    List<String> expressions = new ArrayList<>();
    Pattern expr = Pattern.compile("^(\\s*)(?:- )?expr:\\s*(.*)$");
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = expr.matcher(lines.get(i));
      if (!m.matches()) {
        continue;
      }
      String value = m.group(2).trim();
      if (value.equals("|") || value.equals(">") || value.equals("|-") || value.equals(">-")) {
        StringBuilder block = new StringBuilder();
        int indent = m.group(1).length();
        while (i + 1 < lines.size() && (lines.get(i + 1).isBlank()
            || lines.get(i + 1).length() - lines.get(i + 1).stripLeading().length() > indent)) {
          block.append(lines.get(++i).trim()).append(' ');
        }
        value = block.toString().trim();
      } else if (value.startsWith("'") && value.endsWith("'") || value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      expressions.add(value);
    }
    assertThat(expressions).as("alert rule expressions").isNotEmpty();
    return expressions;
  }

  /** The metric names a PromQL expression selects (not functions, keywords, labels, strings or durations). */
  static Set<String> metricNames(String promql) {
    String stripped = promql
        .replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", " ")
        .replaceAll("'(?:\\\\.|[^'\\\\])*'", " ")
        .replaceAll("\\{[^}]*}", " ")
        .replaceAll("\\[[^]]*]", " ")
        .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    Set<String> names = new TreeSet<>();
    Matcher identifier = Pattern.compile("(?<![\\w.$])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?").matcher(stripped);
    while (identifier.find()) {
      String name = identifier.group(1);
      if (identifier.group(2) == null && !PROMQL_KEYWORDS.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }
}
