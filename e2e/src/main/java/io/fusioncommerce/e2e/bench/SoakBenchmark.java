package io.fusioncommerce.e2e.bench;

import io.fusioncommerce.e2e.client.ApiClient;
import io.fusioncommerce.ingress.auth.DevTokenIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Soak: a steady order → payment → shipping load on the launcher run as its own process, for a long
 * time (an hour by default), printing after every sample interval how large each state store is, so
 * unbounded growth shows as a column that only rises. Two figures per store: the on-disk size of its
 * RocksDB directories (all tasks) under the data dir, and RocksDB's estimate-num-keys as Kafka Streams
 * reports it on /metrics (summed over tasks; "-" when not reported).
 *
 * <p>Each buyer places an order, waits for its payment intent, pays with pm_card_visa, and waits for
 * the order to be PAID and its shipping label created (the PaymentBenchmark journey), in a closed loop.
 *
 * <p>Run: {@code e2e/run-benchmark soak [minutes] [buyers] [sample-seconds]} (defaults 60, 4, 60)
 */
public final class SoakBenchmark {

  private static final Pattern NUM_KEYS =
      Pattern.compile("^kafka_stream_state_estimate_num_keys\\{([^}]*)}\\s+([0-9.eE+-]+)$");
  private static final Pattern STORE_TAG = Pattern.compile("rocksdb_state_id=\"([^\"]*)\"");

  public static void main(String[] args) throws Exception {
    double minutes = args.length > 0 ? Double.parseDouble(args[0]) : 60;
    int buyers = BenchLauncher.argument(args, 1, 4);
    int sampleSeconds = BenchLauncher.argument(args, 2, 60);
    // the launcher's default rate limits: a soak runs at an ordinary rate
    try (BenchLauncher launcher = BenchLauncher.start("soak-bench", Map.of())) {
      ApiClient api = launcher.api();
      DevTokenIssuer tokens = launcher.tokens();
      PaymentBenchmark.seedPayable(launcher,
          tokens.issue("soak-admin", BenchLauncher.TENANT, List.of("admin"), null, null, Duration.ofHours(48)));
      Path data = launcher.data();

      System.out.printf("soak: %d buyers for %.1f min, a sample every %d s%n", buyers, minutes, sampleSeconds);
      long end = System.nanoTime() + (long) (minutes * 60e9);
      long journeys = 0;
      int sample = 0;
      printSizes(sample, 0, 0, data.resolve("streams"), api);
      while (System.nanoTime() < end) {
        long left = Math.max(1, (end - System.nanoTime()) / 1_000_000_000L);
        Duration slice = Duration.ofSeconds(Math.min(sampleSeconds, left));
        PaymentBenchmark.Result result = PaymentBenchmark.run(api, tokens, buyers, slice);
        journeys += result.count();
        sample++;
        System.out.printf("%n[%d] %d journeys in the last %d s (%d in all); confirm -> PAID p50 %.1f ms, p99 %.1f ms%n",
            sample, result.count(), slice.toSeconds(), journeys, result.paid().getValueAtPercentile(50) / 1000.0,
            result.paid().getValueAtPercentile(99) / 1000.0);
        printSizes(sample, result.count(), journeys, data.resolve("streams"), api);
      }
    }
  }

  private static void printSizes(int sample, long recent, long journeys, Path streamsDir, ApiClient api) {
    Map<String, Long> bytes = onDisk(streamsDir);
    Map<String, Double> keys = estimatedKeys(api);
    System.out.printf("  %-36s %12s %14s%n", "store (application/store)", "on disk KiB", "estimated keys");
    for (Map.Entry<String, Long> store : bytes.entrySet()) {
      String name = store.getKey().substring(store.getKey().indexOf('/') + 1);
      Double estimate = keys.get(name);
      System.out.printf("  %-36s %12d %14s%n", store.getKey(), store.getValue() / 1024,
          estimate == null ? "-" : String.format("%.0f", estimate));
    }
  }

  /** RocksDB directories per store: {@code <state dir>/<application id>/<task>/rocksdb/<store>}. */
  static Map<String, Long> onDisk(Path streamsDir) {
    Map<String, Long> sizes = new TreeMap<>();
    if (!Files.isDirectory(streamsDir)) {
      return sizes;
    }
    try (Stream<Path> applications = Files.list(streamsDir)) {
      for (Path application : applications.filter(Files::isDirectory).toList()) {
        try (Stream<Path> tasks = Files.list(application)) {
          for (Path task : tasks.filter(Files::isDirectory).toList()) {
            Path rocksdb = task.resolve("rocksdb");
            if (!Files.isDirectory(rocksdb)) {
              continue;
            }
            try (Stream<Path> stores = Files.list(rocksdb)) {
              for (Path store : stores.filter(Files::isDirectory).toList()) {
                sizes.merge(application.getFileName() + "/" + store.getFileName(), sizeOf(store), Long::sum);
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sizes;
  }

  private static long sizeOf(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(file -> {
        try {
          return Files.size(file);
        } catch (IOException gone) {
          return 0; // compaction removed it meanwhile
        }
      }).sum();
    }
  }

  /** estimate-num-keys per store name, summed over tasks, from the Prometheus scrape. */
  static Map<String, Double> estimatedKeys(ApiClient api) {
    Map<String, Double> keys = new TreeMap<>();
    String scrape = api.get("/metrics", null).text();
    for (String line : scrape.split("\n")) {
      Matcher metric = NUM_KEYS.matcher(line.trim());
      if (!metric.matches()) {
        continue;
      }
      Matcher store = STORE_TAG.matcher(metric.group(1));
      if (store.find()) {
        keys.merge(store.group(1), Double.parseDouble(metric.group(2)), Double::sum);
      }
    }
    return keys;
  }
}
