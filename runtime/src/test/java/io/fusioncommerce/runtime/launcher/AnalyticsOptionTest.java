package io.fusioncommerce.runtime.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AnalyticsOptionTest {

  @Test
  void analyticsIsOnOrOff() {
    assertThat(StartCommand.switchedOn("on")).isTrue();
    assertThat(StartCommand.switchedOn("OFF")).isFalse();
  }

  @Test
  void anythingElseIsRefusedWithTheOptionsName() {
    assertThatThrownBy(() -> StartCommand.switchedOn("maybe"))
        .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--analytics");
  }

  @Test
  void theAnalyticsRoleNeedsTheDruidRouterAndKafka() {
    assertThatThrownBy(() -> AnalyticsRole.run(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DRUID_ROUTER_URL");
    assertThatThrownBy(() -> AnalyticsRole.run(Map.of("DRUID_ROUTER_URL", "http://druid:8888")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
  }

  @Test
  void theAnalyticsRoleGivesUpWhenDruidNeverAnswers() throws Exception {
    int exit = AnalyticsRole.run(Map.of("DRUID_ROUTER_URL", "http://127.0.0.1:1", "KAFKA_BOOTSTRAP_SERVERS", "k:9092",
        "FUSION_ANALYTICS_SUBMIT_TIMEOUT_SECONDS", "0"));

    assertThat(exit).isEqualTo(1);
  }
}
