package io.fusioncommerce.analytics.druid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka supervisors and retention rules of the analytics datasources ({@code druid/*.json} on the
 * class path), submitted to a Druid overlord/coordinator (or a router in front of them) idempotently:
 * submitting what Druid already runs changes nothing, so the launcher can submit on every start.
 *
 * <p>A supervisor spec carries the SHA-256 of its rendered form in its context; Druid keeps the context,
 * so an unchanged spec is recognised without comparing against the many defaults Druid fills in (a
 * resubmitted spec would otherwise make every task hand off and restart). Retention rules (drop rules
 * unload segments from the historicals; deep storage keeps them): order lines and payments about three
 * years (the longest range the API asks by day), shipments and campaign events about 13 months, stock
 * movements 95 days.
 */
public final class DruidSupervisors implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DruidSupervisors.class);
  private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  static final String SPEC_HASH = "fusionSpecHash";

  /** The analytics datasources, each fed by one fact topic. */
  public static final List<String> DATASOURCES =
      List.of("order_lines", "payments", "shipments", "campaign_events", "stock_movements");

  /** What a submission did per datasource. */
  public enum Outcome { CREATED, UPDATED, UNCHANGED }

  private final URI overlord;
  private final HttpClient http;

  /** @param overlordUrl the coordinator-overlord, or a router, e.g. {@code http://127.0.0.1:8081} */
  public DruidSupervisors(String overlordUrl) {
    this.overlord = URI.create(overlordUrl.endsWith("/") ? overlordUrl : overlordUrl + "/");
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** The supervisor spec of {@code dataSource}, reading from {@code bootstrapServers}, with its hash in the context. */
  public static ObjectNode render(String dataSource, String bootstrapServers) {
    ObjectNode spec = (ObjectNode) resource("supervisor-" + dataSource + ".json");
    ObjectNode consumer = (ObjectNode) spec.at("/spec/ioConfig/consumerProperties");
    if (consumer.isMissingNode() || bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("no Kafka bootstrap servers for the " + dataSource + " supervisor");
    }
    consumer.put("bootstrap.servers", bootstrapServers);
    spec.putObject("context").put(SPEC_HASH, sha256(spec));
    return spec;
  }

  /** The load and drop rules of every datasource, by datasource. */
  public static Map<String, JsonNode> retentionRules() {
    JsonNode all = resource("retention-rules.json");
    Map<String, JsonNode> rules = new java.util.LinkedHashMap<>();
    all.fields().forEachRemaining(entry -> rules.put(entry.getKey(), entry.getValue()));
    return rules;
  }

  /**
   * Submits every supervisor (reading from {@code bootstrapServers}) and every datasource's retention
   * rules, skipping those Druid already has.
   *
   * @throws IllegalStateException when Druid refuses a spec or cannot be reached
   */
  public Map<String, Outcome> submitAll(String bootstrapServers) {
    Map<String, Outcome> outcomes = new java.util.LinkedHashMap<>();
    for (String dataSource : DATASOURCES) {
      outcomes.put(dataSource, submit(render(dataSource, bootstrapServers)));
    }
    retentionRules().forEach(this::submitRules);
    LOG.atInfo().addKeyValue("overlord", overlord).addKeyValue("supervisors", outcomes).log("Druid supervisors submitted");
    return outcomes;
  }

  /** Submits one rendered supervisor spec unless Druid runs that very spec already. */
  public Outcome submit(ObjectNode spec) {
    String id = spec.at("/spec/dataSchema/dataSource").asText();
    HttpResponse<String> current = send(get("druid/indexer/v1/supervisor/" + encode(id)));
    if (current.statusCode() == 200) {
      JsonNode running = parse(current.body());
      JsonNode suspended = running.get("suspended");
      if (spec.at("/context/" + SPEC_HASH).equals(running.at("/context/" + SPEC_HASH))
          && (suspended == null || !suspended.asBoolean())) {
        return Outcome.UNCHANGED;
      }
    } else if (current.statusCode() != 404) {
      throw refused("read supervisor " + id, current);
    }
    HttpResponse<String> posted = send(post("druid/indexer/v1/supervisor", spec));
    if (posted.statusCode() != 200) {
      throw refused("submit supervisor " + id, posted);
    }
    return current.statusCode() == 404 ? Outcome.CREATED : Outcome.UPDATED;
  }

  private void submitRules(String dataSource, JsonNode rules) {
    String path = "druid/coordinator/v1/rules/" + encode(dataSource);
    HttpResponse<String> current = send(get(path));
    if (current.statusCode() == 200 && covers(parse(current.body()), rules)) {
      return;
    }
    HttpResponse<String> posted = send(post(path, rules));
    if (posted.statusCode() != 200) {
      throw refused("set the retention rules of " + dataSource, posted);
    }
  }

  /** True when {@code actual} has every field of {@code expected} with the same value (Druid adds defaults). */
  static boolean covers(JsonNode actual, JsonNode expected) {
    if (expected.isObject()) {
      if (!actual.isObject()) {
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> fields = expected.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (!actual.has(field.getKey()) || !covers(actual.get(field.getKey()), field.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (expected.isArray()) {
      if (!actual.isArray() || actual.size() != expected.size()) {
        return false;
      }
      for (int i = 0; i < expected.size(); i++) {
        if (!covers(actual.get(i), expected.get(i))) {
          return false;
        }
      }
      return true;
    }
    return expected.isNumber() && actual.isNumber() ? expected.asLong() == actual.asLong() : expected.equals(actual);
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(overlord.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build();
  }

  private HttpRequest post(String path, JsonNode body) {
    try {
      return HttpRequest.newBuilder(overlord.resolve(path)).timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("Druid at " + overlord + " cannot be reached: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while talking to Druid", e);
    }
  }

  private static IllegalStateException refused(String what, HttpResponse<String> response) {
    return new IllegalStateException("Druid refused to " + what + ": HTTP " + response.statusCode() + " " + response.body());
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("Druid answered something that is not JSON: " + body, e);
    }
  }

  private static JsonNode resource(String name) {
    try (InputStream in = DruidSupervisors.class.getResourceAsStream("/druid/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no Druid spec druid/" + name + " on the class path");
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read druid/" + name, e);
    }
  }

  private static String sha256(JsonNode node) {
    try {
      byte[] canonical = JSON.writeValueAsBytes(JSON.treeToValue(node, Object.class));
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot hash a supervisor spec", e);
    }
  }

  /** Closes the HTTP client's connections to Druid. */
  @Override
  public void close() {
    http.shutdownNow();
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8);
  }
}
