package io.fusioncommerce.runtime.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.failsafe.RetryPolicy;
import io.fusioncommerce.connectors.objectstore.InMemoryObjectStore;
import io.fusioncommerce.connectors.payments.PaymentProvider;
import io.fusioncommerce.connectors.payments.PaymentRequestHandler;
import io.fusioncommerce.connectors.payments.PaymentWorker;
import io.fusioncommerce.connectors.payments.ProviderUnavailableException;
import io.fusioncommerce.connectors.payments.SandboxProvider;
import io.fusioncommerce.connectors.shipping.Carrier;
import io.fusioncommerce.connectors.shipping.CarrierException;
import io.fusioncommerce.connectors.shipping.LabelService;
import io.fusioncommerce.connectors.shipping.LabelWorker;
import io.fusioncommerce.connectors.shipping.LocalCourier;
import io.fusioncommerce.connectors.shipping.Parcel;
import io.fusioncommerce.connectors.shipping.PurchasedLabel;
import io.fusioncommerce.connectors.shipping.RateQuote;
import io.fusioncommerce.connectors.shipping.ShipFromAddresses;
import io.fusioncommerce.runtime.embedded.EmbeddedKafka;
import io.fusioncommerce.runtime.platform.TopicProvisioner;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.common.PaymentKey;
import io.fusioncommerce.schemas.common.ShipmentKey;
import io.fusioncommerce.schemas.orders.ShippingAddress;
import io.fusioncommerce.schemas.payments.CreateIntent;
import io.fusioncommerce.schemas.payments.PaymentCommand;
import io.fusioncommerce.schemas.payments.PaymentProviderRequest;
import io.fusioncommerce.schemas.registry.InMemorySchemaRegistryClient;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import io.fusioncommerce.schemas.serde.SpecificAvroDeserializer;
import io.fusioncommerce.schemas.serde.SpecificAvroSerializer;
import io.fusioncommerce.schemas.shipping.LabelRequested;
import io.fusioncommerce.schemas.shipping.RecordLabel;
import io.fusioncommerce.schemas.shipping.RecordLabelFailure;
import io.fusioncommerce.schemas.shipping.ShipmentCommand;
import io.fusioncommerce.schemas.shipping.ShipmentItem;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The integration workers against a real broker when things fail: the broker refusing an answer in
 * the middle of a batch (the payment worker), a provider or a carrier that is down for a while, and a
 * carrier that throws something unexpected (the label worker). Each topic has one partition, so a
 * batch of requests is handled in order and "later requests" are on the same partition.
 */
class WorkerFailuresIT {

  /** Answers larger than this are refused by the broker for payment.commands (set below). */
  private static final int ANSWER_LIMIT_BYTES = 64 * 1024;
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir static Path dir;
  static EmbeddedKafka kafka;
  static Admin admin;
  static InMemorySchemaRegistryClient registry;
  static AvroSerdes serdes;

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 1);
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    TopicProvisioner.ensureTopics(admin, 1, (short) 1);
    ConfigResource answers = new ConfigResource(ConfigResource.Type.TOPIC, Topics.PAYMENT_COMMANDS.name());
    admin.incrementalAlterConfigs(Map.of(answers, List.of(new AlterConfigOp(
        new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(ANSWER_LIMIT_BYTES)),
        AlterConfigOp.OpType.SET)))).all().get();
    registry = new InMemorySchemaRegistryClient();
    serdes = new AvroSerdes(registry);
  }

  @AfterAll
  static void stop() {
    admin.close();
    kafka.close();
  }

  // ------------------------------------------------------------------ payments

  @Test
  void anAnswerTheBrokerRefusesMidBatchIsMadeAgainAndCommittedExactlyOnce() throws Exception {
    List<String> requests = List.of("refused-1", "refused-2", "refused-3", "refused-4", "refused-5");
    String refused = "refused-3";
    CountingSandbox provider = new CountingSandbox();
    // when the refused request is made again, where does the worker's group stand? (never past it)
    AtomicReference<Long> committedWhenMadeAgain = new AtomicReference<>();
    provider.onCall = key -> {
      if (key.endsWith(refused) && provider.calls(key) == 2) {
        committedWhenMadeAgain.set(committedOffset(PaymentWorker.GROUP_ID, Topics.PAYMENT_PROVIDER_REQUESTS.name()));
      }
    };
    long firstOffset = endOffset(Topics.PAYMENT_PROVIDER_REQUESTS.name());
    sendPaymentRequests(requests); // all before the worker starts: they arrive as one batch

    RefusedOnce refuseOnce = new RefusedOnce(new SpecificAvroSerializer<>(registry, false), refused);
    try (PaymentWorker worker = new PaymentWorker(kafka.bootstrapServers(), registry,
        new PaymentRequestHandler(Map.of(SandboxProvider.NAME, provider), SandboxProvider.NAME, Clock.systemUTC()),
        "it-payments", refuseOnce).start()) {
      await().atMost(PATIENCE).until(() -> committedOffset(PaymentWorker.GROUP_ID,
          Topics.PAYMENT_PROVIDER_REQUESTS.name()) == firstOffset + requests.size());
    }

    assertThat(refuseOnce.refusals.get()).as("the broker was handed the oversized answer").isEqualTo(1);
    Map<String, Long> answers = committedAnswers(Topics.PAYMENT_COMMANDS.name(), PaymentCommand.class).stream()
        .filter(command -> requests.contains(command.getCausationId()))
        .collect(java.util.stream.Collectors.groupingBy(PaymentCommand::getCausationId,
            java.util.stream.Collectors.counting()));
    assertThat(answers).as("one committed answer per request, the refused one included")
        .containsOnlyKeys(requests).allSatisfy((request, count) -> assertThat(count).isEqualTo(1));
    assertThat(provider.calls("fc-" + refused)).as("the refused request was made again").isGreaterThanOrEqualTo(2);
    assertThat(committedWhenMadeAgain.get()).as("no offset committed past the unanswered request")
        .isLessThanOrEqualTo(firstOffset + requests.indexOf(refused));
  }

  @Test
  void aProviderThatIsDownForAWhileHoldsItsRequestBackUntilItIsBack() throws Exception {
    CountingSandbox provider = new CountingSandbox();
    AtomicInteger outages = new AtomicInteger(4);
    provider.onCall = key -> {
      if (key.endsWith("outage-1") && outages.getAndDecrement() > 0) {
        throw new ProviderUnavailableException("sandbox is down", null);
      }
    };
    long firstOffset = endOffset(Topics.PAYMENT_PROVIDER_REQUESTS.name());
    sendPaymentRequests(List.of("outage-1", "outage-2"));
    try (PaymentWorker worker = new PaymentWorker(kafka.bootstrapServers(), registry,
        new PaymentRequestHandler(Map.of(SandboxProvider.NAME, provider), SandboxProvider.NAME, Clock.systemUTC()),
        "it-payments").start()) {
      await().atMost(PATIENCE).until(() -> committedOffset(PaymentWorker.GROUP_ID,
          Topics.PAYMENT_PROVIDER_REQUESTS.name()) == firstOffset + 2);
    }
    List<String> answered = committedAnswers(Topics.PAYMENT_COMMANDS.name(), PaymentCommand.class).stream()
        .map(PaymentCommand::getCausationId).filter(id -> id.startsWith("outage-")).toList();
    assertThat(answered).as("in order, once each, after the outage").containsExactly("outage-1", "outage-2");
    assertThat(provider.calls("fc-outage-1")).isEqualTo(5);
  }

  // ------------------------------------------------------------------ labels

  @Test
  void aCarrierDownForTenSecondsStillProducesTheLabel() throws Exception {
    OutageCarrier carrier = new OutageCarrier(Duration.ofSeconds(10));
    try (LabelWorker worker = new LabelWorker(kafka.bootstrapServers(), serdes,
        new LabelService(List.of(carrier), new InMemoryObjectStore(), ShipFromAddresses.fromEnvironment(Map.of())),
        Clock.systemUTC(), "it-labels").start()) {
      sendLabelRequest("shp-outage");
      ShipmentCommand answer = awaitLabelAnswer("shp-outage");
      assertThat(answer.getCommand()).isInstanceOf(RecordLabel.class);
    }
    assertThat(carrier.refusedCalls.get()).as("the carrier was asked during its outage").isGreaterThan(1);
    assertThat(labelAnswers("shp-outage")).hasSize(1);
  }

  @Test
  void anUnexpectedExceptionFromACarrierDoesNotStopTheWorker() throws Exception {
    ThrowsOnceCarrier carrier = new ThrowsOnceCarrier("shp-surprise-1");
    try (LabelWorker worker = new LabelWorker(kafka.bootstrapServers(), serdes,
        new LabelService(List.of(carrier), new InMemoryObjectStore(), ShipFromAddresses.fromEnvironment(Map.of())),
        Clock.systemUTC(), "it-labels").start()) {
      sendLabelRequest("shp-surprise-1");
      sendLabelRequest("shp-surprise-2");
      assertThat(awaitLabelAnswer("shp-surprise-1").getCommand()).isInstanceOf(RecordLabel.class);
      assertThat(awaitLabelAnswer("shp-surprise-2").getCommand()).isInstanceOf(RecordLabel.class);
    }
    assertThat(carrier.thrown().get()).isTrue();
  }

  @Test
  void aCarrierDownPastTheRetryBudgetIsALabelFailure() throws Exception {
    OutageCarrier carrier = new OutageCarrier(Duration.ofDays(1));
    RetryPolicy<Object> shortBudget = RetryPolicy.builder().withDelay(Duration.ofMillis(100)).withMaxRetries(2).build();
    try (LabelWorker worker = new LabelWorker(kafka.bootstrapServers(), serdes,
        new LabelService(List.of(carrier), new InMemoryObjectStore(), ShipFromAddresses.fromEnvironment(Map.of())),
        Clock.systemUTC(), "it-labels", shortBudget).start()) {
      sendLabelRequest("shp-gone");
      ShipmentCommand answer = awaitLabelAnswer("shp-gone");
      assertThat(answer.getCommand()).isInstanceOf(RecordLabelFailure.class);
    }
    assertThat(carrier.refusedCalls.get()).as("the first attempt and two retries").isEqualTo(3);
  }

  // ------------------------------------------------------------------ helpers

  private static void sendPaymentRequests(List<String> requestIds) throws Exception {
    try (KafkaProducer<PaymentKey, PaymentProviderRequest> producer = producer()) {
      for (String requestId : requestIds) {
        PaymentProviderRequest request = PaymentProviderRequest.newBuilder().setRequestId(requestId).setTenantId("t1")
            .setPaymentId("pay-" + requestId).setOrderId("ord-" + requestId).setOccurredAt(Instant.now())
            .setCorrelationId("corr-" + requestId)
            .setOperation(new CreateIntent(new Money(1_000L, "USD"), "cust-1")).build();
        producer.send(new ProducerRecord<>(Topics.PAYMENT_PROVIDER_REQUESTS.name(),
            new PaymentKey("t1", request.getPaymentId()), request)).get();
      }
    }
  }

  private static void sendLabelRequest(String shipmentId) throws Exception {
    ShippingAddress to = ShippingAddress.newBuilder().setName("Alice").setLine1("2 Main St").setCity("Springfield")
        .setPostalCode("12345").setCountry("US").build();
    LabelRequested request = LabelRequested.newBuilder().setEventId("label-request-" + shipmentId).setTenantId("t1")
        .setOccurredAt(Instant.now()).setCorrelationId("corr-" + shipmentId).setShipmentId(shipmentId)
        .setOrderId("ord-" + shipmentId).setVendorId("v1").setCurrency("USD").setShipTo(to)
        .setItems(List.of(new ShipmentItem("sku-1", 1L))).setRoute("CARRIER").build();
    try (KafkaProducer<ShipmentKey, LabelRequested> producer = producer()) {
      producer.send(new ProducerRecord<>(Topics.SHIPPING_LABEL_REQUESTS.name(), new ShipmentKey("t1", shipmentId),
          request)).get();
    }
  }

  private static ShipmentCommand awaitLabelAnswer(String shipmentId) {
    return await().atMost(PATIENCE).until(() -> labelAnswers(shipmentId), answers -> !answers.isEmpty()).getFirst();
  }

  private static List<ShipmentCommand> labelAnswers(String shipmentId) {
    return committedAnswers(Topics.SHIPPING_COMMANDS.name(), ShipmentCommand.class).stream()
        .filter(command -> command.getCausationId().equals("label-request-" + shipmentId)).toList();
  }

  private static <K extends SpecificRecord, V extends SpecificRecord> KafkaProducer<K, V> producer() {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all"), new SpecificAvroSerializer<>(registry, true),
        new SpecificAvroSerializer<>(registry, false));
  }

  /** Everything on the topic that a read_committed reader sees (aborted answers are not). */
  private static <V extends SpecificRecord> List<V> committedAnswers(String topic, Class<V> type) {
    TopicPartition partition = new TopicPartition(topic, 0);
    Deserializer<V> values = new SpecificAvroDeserializer<>(registry, type);
    try (KafkaConsumer<byte[], V> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer(), values)) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition); // the last stable offset
      List<V> seen = new ArrayList<>();
      while (consumer.position(partition) < end) {
        for (ConsumerRecord<byte[], V> record : consumer.poll(Duration.ofMillis(200))) {
          seen.add(record.value());
        }
      }
      return seen;
    }
  }

  private static long committedOffset(String group, String topic) {
    try {
      OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
          .get(new TopicPartition(topic, 0));
      return offset == null ? 0 : offset.offset();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private static long endOffset(String topic) throws Exception {
    TopicPartition partition = new TopicPartition(topic, 0);
    return admin.listOffsets(Map.of(partition, org.apache.kafka.clients.admin.OffsetSpec.latest())).all().get()
        .get(partition).offset();
  }

  /** Serializes answers, but hands the broker an answer too large for the topic the first time it sees one. */
  static final class RefusedOnce implements Serializer<PaymentCommand> {
    private final Serializer<PaymentCommand> avro;
    private final String requestId;
    final AtomicInteger refusals = new AtomicInteger();

    RefusedOnce(Serializer<PaymentCommand> avro, String requestId) {
      this.avro = avro;
      this.requestId = requestId;
    }

    @Override
    public byte[] serialize(String topic, PaymentCommand command) {
      byte[] bytes = avro.serialize(topic, command);
      if (requestId.equals(command.getCausationId()) && refusals.compareAndSet(0, 1)) {
        return Arrays.copyOf(bytes, ANSWER_LIMIT_BYTES * 2); // the broker answers MESSAGE_TOO_LARGE
      }
      return bytes;
    }
  }

  /** The sandbox, counting the calls per idempotency key and letting a test act on each call first. */
  static final class CountingSandbox implements PaymentProvider {
    private final SandboxProvider sandbox = new SandboxProvider();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    volatile java.util.function.Consumer<String> onCall = key -> {};

    int calls(String key) {
      return calls.getOrDefault(key, new AtomicInteger()).get();
    }

    private void called(String key) {
      calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      onCall.accept(key);
    }

    @Override
    public String name() {
      return SandboxProvider.NAME;
    }

    @Override
    public Intent createIntent(IntentRequest request, String idempotencyKey) {
      called(idempotencyKey);
      return sandbox.createIntent(request, idempotencyKey);
    }

    @Override
    public Confirmation confirm(ConfirmRequest request, String idempotencyKey) {
      called(idempotencyKey);
      return sandbox.confirm(request, idempotencyKey);
    }

    @Override
    public RefundResult refund(RefundRequest request, String idempotencyKey) {
      called(idempotencyKey);
      return sandbox.refund(request, idempotencyKey);
    }
  }

  /** The local courier's tariff behind an API that is down for {@code outage} from its first call. */
  static final class OutageCarrier implements Carrier {
    private final LocalCourier rates = new LocalCourier();
    private final Duration outage;
    private volatile Instant backAt;
    final AtomicInteger refusedCalls = new AtomicInteger();

    OutageCarrier(Duration outage) {
      this.outage = outage;
    }

    @Override
    public String name() {
      return "flaky-express";
    }

    @Override
    public List<RateQuote> quote(Parcel parcel) {
      if (backAt == null) {
        backAt = Instant.now().plus(outage);
      }
      if (Instant.now().isBefore(backAt)) {
        refusedCalls.incrementAndGet();
        throw new CarrierException(name() + " answered 503");
      }
      return rates.quote(parcel).stream()
          .map(q -> new RateQuote(name(), q.rateId(), q.service(), q.amount(), q.currency())).toList();
    }

    @Override
    public PurchasedLabel buy(RateQuote quote, Parcel parcel, String idempotencyKey) {
      return new PurchasedLabel(name(), quote.service(), "FX" + Math.abs(parcel.reference().hashCode()), quote.amount(),
          quote.currency());
    }
  }

  /**
   * A carrier with a bug that shows once, for one shipment: an exception nobody planned for.
   * {@code thrown} tells whether it did.
   */
  record ThrowsOnceCarrier(String shipmentId, AtomicBoolean thrown) implements Carrier {
    private static final LocalCourier COURIER = new LocalCourier();

    ThrowsOnceCarrier(String shipmentId) {
      this(shipmentId, new AtomicBoolean());
    }

    @Override
    public String name() {
      return LocalCourier.NAME;
    }

    @Override
    public List<RateQuote> quote(Parcel parcel) {
      if (parcel.shipmentId().equals(shipmentId) && thrown.compareAndSet(false, true)) {
        throw new NullPointerException("a carrier bug");
      }
      return COURIER.quote(parcel);
    }

    @Override
    public PurchasedLabel buy(RateQuote quote, Parcel parcel, String idempotencyKey) {
      return COURIER.buy(quote, parcel, idempotencyKey);
    }
  }
}
