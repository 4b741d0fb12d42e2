package io.fusioncommerce.e2e.evaluation.fraud;

import io.fusioncommerce.e2e.evaluation.fraud.FraudModels.Split;
import io.fusioncommerce.topologies.fraud.ModelFraudScorer;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.tribuo.Model;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;

/**
 * {@code e2e/run-evaluation fraud-train [model-file]}: generates the labelled traffic
 * ({@link FraudTrafficGenerator.Settings#DEFAULT}), compares the candidate models on the last part of the
 * training period, trains the best on the whole training period and writes it where
 * {@link ModelFraudScorer#RESOURCE} is read from. The held-out period is never looked at here.
 */
public final class FraudTrain {

  /** The share of the simulated period the model learns from; the rest is held out for {@code fraud}. */
  public static final double TRAINING_SHARE = 0.7;
  /** Within the training period, the share the candidates are fitted on before they are compared. */
  static final double FITTING_SHARE = 0.8;

  public static void main(String[] args) throws Exception {
    java.util.logging.Logger.getLogger("org.tribuo").setLevel(java.util.logging.Level.WARNING); // one line per tree otherwise
    Path output = Path.of(args.length > 0 ? args[0] : "topologies/src/main/resources" + ModelFraudScorer.RESOURCE);
    FraudTrafficGenerator.Settings settings = FraudTrafficGenerator.Settings.DEFAULT;
    long started = System.nanoTime();
    var orders = FraudTrafficGenerator.generate(settings);
    Split split = Split.at(orders, FraudTrafficGenerator.heldOutFrom(settings, TRAINING_SHARE));
    Split selection = Split.at(split.before(), FraudTrafficGenerator.heldOutFrom(settings, TRAINING_SHARE * FITTING_SHARE));
    System.out.printf("traffic: seed %d, %d days, %d customers/tenant, %d tenants: %d orders, %d fraudulent (%.1f %%); "
            + "training %d orders, held out %d (generated in %d ms)%n",
        settings.seed(), settings.days(), settings.customersPerTenant(), FraudTrafficGenerator.TENANTS.size(),
        orders.size(), orders.stream().filter(LabelledOrder::fraud).count(),
        100.0 * orders.stream().filter(LabelledOrder::fraud).count() / orders.size(),
        split.before().size(), split.after().size(), (System.nanoTime() - started) / 1_000_000);

    Map<String, Double> validationAuc = new TreeMap<>();
    for (Map.Entry<String, Trainer<Label>> candidate : FraudModels.candidates().entrySet()) {
      ModelFraudScorer scorer = new ModelFraudScorer(FraudModels.train(candidate.getValue(), selection.before()));
      validationAuc.put(candidate.getKey(), FraudModels.auc(selection.after(), scorer::score));
      System.out.printf("candidate %-20s validation ROC AUC %.4f (fitted on %d orders, validated on %d)%n",
          candidate.getKey(), validationAuc.get(candidate.getKey()), selection.before().size(), selection.after().size());
    }
    String best = validationAuc.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();

    started = System.nanoTime();
    Model<Label> model = FraudModels.train(FraudModels.candidates().get(best), split.before());
    Files.createDirectories(output.toAbsolutePath().getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(output))) {
      model.serializeToStream(out);
    }
    System.out.printf("chosen %s, trained on %d orders in %d ms, written to %s (%d bytes)%n",
        best, split.before().size(), (System.nanoTime() - started) / 1_000_000, output, Files.size(output));
  }
}
