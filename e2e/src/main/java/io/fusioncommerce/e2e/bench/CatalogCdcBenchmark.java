package io.fusioncommerce.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.catalog.ProductCreated;
import io.fusioncommerce.schemas.catalog.ProductUpdated;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.registry.HttpSchemaRegistryClient;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Change data capture of the catalog, as the platform runs it: product rows written to Postgres at a
 * steady rate (one transaction each, inserts and updates mixed), and how long each committed change
 * takes to show up, measured from its commit timestamp in Postgres (Debezium's {@code source.ts_us},
 * read from the raw change event) to its arrival at a read_committed consumer:
 *
 * <ul>
 *   <li>on the raw change topic (Debezium and Connect alone: the CDC lag),
 *   <li>as the domain event (product.created or product.updated, after the catalog topology's
 *       exactly-once hop),
 *   <li>as the product's entry in the catalog.products table.
 * </ul>
 *
 * The launcher runs as its own process with its defaults; both processes share this machine's cores.
 *
 * <p>Run: {@code e2e/run-benchmark catalog-cdc [writes-per-second] [seconds]}
 */
public final class CatalogCdcBenchmark {

  private static final String TENANT = "bench";
  private static final String VENDOR = "v-bench";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A change of one product row: (sku, version). */
  record Change(String sku, long version) {}

  /** When each change arrived where (wall clock, microseconds since the epoch). */
  static final class Arrivals {
    final Map<Change, Long> committed = new ConcurrentHashMap<>(); // Postgres commit timestamp
    final Map<Change, Long> raw = new ConcurrentHashMap<>();
    final Map<Change, Long> event = new ConcurrentHashMap<>();
    final Map<Change, Long> table = new ConcurrentHashMap<>();
    final Map<Change, Long> clientCommitReturned = new ConcurrentHashMap<>();
  }

  public static void main(String[] args) throws Exception {
    int rate = BenchLauncher.argument(args, 0, 100);
    int seconds = BenchLauncher.argument(args, 1, 60);
    try (BenchLauncher launcher = BenchLauncher.start("cdc-bench")) {
      String bootstrap = launcher.bootstrapServers();
      try (Connection db = DriverManager.getConnection(launcher.process().banner("Postgres"), "postgres", "")) {
        try (var sql = db.createStatement()) {
          sql.execute("insert into catalog.tenants (tenant_id) values ('" + TENANT + "') on conflict do nothing");
          sql.execute("insert into catalog.vendors (tenant_id, vendor_id, name) values ('" + TENANT + "', '" + VENDOR
              + "', 'Bench vendor') on conflict do nothing");
        }
        AvroSerdes serdes = new AvroSerdes(new HttpSchemaRegistryClient(launcher.schemaRegistryUrl()));
        Writer writer = new Writer(db);

        System.out.printf("catalog CDC: product writes committed in Postgres -> raw change topic -> domain event / "
            + "catalog.products%n");
        System.out.println("warm-up: " + rate + " writes/s for 10 s");
        run(bootstrap, serdes, writer, rate, Duration.ofSeconds(10), false);
        System.out.printf("%nsteady: %d writes/s for %d s (one transaction per write; 1 in 5 a new product with a "
            + "variant, the rest updates of a random earlier one)%n", rate, seconds);
        run(bootstrap, serdes, writer, rate, Duration.ofSeconds(seconds), true);
      }
    }
  }

  private static void run(String bootstrap, AvroSerdes serdes, Writer writer, int rate, Duration duration,
      boolean report) throws Exception {
    Arrivals arrivals = new Arrivals();
    AtomicBoolean reading = new AtomicBoolean(true);
    AtomicBoolean ready = new AtomicBoolean(false);
    Thread reader = Thread.ofPlatform().name("cdc-bench-reader").start(() -> read(bootstrap, serdes, arrivals, reading, ready));
    while (!ready.get()) {
      Thread.sleep(50);
    }
    List<Change> written = new ArrayList<>();
    long interval = 1_000_000_000L / rate;
    long next = System.nanoTime();
    long end = next + duration.toNanos();
    while (next < end) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      next += interval;
      Change change = writer.write();
      arrivals.clientCommitReturned.put(change, micros(Instant.now()));
      written.add(change);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline && !written.stream().allMatch(c -> arrivals.event.containsKey(c)
        && arrivals.table.containsKey(c) && arrivals.committed.containsKey(c))) {
      Thread.sleep(100);
    }
    reading.set(false);
    reader.join();
    if (!report) {
      return;
    }
    Histogram raw = histogram();
    Histogram event = histogram();
    Histogram table = histogram();
    Histogram eventFromClient = histogram();
    long missing = 0;
    for (Change change : written) {
      Long committed = arrivals.committed.get(change);
      Long eventAt = arrivals.event.get(change);
      Long tableAt = arrivals.table.get(change);
      if (committed == null || eventAt == null || tableAt == null) {
        missing++;
        continue;
      }
      raw.recordValue(Math.max(0, arrivals.raw.get(change) - committed));
      event.recordValue(Math.max(0, eventAt - committed));
      table.recordValue(Math.max(0, tableAt - committed));
      eventFromClient.recordValue(Math.max(0, eventAt - arrivals.clientCommitReturned.get(change)));
    }
    System.out.printf("  %d changes written, %d seen everywhere, %d missing after 30 s%n", written.size(),
        written.size() - missing, missing);
    System.out.println("  commit -> raw change topic (CDC lag):     " + summary(raw));
    System.out.println("  commit -> domain event (created/updated): " + summary(event));
    System.out.println("  commit -> catalog.products entry:         " + summary(table));
    System.out.println("  client's commit() returned -> event:      " + summary(eventFromClient));
  }

  private static void read(String bootstrap, AvroSerdes serdes, Arrivals arrivals, AtomicBoolean reading,
      AtomicBoolean ready) {
    var keys = serdes.key(SkuKey.class).deserializer();
    var created = serdes.value(ProductCreated.class).deserializer();
    var updated = serdes.value(ProductUpdated.class).deserializer();
    var products = serdes.value(Product.class).deserializer();
    List<String> topics = List.of(Topics.CDC_CATALOG_PRODUCTS, Topics.PRODUCT_CREATED.name(),
        Topics.PRODUCT_UPDATED.name(), Topics.CATALOG_PRODUCTS.name());
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position); // resolve the end offsets before the first write
      ready.set(true);
      while (reading.get()) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(20))) {
          long now = micros(Instant.now());
          if (record.value() == null) {
            continue;
          }
          String topic = record.topic();
          if (topic.equals(Topics.CDC_CATALOG_PRODUCTS)) {
            JsonNode change = JSON.readTree(record.value());
            JsonNode after = change.path("after");
            if (after.isObject()) {
              Change key = new Change(after.path("sku").asText(), after.path("version").asLong());
              arrivals.raw.putIfAbsent(key, now);
              arrivals.committed.putIfAbsent(key, change.path("source").path("ts_us").asLong());
            }
          } else if (topic.equals(Topics.PRODUCT_CREATED.name())) {
            String sku = keys.deserialize(topic, record.key()).getSku();
            created.deserialize(topic, record.value());
            arrivals.event.putIfAbsent(new Change(sku, 1), now);
          } else if (topic.equals(Topics.PRODUCT_UPDATED.name())) {
            ProductUpdated event = updated.deserialize(topic, record.value());
            arrivals.event.putIfAbsent(new Change(event.getSku(), event.getVersion()), now);
          } else {
            Product product = products.deserialize(topic, record.value());
            if (product.getParentSku() == null) {
              arrivals.table.putIfAbsent(new Change(product.getSku(), product.getVersion()), now);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Writes products as the catalog routes do: one transaction each, scoped to the tenant. */
  static final class Writer {
    private final Connection db;
    private final PreparedStatement scope;
    private final PreparedStatement insert;
    private final PreparedStatement insertSkus;
    private final PreparedStatement update;
    private final List<String> skus = new ArrayList<>();
    private int created;

    Writer(Connection db) throws SQLException {
      this.db = db;
      db.setAutoCommit(false);
      scope = db.prepareStatement("select set_config('fusion.tenant', ?, true)");
      insert = db.prepareStatement("""
          insert into catalog.products (tenant_id, sku, vendor_id, name, description, price_amount, currency,
                                        category_ids, attributes, variants, status)
          values (?, ?, ?, ?, 'benchmark product', ?, 'USD', '{bench}', '{"brand":"Bench"}'::jsonb, ?::jsonb, 'ACTIVE')""");
      insertSkus = db.prepareStatement("insert into catalog.skus (tenant_id, sku, product_sku) values (?, ?, ?), (?, ?, ?)");
      update = db.prepareStatement("update catalog.products set price_amount = ?, version = version + 1, updated_at = now() "
          + "where tenant_id = ? and sku = ? returning version");
    }

    Change write() throws SQLException {
      scope.setString(1, TENANT);
      scope.executeQuery().close();
      Change change;
      ThreadLocalRandom random = ThreadLocalRandom.current();
      if (skus.isEmpty() || random.nextInt(5) == 0) {
        String sku = "BENCH-" + System.nanoTime() + "-" + created++;
        insert.setString(1, TENANT);
        insert.setString(2, sku);
        insert.setString(3, VENDOR);
        insert.setString(4, "Product " + sku);
        insert.setLong(5, 1000 + random.nextInt(9000));
        insert.setString(6, "[{\"sku\":\"" + sku + "-V\",\"options\":{\"size\":\"M\"},\"price\":null}]");
        insert.executeUpdate();
        insertSkus.setString(1, TENANT);
        insertSkus.setString(2, sku);
        insertSkus.setString(3, sku);
        insertSkus.setString(4, TENANT);
        insertSkus.setString(5, sku + "-V");
        insertSkus.setString(6, sku);
        insertSkus.executeUpdate();
        skus.add(sku);
        change = new Change(sku, 1);
      } else {
        String sku = skus.get(random.nextInt(skus.size()));
        update.setLong(1, 1000 + random.nextInt(9000));
        update.setString(2, TENANT);
        update.setString(3, sku);
        try (var result = update.executeQuery()) {
          result.next();
          change = new Change(sku, result.getLong(1));
        }
      }
      db.commit();
      return change;
    }
  }

  private static Histogram histogram() {
    return new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
  }

  private static String summary(Histogram micros) {
    return String.format("p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (%d)",
        micros.getValueAtPercentile(50) / 1000.0, micros.getValueAtPercentile(90) / 1000.0,
        micros.getValueAtPercentile(99) / 1000.0, micros.getMaxValue() / 1000.0, micros.getTotalCount());
  }

  private static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000;
  }
}
