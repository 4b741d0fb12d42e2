package io.fusioncommerce.e2e.evaluation.recommendations;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.topologies.recommendations.RecommendationBook;
import io.fusioncommerce.topologies.recommendations.RecommendationSettings;
import org.junit.jupiter.api.Test;

/** A quality bound, no time bound: on a small generated shop the recommender beats popularity (the 2x target of the issue is measured, and so far missed, by e2e/run-evaluation recommendations). */
class RecommendationEvaluationTest {

  @Test
  void theRecommenderFindsTheHeldOutPurchaseFarMoreOftenThanPopularity() {
    ShopperWorld world = ShopperWorld.generate(7, ShopperWorld.Shape.standard(1500));

    RecommendationEvaluation.Result result =
        RecommendationEvaluation.evaluate(world, new RecommendationBook(RecommendationSettings.defaults()));

    assertThat(result.recommender().customers()).isGreaterThan(1400);
    assertThat(result.recommender().hitRate()).isGreaterThan(1.1 * result.popularity().hitRate());
    assertThat(result.recommender().ndcg()).isGreaterThan(result.popularity().ndcg());
  }
}
