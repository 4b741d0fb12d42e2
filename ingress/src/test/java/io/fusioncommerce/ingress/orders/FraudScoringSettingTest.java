package io.fusioncommerce.ingress.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FraudScoringSettingTest {

  @Test
  void scoringIsOnUnlessSwitchedOff() {
    assertThat(OrderRoutes.fraudScoring(Map.of())).isTrue();
    assertThat(OrderRoutes.fraudScoring(Map.of("FUSION_FRAUD_SCORING", "on"))).isTrue();
    assertThat(OrderRoutes.fraudScoring(Map.of("FUSION_FRAUD_SCORING", "off"))).isFalse();
  }

  @Test
  void anyOtherValueIsRefusedAtStartRatherThanGuessed() {
    assertThatThrownBy(() -> OrderRoutes.fraudScoring(Map.of("FUSION_FRAUD_SCORING", "false")))
        .hasMessageContaining("FUSION_FRAUD_SCORING");
  }
}
