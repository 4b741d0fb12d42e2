package io.fusioncommerce.connectors.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submits connector configurations to a Connect worker's REST API ({@code PUT /connectors/{name}/config},
 * which creates or updates) and reports their state. Works the same against the embedded worker and a
 * Connect cluster.
 */
public final class ConnectorDeployer {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectorDeployer.class);

  private final URI connect;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();
  private final RetryPolicy<Object> retry =
      RetryPolicy.builder()
          .handle(IOException.class, ConnectRestException.class)
          .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(2))
          .withMaxDuration(Duration.ofSeconds(60))
          .withMaxRetries(-1)
          .build();

  public ConnectorDeployer(URI connectRestUrl) {
    this.connect = connectRestUrl;
  }

  /** Creates or updates each connector; retries while the worker is still joining its group. */
  public void deploy(List<ConnectorConfig> connectors) {
    for (ConnectorConfig connector : connectors) {
      Failsafe.with(retry).run(() -> put(connector));
      LOG.atInfo().addKeyValue("connector", connector.name()).log("connector deployed");
    }
  }

  /** State of each named connector and its tasks: RUNNING, FAILED, PAUSED, UNASSIGNED, or MISSING. */
  public Map<String, String> states(List<String> names) {
    Map<String, String> states = new LinkedHashMap<>();
    for (String name : names) {
      states.put(name, state(name));
    }
    return states;
  }

  /** Whether the worker answers its own health endpoint. */
  public boolean workerHealthy() {
    try {
      var response = http.send(HttpRequest.newBuilder(connect.resolve("/health")).timeout(Duration.ofSeconds(3)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void put(ConnectorConfig connector) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(connect.resolve("/connectors/" + encode(connector.name()) + "/config"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(connector.config())))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() == 409 || response.statusCode() >= 500) {
      throw new ConnectRestException(response.statusCode() + " " + response.body()); // rebalancing: retry
    }
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException("connector " + connector.name() + " was refused: " + response.statusCode()
          + " " + response.body());
    }
  }

  private String state(String name) {
    try {
      var response = http.send(HttpRequest.newBuilder(connect.resolve("/connectors/" + encode(name) + "/status"))
          .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 404) {
        return "MISSING";
      }
      JsonNode status = json.readTree(response.body());
      String connectorState = status.path("connector").path("state").asText("UNKNOWN");
      if (!"RUNNING".equals(connectorState)) {
        return connectorState;
      }
      for (JsonNode task : status.path("tasks")) {
        String taskState = task.path("state").asText("UNKNOWN");
        if (!"RUNNING".equals(taskState)) {
          return "TASK_" + taskState;
        }
      }
      return status.path("tasks").isEmpty() ? "NO_TASKS" : "RUNNING";
    } catch (IOException e) {
      return "UNREACHABLE";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "UNKNOWN";
    }
  }

  private static String encode(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8);
  }

  /** A transient refusal from the worker (rebalancing, starting). */
  static final class ConnectRestException extends RuntimeException {
    ConnectRestException(String message) {
      super(message);
    }
  }
}
