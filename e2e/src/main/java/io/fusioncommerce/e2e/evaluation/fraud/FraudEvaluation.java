package io.fusioncommerce.e2e.evaluation.fraud;

import io.fusioncommerce.e2e.evaluation.fraud.FraudModels.Flagging;
import io.fusioncommerce.e2e.evaluation.fraud.FraudModels.Split;
import io.fusioncommerce.topologies.fraud.FraudFeatures;
import io.fusioncommerce.topologies.fraud.FraudScorer;
import io.fusioncommerce.topologies.fraud.FraudThresholds;
import io.fusioncommerce.topologies.fraud.ModelFraudScorer;
import io.fusioncommerce.topologies.fraud.RulesOnlyScorer;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * {@code e2e/run-evaluation fraud}: the committed model ({@link ModelFraudScorer#load()}) against the
 * rules-only baseline on the held-out period of the generated traffic: ROC AUC, precision and recall at the
 * default thresholds, recall per fraud pattern, and the scorer's own cost per call.
 */
public final class FraudEvaluation {

  public static void main(String[] args) {
    FraudTrafficGenerator.Settings settings = FraudTrafficGenerator.Settings.DEFAULT;
    List<LabelledOrder> heldOut = Split.at(FraudTrafficGenerator.generate(settings),
        FraudTrafficGenerator.heldOutFrom(settings, FraudTrain.TRAINING_SHARE)).after();
    long loading = System.nanoTime();
    ModelFraudScorer model = ModelFraudScorer.load();
    System.out.printf("model %s loaded in %d ms%n", ModelFraudScorer.RESOURCE, (System.nanoTime() - loading) / 1_000_000);
    long fraudulent = heldOut.stream().filter(LabelledOrder::fraud).count();
    System.out.printf("held-out set: seed %d, the last %.0f %% of %d days: %d orders, %d fraudulent (%.1f %%)%n",
        settings.seed(), 100 * (1 - FraudTrain.TRAINING_SHARE), settings.days(), heldOut.size(), fraudulent,
        100.0 * fraudulent / heldOut.size());

    FraudThresholds thresholds = FraudThresholds.DEFAULTS;
    System.out.printf("%-11s %8s | %-31s | %-31s%n", "scorer", "ROC AUC",
        "score >= " + thresholds.review() + " (REVIEW or REJECT)", "score >= " + thresholds.reject() + " (REJECT)");
    report("model", heldOut, model, thresholds);
    report("rules-only", heldOut, new RulesOnlyScorer(), thresholds);

    System.out.println("recall per pattern at the review threshold (model / rules-only):");
    for (FraudPattern pattern : FraudPattern.values()) {
      List<LabelledOrder> ofPattern = heldOut.stream().filter(o -> o.pattern() == pattern).toList();
      System.out.printf("  %-22s %6d orders  flagged %5.1f %% / %5.1f %%%n", pattern, ofPattern.size(),
          100 * flaggedShare(ofPattern, model, thresholds), 100 * flaggedShare(ofPattern, new RulesOnlyScorer(), thresholds));
    }
    cost("model", model, heldOut, thresholds);
    cost("rules-only", new RulesOnlyScorer(), heldOut, thresholds);
  }

  private static void report(String name, List<LabelledOrder> orders, FraudScorer scorer, FraudThresholds thresholds) {
    double[] scores = orders.stream().mapToDouble(o -> scorer.assess(o.features(), thresholds).score()).toArray();
    double auc = FraudModels.auc(orders, f -> scorer.assess(f, thresholds).score());
    Flagging review = FraudModels.flagging(orders, scores, thresholds.review());
    Flagging reject = FraudModels.flagging(orders, scores, thresholds.reject());
    System.out.printf("%-11s %8.4f | precision %.3f recall %.3f (%4d) | precision %.3f recall %.3f (%4d)%n", name, auc,
        review.precision(), review.recall(), review.flagged(), reject.precision(), reject.recall(), reject.flagged());
  }

  private static double flaggedShare(List<LabelledOrder> orders, FraudScorer scorer, FraudThresholds thresholds) {
    return orders.isEmpty() ? 0 : (double) orders.stream()
        .filter(o -> scorer.assess(o.features(), thresholds).score() >= thresholds.review()).count() / orders.size();
  }

  /** The scorer's cost per call, measured around each call after a warm-up (a loop, not a JMH benchmark). */
  private static void cost(String name, FraudScorer scorer, List<LabelledOrder> orders, FraudThresholds thresholds) {
    FraudFeatures[] features = orders.stream().map(LabelledOrder::features).toArray(FraudFeatures[]::new);
    double sink = 0;
    for (int i = 0; i < 200_000; i++) {
      sink += scorer.assess(features[i % features.length], thresholds).score();
    }
    Histogram nanos = new Histogram(3);
    for (int i = 0; i < 200_000; i++) {
      long started = System.nanoTime();
      sink += scorer.assess(features[i % features.length], thresholds).score();
      nanos.recordValue(System.nanoTime() - started);
    }
    System.out.printf("cost per call, %-10s: mean %.1f µs, p99 %.1f µs, max %.1f µs over %d calls (checksum %.1f)%n", name,
        nanos.getMean() / 1_000, nanos.getValueAtPercentile(99) / 1_000.0, nanos.getMaxValue() / 1_000.0,
        nanos.getTotalCount(), sink);
  }
}
