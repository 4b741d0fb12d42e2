package io.fusioncommerce.topologies.fraud;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

/**
 * Scores orders with the trained Tribuo classifier (ADR 0019): the score is the model's probability of the
 * {@value #FRAUD} label, the decision is the tenant's thresholds applied to it, the reasons are the
 * {@link RuleReasons} that fire. The model is read once, from {@value #RESOURCE} on the class path (written
 * by {@code e2e/run-evaluation fraud-train}); prediction is pure computation and safe from several stream
 * threads at once.
 */
public final class ModelFraudScorer implements FraudScorer {

  /** The class-path resource of the committed model: Tribuo's protobuf form, gzipped. */
  public static final String RESOURCE = "/fraud/fraud-model.tribuo.gz";
  /** The label of fraudulent orders in the training data. */
  public static final String FRAUD = "FRAUD";
  /** The label of legitimate orders in the training data. */
  public static final String LEGIT = "LEGIT";

  private static final Label UNKNOWN = LabelFactory.UNKNOWN_LABEL;

  private final Model<Label> model;

  public ModelFraudScorer(Model<Label> model) {
    if (!model.validate(Label.class) || model.getOutputIDInfo().getID(new Label(FRAUD)) < 0) {
      throw new IllegalArgumentException("not a fraud classifier: it must predict the label " + FRAUD);
    }
    this.model = model;
  }

  /** The scorer of the committed model; fails fast (at start-up) if the resource is missing or unreadable. */
  public static ModelFraudScorer load() {
    try (InputStream raw = ModelFraudScorer.class.getResourceAsStream(RESOURCE)) {
      if (raw == null) {
        throw new IllegalStateException("the fraud model " + RESOURCE + " is not on the class path");
      }
      return new ModelFraudScorer(read(new GZIPInputStream(raw)));
    } catch (IOException e) {
      throw new UncheckedIOException("the fraud model " + RESOURCE + " cannot be read", e);
    }
  }

  /** A model as {@code e2e/run-evaluation fraud-train} writes it (gunzipped by the caller). */
  @SuppressWarnings("unchecked")
  public static Model<Label> read(InputStream in) throws IOException {
    Model<?> model = Model.deserializeFromStream(in);
    if (!model.validate(Label.class)) {
      throw new IOException("the fraud model is not a classifier of labels");
    }
    return (Model<Label>) model;
  }

  /** The model's probability that an order with these features is fraudulent, 0 to 1. */
  public double score(FraudFeatures features) {
    Prediction<Label> prediction = model.predict(example(features));
    Label fraud = prediction.getOutputScores().get(FRAUD);
    return fraud == null ? 0.0 : Math.clamp(fraud.getScore(), 0.0, 1.0);
  }

  @Override
  public RiskAssessment assess(FraudFeatures features, FraudThresholds thresholds) {
    double score = score(features);
    return new RiskAssessment(score, thresholds.decide(score), RuleReasons.of(features));
  }

  /** The features as a Tribuo example with the given label (training) or the unknown label (scoring). */
  public static ArrayExample<Label> example(Label label, FraudFeatures features) {
    return new ArrayExample<>(label, FraudFeatures.NAMES, features.values());
  }

  private static ArrayExample<Label> example(FraudFeatures features) {
    return example(UNKNOWN, features);
  }
}
