package io.fusioncommerce.e2e.evaluation.fraud;

import io.fusioncommerce.topologies.fraud.FraudFeatures;
import io.fusioncommerce.topologies.fraud.ModelFraudScorer;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.classification.evaluation.LabelEvaluationUtil;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.transformations.MeanStdDevTransformation;

/** The candidate models, how they are trained from labelled orders, and the measures they are compared by. */
public final class FraudModels {

  /** The seed of every trainer: the same data and seed give the same model. */
  public static final long SEED = 20_260_513L;

  private static final LabelFactory LABELS = new LabelFactory();
  private static final Label FRAUD = new Label(ModelFraudScorer.FRAUD);
  private static final Label LEGIT = new Label(ModelFraudScorer.LEGIT);

  private FraudModels() {}

  /** The trainers compared by {@code fraud-train}, by name. */
  public static Map<String, Trainer<Label>> candidates() {
    // a random forest of CART trees: bagged, sqrt-ish share of features per split, leaves' class shares averaged
    CARTClassificationTrainer cart = new CARTClassificationTrainer(8, 5f, 0f, 0.5f, false, new GiniIndex(), SEED);
    Trainer<Label> forest = new RandomForestTrainer<>(cart, new FullyWeightedVotingCombiner(), 30, SEED);
    // logistic regression needs comparable scales: each feature standardised by the training set's mean and deviation
    Trainer<Label> logistic = new TransformTrainer<>(new LogisticRegressionTrainer(),
        new TransformationMap(List.of(new MeanStdDevTransformation())), true);
    return Map.of("random-forest", forest, "logistic-regression", logistic);
  }

  /** A Tribuo data set of the orders' features and labels. */
  public static MutableDataset<Label> dataset(List<LabelledOrder> orders, String description) {
    MutableDataset<Label> dataset = new MutableDataset<>(new SimpleDataSourceProvenance(description, LABELS), LABELS);
    for (LabelledOrder order : orders) {
      dataset.add(ModelFraudScorer.example(order.fraud() ? FRAUD : LEGIT, order.features()));
    }
    return dataset;
  }

  /** Orders before {@code from} (to learn from) and from it on (to measure on): a split by time, as deployment is. */
  public record Split(List<LabelledOrder> before, List<LabelledOrder> after) {
    public static Split at(List<LabelledOrder> orders, java.time.Instant from) {
      return new Split(orders.stream().filter(o -> o.at().isBefore(from)).toList(),
          orders.stream().filter(o -> !o.at().isBefore(from)).toList());
    }
  }

  public static Model<Label> train(Trainer<Label> trainer, List<LabelledOrder> orders) {
    return trainer.train(dataset(orders, "generated fraud traffic, " + orders.size() + " orders"));
  }

  /** The area under the ROC curve of {@code score} on {@code orders}. */
  public static double auc(List<LabelledOrder> orders, ToDoubleFunction<FraudFeatures> score) {
    boolean[] truth = new boolean[orders.size()];
    double[] scores = new double[orders.size()];
    for (int i = 0; i < truth.length; i++) {
      truth[i] = orders.get(i).fraud();
      scores[i] = score.applyAsDouble(orders.get(i).features());
    }
    return LabelEvaluationUtil.binaryAUCROC(truth, scores);
  }

  /**
   * Precision and recall of flagging the orders scored at or above {@code threshold}.
   *
   * @param flagged orders at or above the threshold
   * @param truePositives fraudulent orders among them
   * @param fraudulent fraudulent orders in all
   */
  public record Flagging(double threshold, long flagged, long truePositives, long fraudulent) {
    public double precision() {
      return flagged == 0 ? 0 : (double) truePositives / flagged;
    }

    public double recall() {
      return fraudulent == 0 ? 0 : (double) truePositives / fraudulent;
    }
  }

  public static Flagging flagging(List<LabelledOrder> orders, double[] scores, double threshold) {
    long flagged = 0;
    long truePositives = 0;
    long fraudulent = 0;
    for (int i = 0; i < scores.length; i++) {
      boolean fraud = orders.get(i).fraud();
      fraudulent += fraud ? 1 : 0;
      if (scores[i] >= threshold) {
        flagged++;
        truePositives += fraud ? 1 : 0;
      }
    }
    return new Flagging(threshold, flagged, truePositives, fraudulent);
  }
}
