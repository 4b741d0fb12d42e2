package io.fusioncommerce.e2e.evaluation.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.e2e.evaluation.fraud.FraudModels.Split;
import io.fusioncommerce.topologies.fraud.FraudThresholds;
import io.fusioncommerce.topologies.fraud.ModelFraudScorer;
import io.fusioncommerce.topologies.fraud.RulesOnlyScorer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A quality bound on the committed model: on traffic it has never seen (another seed, a smaller world),
 * it separates fraud from honest orders better than the rules-only baseline.
 */
class FraudModelQualityTest {

  @Test
  void the_committed_model_beats_the_rules_on_freshly_generated_held_out_traffic() {
    FraudTrafficGenerator.Settings fresh = new FraudTrafficGenerator.Settings(4_242L, 14, 800);
    List<LabelledOrder> heldOut = Split.at(FraudTrafficGenerator.generate(fresh),
        FraudTrafficGenerator.heldOutFrom(fresh, FraudTrain.TRAINING_SHARE)).after();
    ModelFraudScorer model = ModelFraudScorer.load();
    RulesOnlyScorer rules = new RulesOnlyScorer();

    assertThat(heldOut.stream().filter(LabelledOrder::fraud).count()).isGreaterThan(20);
    double modelAuc = FraudModels.auc(heldOut, model::score);
    double rulesAuc = FraudModels.auc(heldOut, f -> rules.assess(f, FraudThresholds.DEFAULTS).score());
    assertThat(modelAuc).isGreaterThan(rulesAuc).isGreaterThan(0.9);
  }

  @Test
  void the_same_seed_generates_the_same_traffic() {
    FraudTrafficGenerator.Settings small = new FraudTrafficGenerator.Settings(7L, 3, 100);

    assertThat(FraudTrafficGenerator.generate(small)).isEqualTo(FraudTrafficGenerator.generate(small));
  }

  @Test
  void every_pattern_is_generated_and_fraud_stays_a_small_share() {
    List<LabelledOrder> orders = FraudTrafficGenerator.generate(new FraudTrafficGenerator.Settings(11L, 14, 800));

    assertThat(orders).extracting(LabelledOrder::pattern).contains(FraudPattern.values());
    double fraudShare = (double) orders.stream().filter(LabelledOrder::fraud).count() / orders.size();
    assertThat(fraudShare).isBetween(0.01, 0.08);
  }
}
