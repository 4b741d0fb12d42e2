package io.fusioncommerce.analytics.druid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DruidSupervisorsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyDatasourceReadsItsFactTopicFromTheGivenBrokersFromTheEarliestCommittedFacts() {
    for (String dataSource : DruidSupervisors.DATASOURCES) {
      ObjectNode spec = DruidSupervisors.render(dataSource, "k1:9092,k2:9092");

      assertThat(spec.path("type").asText()).isEqualTo("kafka");
      assertThat(spec.at("/spec/dataSchema/dataSource").asText()).isEqualTo(dataSource);
      assertThat(spec.at("/spec/ioConfig/topic").asText()).startsWith("analytics.");
      assertThat(spec.at("/spec/ioConfig/consumerProperties/bootstrap.servers").asText()).isEqualTo("k1:9092,k2:9092");
      assertThat(spec.at("/spec/ioConfig/consumerProperties/isolation.level").asText()).isEqualTo("read_committed");
      assertThat(spec.at("/spec/ioConfig/useEarliestOffset").asBoolean()).isTrue();
      assertThat(spec.at("/spec/ioConfig/inputFormat/type").asText()).isEqualTo("json");
      assertThat(spec.at("/spec/dataSchema/timestampSpec/column").asText()).isEqualTo("occurredAt");
      assertThat(spec.at("/spec/dataSchema/timestampSpec/format").asText()).isEqualTo("millis");
      assertThat(dimensions(spec)).contains("tenantId", "event");
    }
  }

  @Test
  void orderLinesRollUpByMinuteWithTheContractsDimensionsAndSums() {
    ObjectNode spec = DruidSupervisors.render("order_lines", "k:9092");

    assertThat(spec.at("/spec/dataSchema/granularitySpec/queryGranularity").asText()).isEqualTo("MINUTE");
    assertThat(spec.at("/spec/dataSchema/granularitySpec/rollup").asBoolean()).isTrue();
    assertThat(dimensions(spec)).containsExactly("tenantId", "event", "reason", "vendorId", "sku", "category",
        "categoryPath", "currency", "campaignId");
    List<String> sums = new ArrayList<>();
    spec.at("/spec/dataSchema/metricsSpec").forEach(m -> sums.add(m.path("type").asText() + ":" + m.path("name").asText()));
    assertThat(sums).containsExactlyInAnyOrder("count:count", "longSum:quantity", "longSum:amount", "longSum:lines",
        "longSum:orderCount", "longSum:vendorOrderCount", "longSum:categoryOrderCount", "longSum:confirmLatencyMillis",
        "thetaSketch:customers");
  }

  @Test
  void theSpecHashChangesWithTheSpecAndOnlyWithIt() {
    String hash = DruidSupervisors.render("payments", "a:1").at("/context/" + DruidSupervisors.SPEC_HASH).asText();

    assertThat(hash).hasSize(64);
    assertThat(DruidSupervisors.render("payments", "a:1").at("/context/" + DruidSupervisors.SPEC_HASH).asText()).isEqualTo(hash);
    assertThat(DruidSupervisors.render("payments", "b:1").at("/context/" + DruidSupervisors.SPEC_HASH).asText()).isNotEqualTo(hash);
  }

  @Test
  void noBootstrapServersIsRefused() {
    assertThatThrownBy(() -> DruidSupervisors.render("payments", " ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyDatasourceHasALoadRuleThenADropRule() {
    assertThat(DruidSupervisors.retentionRules().keySet()).containsExactlyInAnyOrderElementsOf(DruidSupervisors.DATASOURCES);
    DruidSupervisors.retentionRules().values().forEach(rules -> {
      assertThat(rules.get(0).path("type").asText()).isEqualTo("loadByPeriod");
      assertThat(rules.get(rules.size() - 1).path("type").asText()).isEqualTo("dropForever");
    });
  }

  @Test
  void rulesDruidFilledWithDefaultsStillCoverWhatWasSubmitted() throws Exception {
    JsonNode submitted = JSON.readTree("[{\"type\":\"loadByPeriod\",\"period\":\"P95D\",\"tieredReplicants\":{\"_default_tier\":1}}]");
    JsonNode stored = JSON.readTree("[{\"type\":\"loadByPeriod\",\"period\":\"P95D\",\"includeFuture\":true,"
        + "\"tieredReplicants\":{\"_default_tier\":1},\"useDefaultTierForNull\":true}]");
    JsonNode other = JSON.readTree("[{\"type\":\"loadByPeriod\",\"period\":\"P30D\",\"tieredReplicants\":{\"_default_tier\":1}}]");

    assertThat(DruidSupervisors.covers(stored, submitted)).isTrue();
    assertThat(DruidSupervisors.covers(other, submitted)).isFalse();
    assertThat(DruidSupervisors.covers(JSON.readTree("[]"), submitted)).isFalse();
  }

  private static List<String> dimensions(JsonNode spec) {
    List<String> names = new ArrayList<>();
    spec.at("/spec/dataSchema/dimensionsSpec/dimensions")
        .forEach(d -> names.add(d.isTextual() ? d.asText() : d.path("name").asText()));
    return names;
  }
}
