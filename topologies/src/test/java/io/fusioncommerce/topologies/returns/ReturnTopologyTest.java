package io.fusioncommerce.topologies.returns;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.Actor;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.common.PaymentKey;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.inventory.InventoryCommand;
import io.fusioncommerce.schemas.inventory.RestockReturnedUnits;
import io.fusioncommerce.schemas.orders.OrderCreated;
import io.fusioncommerce.schemas.orders.OrderLine;
import io.fusioncommerce.schemas.orders.OrderStatusChanged;
import io.fusioncommerce.schemas.payments.PaymentCommand;
import io.fusioncommerce.schemas.payments.PaymentRefundRefused;
import io.fusioncommerce.schemas.payments.PaymentRefunded;
import io.fusioncommerce.schemas.payments.RequestRefund;
import io.fusioncommerce.schemas.returns.ApproveReturn;
import io.fusioncommerce.schemas.returns.ReceiveReturn;
import io.fusioncommerce.schemas.returns.RejectReturn;
import io.fusioncommerce.schemas.returns.RequestReturn;
import io.fusioncommerce.schemas.returns.ReturnApproved;
import io.fusioncommerce.schemas.returns.ReturnCommand;
import io.fusioncommerce.schemas.returns.ReturnLedger;
import io.fusioncommerce.schemas.returns.ReturnLine;
import io.fusioncommerce.schemas.returns.ReturnReceived;
import io.fusioncommerce.schemas.returns.ReturnRefunded;
import io.fusioncommerce.schemas.returns.ReturnRejected;
import io.fusioncommerce.schemas.returns.ReturnRequested;
import io.fusioncommerce.schemas.returns.ReturnState;
import io.fusioncommerce.schemas.returns.ReturnedItem;
import io.fusioncommerce.schemas.tenants.TenantKey;
import io.fusioncommerce.schemas.tenants.TenantSettings;
import io.fusioncommerce.topologies.support.TestTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The return lifecycle through the production topology: request, approve or reject, receive, refund; and the refusals. */
class ReturnTopologyTest {

  private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");
  private static final Instant DELIVERED = T0.plus(Duration.ofDays(3));
  private static final Actor CUSTOMER = actor("c1", "customer", null);
  private static final Actor ADMIN = actor("admin-1", "admin", null);
  private static final OrderKey ORDER = new OrderKey("acme", "o1");

  @TempDir Path stateDir;
  private TopologyTestDriver driver;
  private TestInputTopic<OrderKey, ReturnCommand> commands;
  private TestInputTopic<OrderKey, OrderCreated> created;
  private TestInputTopic<OrderKey, OrderStatusChanged> statuses;
  private TestInputTopic<PaymentKey, PaymentRefunded> refunded;
  private TestInputTopic<PaymentKey, PaymentRefundRefused> refundRefused;
  private TestInputTopic<TenantKey, TenantSettings> tenants;
  private TestOutputTopic<OrderKey, ReturnRequested> requestedEvents;
  private TestOutputTopic<OrderKey, ReturnApproved> approvedEvents;
  private TestOutputTopic<OrderKey, ReturnRejected> rejectedEvents;
  private TestOutputTopic<OrderKey, ReturnReceived> receivedEvents;
  private TestOutputTopic<OrderKey, ReturnRefunded> refundedEvents;
  private TestOutputTopic<SkuKey, InventoryCommand> inventory;
  private TestOutputTopic<PaymentKey, PaymentCommand> payments;
  private KeyValueStore<OrderKey, ReturnLedger> ledgers;

  @BeforeEach
  void start() {
    TestTopology topology = TestTopology.start(new ReturnTopology(), stateDir, T0);
    driver = topology.driver();
    commands = topology.input(Topics.RETURN_COMMANDS);
    created = topology.input(Topics.ORDER_CREATED);
    statuses = topology.input(Topics.ORDER_STATUS_CHANGED);
    refunded = topology.input(Topics.PAYMENT_REFUNDED);
    refundRefused = topology.input(Topics.PAYMENT_REFUND_REFUSED);
    tenants = topology.input(Topics.TENANT_SETTINGS);
    requestedEvents = topology.output(Topics.RETURN_REQUESTED);
    approvedEvents = topology.output(Topics.RETURN_APPROVED);
    rejectedEvents = topology.output(Topics.RETURN_REJECTED);
    receivedEvents = topology.output(Topics.RETURN_RECEIVED);
    refundedEvents = topology.output(Topics.RETURN_REFUNDED);
    inventory = topology.output(Topics.INVENTORY_COMMANDS);
    payments = topology.output(Topics.PAYMENT_COMMANDS);
    ledgers = driver.getKeyValueStore(ReturnTopology.LEDGER_STORE);
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  // ------------------------------------------------------------------ the lifecycle

  @Test
  void aDeliveredOrdersReturnIsApprovedReceivedRestockedAndRefunded() {
    deliveredOrder(ORDER, line("SKU-1", 3, 1000, "v1", null), line("SKU-2", 1, 2500, "v2", null));
    String returnId = ReturnIds.forRequest("o1", "cmd-1");

    send(ORDER, CUSTOMER, new RequestReturn(returnId, "o1", List.of(item("SKU-1", 2)), "too small"),
        DELIVERED.plus(Duration.ofDays(1)));
    ReturnRequested requested = requestedEvents.readValue();
    assertThat(requested.getReturnId()).isEqualTo(returnId);
    assertThat(requested.getCustomerId()).isEqualTo("c1");
    assertThat(requested.getRefundAmount()).isEqualTo(new Money(2000L, "USD"));
    assertThat(requested.getItems()).extracting(ReturnLine::getSku, ReturnLine::getQuantity, ReturnLine::getVendorId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("SKU-1", 2L, "v1"));
    assertThat(returnOf(returnId).getStatus()).isEqualTo("REQUESTED");

    send(ORDER, ADMIN, new ApproveReturn(returnId, "o1"), DELIVERED.plus(Duration.ofDays(2)));
    assertThat(approvedEvents.readValue().getReturnId()).isEqualTo(returnId);
    assertThat(returnOf(returnId).getStatus()).isEqualTo("APPROVED");
    assertThat(inventory.isEmpty()).isTrue();
    assertThat(payments.isEmpty()).isTrue();

    send(ORDER, ADMIN, new ReceiveReturn(returnId, "o1", "main"), DELIVERED.plus(Duration.ofDays(5)));
    assertThat(receivedEvents.readValue().getWarehouse()).isEqualTo("main");
    TestRecord<SkuKey, InventoryCommand> restock = inventory.readRecord();
    assertThat(restock.key()).isEqualTo(new SkuKey("acme", "SKU-1"));
    assertThat(restock.value().getCommand()).isEqualTo(new RestockReturnedUnits("SKU-1", returnId, 2L, "main"));
    TestRecord<PaymentKey, PaymentCommand> refund = payments.readRecord();
    assertThat(refund.key()).isEqualTo(new PaymentKey("acme", "pay-o1"));
    RequestRefund asked = (RequestRefund) refund.value().getCommand();
    assertThat(asked.getRefundId()).isEqualTo(returnId);
    assertThat(asked.getAmount()).isEqualTo(new Money(2000L, "USD"));
    assertThat(returnOf(returnId).getStatus()).isEqualTo("RECEIVED");

    // the payment topology refunded it: payment.refunded comes back relayed to the order
    refunded.pipeInput(new TestRecord<>(new PaymentKey("acme", "pay-o1"), refundedEvent("o1", returnId, 2000),
        DELIVERED.plus(Duration.ofDays(5)).plusSeconds(2)));
    ReturnRefunded done = refundedEvents.readValue();
    assertThat(done.getRefundAmount()).isEqualTo(new Money(2000L, "USD"));
    assertThat(done.getPaymentId()).isEqualTo("pay-o1");
    ReturnState state = returnOf(returnId);
    assertThat(state.getStatus()).isEqualTo("REFUNDED");
    assertThat(state.getRequestedAt()).isEqualTo(DELIVERED.plus(Duration.ofDays(1)));
    assertThat(state.getApprovedAt()).isEqualTo(DELIVERED.plus(Duration.ofDays(2)));
    assertThat(state.getReceivedAt()).isEqualTo(DELIVERED.plus(Duration.ofDays(5)));
    assertThat(state.getRefundedAt()).isEqualTo(DELIVERED.plus(Duration.ofDays(5)).plusSeconds(2));

    // a redelivered refund event changes nothing
    refunded.pipeInput(new TestRecord<>(new PaymentKey("acme", "pay-o1"), refundedEvent("o1", returnId, 2000),
        DELIVERED.plus(Duration.ofDays(6))));
    assertThat(refundedEvents.isEmpty()).isTrue();
  }

  @Test
  void aRefusedRefundIsVisibleOnTheReturnWhichStaysReceived() {
    deliveredOrder(ORDER, line("SKU-1", 1, 1000, "v1", null));
    String returnId = requestApproveReceive(ORDER, "SKU-1", 1);
    refundRefused.pipeInput(new TestRecord<>(new PaymentKey("acme", "pay-o1"), PaymentRefundRefused.newBuilder()
        .setEventId("e-refused").setTenantId("acme").setOccurredAt(DELIVERED).setCorrelationId("corr")
        .setPaymentId("pay-o1").setOrderId("o1").setRefundId(returnId).setAmount(new Money(1000L, "USD"))
        .setReason("REFUND_EXCEEDS_CAPTURED").build(), DELIVERED.plus(Duration.ofDays(1))));
    ReturnState state = returnOf(returnId);
    assertThat(state.getStatus()).isEqualTo("RECEIVED");
    assertThat(state.getRefundFailure()).isEqualTo("REFUND_EXCEEDS_CAPTURED");
    assertThat(refundedEvents.isEmpty()).isTrue();
  }

  @Test
  void refundsOfOtherPaymentsOrPlainRefundsAreNotTakenForReturns() {
    deliveredOrder(ORDER, line("SKU-1", 1, 1000, "v1", null));
    String returnId = requestApproveReceive(ORDER, "SKU-1", 1);
    // a refund staff made by hand (a plain id), and a return id of another order arriving for this one
    refunded.pipeInput(new PaymentKey("acme", "pay-o1"), refundedEvent("o1", UUID.randomUUID().toString(), 1000));
    refunded.pipeInput(new PaymentKey("acme", "pay-o1"), refundedEvent("o1", ReturnIds.forRequest("o2", "x"), 1000));
    assertThat(returnOf(returnId).getStatus()).isEqualTo("RECEIVED");
  }

  @Test
  void unitsRefundTheLinesTotalSplitWithoutLosingAMinorUnit() {
    // 1000 for 3 units: 333, 333, 334; a cart's lineTotal wins over unit price × quantity
    deliveredOrder(ORDER, line("SKU-1", 3, 400, "v1", 1000L));
    String first = request(ORDER, CUSTOMER, "a", item("SKU-1", 1));
    String second = request(ORDER, CUSTOMER, "b", item("SKU-1", 1));
    assertThat(returnOf(first).getRefundAmount().getAmount()).isEqualTo(333L);
    assertThat(returnOf(second).getRefundAmount().getAmount()).isEqualTo(333L);
    // the first is rejected: its unit may be returned again, and the last unit takes the remainder
    send(ORDER, ADMIN, new RejectReturn(first, "o1", "worn"), DELIVERED.plusSeconds(60));
    assertThat(rejectedEvents.readValue().getReason()).isEqualTo("worn");
    String third = request(ORDER, CUSTOMER, "c", item("SKU-1", 2));
    assertThat(returnOf(third).getRefundAmount().getAmount()).isEqualTo(667L);
    // every unit is out now: 333 + 667 is exactly what was paid
    assertThat(ledgers.get(ORDER).getLines().get(0).getClaimedAmount()).isEqualTo(1000L);
  }

  @Test
  void aVendorDecidesOnlyReturnsOfItsOwnItems() {
    deliveredOrder(ORDER, line("SKU-1", 1, 1000, "v1", null), line("SKU-2", 1, 500, "v2", null));
    String mixed = request(ORDER, CUSTOMER, "a", item("SKU-1", 1), item("SKU-2", 1));
    send(ORDER, actor("u-v2", "vendor", "v2"), new ApproveReturn(mixed, "o1"), DELIVERED.plusSeconds(30));
    assertThat(returnOf(mixed).getStatus()).isEqualTo("REQUESTED");
    send(ORDER, ADMIN, new RejectReturn(mixed, "o1", null), DELIVERED.plusSeconds(31));

    String own = request(ORDER, CUSTOMER, "b", item("SKU-2", 1));
    send(ORDER, actor("u-v2", "vendor", "v2"), new ApproveReturn(own, "o1"), DELIVERED.plusSeconds(40));
    assertThat(returnOf(own).getStatus()).isEqualTo("APPROVED");
  }

  // ------------------------------------------------------------------ refusals: nothing changes

  @Test
  void refusalsChangeNothing() {
    deliveredOrder(ORDER, line("SKU-1", 2, 1000, "v1", null));
    String ok = request(ORDER, CUSTOMER, "a", item("SKU-1", 1));
    ReturnLedger before = ledgers.get(ORDER);
    requestedEvents.readValuesToList();

    // more than was delivered, counting the earlier return; an unknown SKU; nothing; twice the same SKU
    request(ORDER, CUSTOMER, "b", item("SKU-1", 2));
    request(ORDER, CUSTOMER, "c", item("SKU-9", 1));
    request(ORDER, CUSTOMER, "d", item("SKU-1", 0));
    request(ORDER, CUSTOMER, "e", item("SKU-1", -1));
    request(ORDER, CUSTOMER, "f");
    // approve twice, receive before approval, reject after receipt
    send(ORDER, ADMIN, new ReceiveReturn(ok, "o1", null), DELIVERED.plusSeconds(90));
    send(ORDER, ADMIN, new ApproveReturn(ok, "o1"), DELIVERED.plusSeconds(100));
    ReturnLedger approved = ledgers.get(ORDER);
    send(ORDER, ADMIN, new ApproveReturn(ok, "o1"), DELIVERED.plusSeconds(110));
    send(ORDER, ADMIN, new ApproveReturn("o1.r000000000000", "o1"), DELIVERED.plusSeconds(111));

    assertThat(requestedEvents.isEmpty()).isTrue();
    assertThat(approvedEvents.readValuesToList()).hasSize(1);
    assertThat(inventory.isEmpty()).isTrue();
    assertThat(payments.isEmpty()).isTrue();
    assertThat(approved.getReturns()).hasSize(before.getReturns().size());
    ReturnLedger after = ledgers.get(ORDER);
    assertThat(after.getVersion()).isEqualTo(approved.getVersion());
    assertThat(after.getLines().get(0).getReturnedQuantity()).isEqualTo(1L);
    assertThat(returnOf(ok).getStatus()).isEqualTo("APPROVED");
  }

  @Test
  void anOrderNotDeliveredOrPastTheWindowTakesNoReturn() {
    OrderKey shipped = new OrderKey("acme", "o-shipped");
    created.pipeInput(new TestRecord<>(shipped, orderCreated(shipped, line("SKU-1", 1, 1000, "v1", null)), T0));
    statuses.pipeInput(new TestRecord<>(shipped, status(shipped, "SHIPPED", T0.plusSeconds(5)), T0.plusSeconds(5)));
    request(shipped, CUSTOMER, "a", item("SKU-1", 1));
    assertThat(ledgers.get(shipped).getReturns()).isEmpty();

    deliveredOrder(ORDER, line("SKU-1", 1, 1000, "v1", null));
    send(ORDER, CUSTOMER, new RequestReturn(ReturnIds.forRequest("o1", "late"), "o1",
        List.of(item("SKU-1", 1)), null), DELIVERED.plus(Duration.ofDays(30)).plusSeconds(1));
    assertThat(ledgers.get(ORDER).getReturns()).isEmpty();
    assertThat(requestedEvents.isEmpty()).isTrue();
  }

  @Test
  void theTenantsOwnWindowDecides() {
    tenants.pipeInput(new TenantKey("acme"), TenantSettings.newBuilder().setTenantId("acme").setReturnWindowDays(60L).build());
    deliveredOrder(ORDER, line("SKU-1", 2, 1000, "v1", null));
    send(ORDER, CUSTOMER, new RequestReturn(ReturnIds.forRequest("o1", "late"), "o1",
        List.of(item("SKU-1", 1)), null), DELIVERED.plus(Duration.ofDays(45)));
    assertThat(ledgers.get(ORDER).getReturns()).hasSize(1);

    tenants.pipeInput(new TenantKey("acme"), TenantSettings.newBuilder().setTenantId("acme").setReturnWindowDays(0L).build());
    send(ORDER, CUSTOMER, new RequestReturn(ReturnIds.forRequest("o1", "later"), "o1",
        List.of(item("SKU-1", 1)), null), DELIVERED.plus(Duration.ofDays(46)));
    assertThat(ledgers.get(ORDER).getReturns()).hasSize(1);
  }

  @Test
  void theCommandsThatMovedAReturnAreKeptSoARetryIsRecognised() {
    deliveredOrder(ORDER, line("SKU-1", 2, 1000, "v1", null));
    String id = request(ORDER, CUSTOMER, "a", item("SKU-1", 1));
    ReturnCommand approve = command("acme", ADMIN, new ApproveReturn(id, "o1"));
    commands.pipeInput(new TestRecord<>(ORDER, approve, DELIVERED.plusSeconds(20)));
    assertThat(returnOf(id).getCommandIds()).hasSize(2).endsWith(approve.getCommandId());
    assertThat(ReturnBook.movedBy(ledgers.get(ORDER), id, approve.getCommandId())).isTrue();
    assertThat(ReturnBook.movedBy(ledgers.get(ORDER), id, "another")).isFalse();
  }

  @Test
  void theSameReturnTwiceIsOneReturn() {
    deliveredOrder(ORDER, line("SKU-1", 2, 1000, "v1", null));
    RequestReturn same = new RequestReturn(ReturnIds.forRequest("o1", "k"), "o1", List.of(item("SKU-1", 1)), null);
    send(ORDER, CUSTOMER, same, DELIVERED.plusSeconds(1));
    send(ORDER, CUSTOMER, same, DELIVERED.plusSeconds(2));
    assertThat(ledgers.get(ORDER).getReturns()).hasSize(1);
    assertThat(requestedEvents.readValuesToList()).hasSize(1);
  }

  @Test
  void anotherTenantsCommandNeverTouchesThisTenantsOrder() {
    deliveredOrder(ORDER, line("SKU-1", 2, 1000, "v1", null));
    String id = request(ORDER, CUSTOMER, "a", item("SKU-1", 1));
    // the same order id under another tenant is another (unknown) order
    OrderKey other = new OrderKey("globex", "o1");
    commands.pipeInput(new TestRecord<>(other, command("globex", ADMIN, new ApproveReturn(id, "o1")), DELIVERED.plusSeconds(5)));
    assertThat(returnOf(id).getStatus()).isEqualTo("REQUESTED");
    assertThat(ledgers.get(other)).isNull();
  }

  // ------------------------------------------------------------------ helpers

  private String requestApproveReceive(OrderKey key, String sku, long quantity) {
    String id = request(key, CUSTOMER, "r", item(sku, quantity));
    send(key, ADMIN, new ApproveReturn(id, key.getOrderId()), DELIVERED.plusSeconds(20));
    send(key, ADMIN, new ReceiveReturn(id, key.getOrderId(), null), DELIVERED.plusSeconds(30));
    return id;
  }

  private String request(OrderKey key, Actor actor, String idempotencyKey, ReturnedItem... items) {
    String id = ReturnIds.forRequest(key.getOrderId(), idempotencyKey);
    send(key, actor, new RequestReturn(id, key.getOrderId(), List.of(items), null), DELIVERED.plusSeconds(10));
    return id;
  }

  private void send(OrderKey key, Actor actor, SpecificRecord body, Instant at) {
    commands.pipeInput(new TestRecord<>(key, command(key.getTenantId(), actor, body), at));
  }

  private static ReturnCommand command(String tenant, Actor actor, SpecificRecord body) {
    return ReturnCommand.newBuilder().setCommandId(UUID.randomUUID().toString()).setTenantId(tenant).setIssuedAt(T0)
        .setCorrelationId("corr").setIssuedBy(actor).setCommand(body).build();
  }

  private ReturnState returnOf(String returnId) {
    return ReturnBook.find(ledgers.get(ORDER), returnId).orElseThrow();
  }

  private void deliveredOrder(OrderKey key, OrderLine... lines) {
    created.pipeInput(new TestRecord<>(key, orderCreated(key, lines), T0));
    statuses.pipeInput(new TestRecord<>(key, status(key, "SHIPPED", T0.plusSeconds(60)), T0.plusSeconds(60)));
    statuses.pipeInput(new TestRecord<>(key, status(key, "DELIVERED", DELIVERED), DELIVERED));
  }

  private static OrderLine line(String sku, long quantity, long unitPrice, String vendor, Long lineTotal) {
    return new OrderLine(sku, quantity, new Money(unitPrice, "USD"), vendor, lineTotal == null ? null : new Money(lineTotal, "USD"));
  }

  private static OrderCreated orderCreated(OrderKey key, OrderLine... lines) {
    long total = java.util.Arrays.stream(lines).mapToLong(l -> l.getUnitPrice().getAmount() * l.getQuantity()).sum();
    return OrderCreated.newBuilder().setEventId("created-" + key.getOrderId()).setTenantId(key.getTenantId())
        .setOccurredAt(T0).setCorrelationId("corr").setOrderId(key.getOrderId()).setCustomerId("c1")
        .setItems(List.of(lines)).setTotal(new Money(total, "USD")).build();
  }

  private static OrderStatusChanged status(OrderKey key, String to, Instant at) {
    return OrderStatusChanged.newBuilder().setEventId(key.getOrderId() + "-" + to).setTenantId(key.getTenantId())
        .setOccurredAt(at).setCorrelationId("corr").setOrderId(key.getOrderId()).setCustomerId("c1").setToStatus(to).build();
  }

  private static PaymentRefunded refundedEvent(String orderId, String refundId, long amount) {
    return PaymentRefunded.newBuilder().setEventId("e-" + refundId).setTenantId("acme").setOccurredAt(DELIVERED)
        .setCorrelationId("corr").setPaymentId("pay-" + orderId).setOrderId(orderId).setRefundId(refundId)
        .setAmount(new Money(amount, "USD")).setRefundedTotal(new Money(amount, "USD")).build();
  }

  private static ReturnedItem item(String sku, long quantity) {
    return new ReturnedItem(sku, quantity);
  }

  private static Actor actor(String subject, String role, String vendor) {
    return Actor.newBuilder().setSubject(subject).setRoles(List.of(role)).setVendorId(vendor).build();
  }
}
