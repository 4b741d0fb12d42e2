package io.fusioncommerce.topologies.payments;

import static io.fusioncommerce.topologies.support.Wiring.sinkName;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.CustomerKey;
import io.fusioncommerce.schemas.common.PaymentKey;
import io.fusioncommerce.schemas.envelope.Cause;
import io.fusioncommerce.schemas.payments.PaymentCommand;
import io.fusioncommerce.schemas.payments.RecordPaymentOutcome;
import io.fusioncommerce.schemas.wallets.CreditWallet;
import io.fusioncommerce.schemas.wallets.DebitWallet;
import io.fusioncommerce.schemas.wallets.WalletCommand;
import io.fusioncommerce.schemas.wallets.WalletState;
import io.fusioncommerce.schemas.wallets.WalletTransaction;
import io.fusioncommerce.topologies.support.Arrival;
import io.fusioncommerce.topologies.support.InvalidCommandException;
import io.fusioncommerce.topologies.support.StoreChangeListener;
import java.time.Instant;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies wallet commands through {@link WalletBook}: every change is a wallet.transactions event, and
 * a debit for a payment is answered on payment.commands (succeeded, or failed with insufficient_funds).
 */
final class WalletProcessor implements Processor<CustomerKey, WalletCommand, SpecificRecord, SpecificRecord> {

  private final StoreChangeListener changes;
  private ProcessorContext<SpecificRecord, SpecificRecord> context;
  private KeyValueStore<CustomerKey, WalletState> wallets;

  WalletProcessor(StoreChangeListener changes) {
    this.changes = changes;
  }

  @Override
  public void init(ProcessorContext<SpecificRecord, SpecificRecord> context) {
    this.context = context;
    this.wallets = context.getStateStore(PaymentTopology.WALLET_STORE);
  }

  @Override
  public void process(Record<CustomerKey, WalletCommand> record) {
    Cause cause = Arrival.cause(record, "wallet record");
    CustomerKey key = record.key();
    WalletCommand command = record.value();
    Instant at = cause.at();
    WalletState current = wallets.get(key);
    Optional<WalletBook.Decision> decision;
    DebitWallet debit = null;
    String reference;
    switch (command.getCommand()) {
      case CreditWallet credit -> {
        requireCustomer(key, credit.getCustomerId());
        decision = WalletBook.credit(current, key.getTenantId(), command.getCommandId(), credit, at);
        reference = credit.getReference();
      }
      case DebitWallet d -> {
        requireCustomer(key, d.getCustomerId());
        debit = d;
        decision = WalletBook.debit(current, key.getTenantId(), command.getCommandId(), d, at);
        reference = d.getPaymentId();
      }
      default -> throw new InvalidCommandException("unknown wallet command " + command.getCommand().getClass().getName());
    }
    if (decision.isEmpty()) {
      return; // applied before, or not applicable at all
    }
    WalletBook.Decision taken = decision.get();
    wallets.put(key, taken.next());
    context.forward(new Record<SpecificRecord, SpecificRecord>(key, WalletTransaction.newBuilder(
            cause.event(new WalletTransaction(), cause.derive("wallet-transaction")))
        .setCustomerId(key.getCustomerId()).setKind(taken.kind().name()).setAmount(taken.amount())
        .setBalanceAfter(taken.balanceAfter()).setReason(taken.reason()).setReference(reference).build(),
        cause.timestamp(), cause.headers()), sinkName(Topics.WALLET_TRANSACTIONS));
    if (debit != null) {
      boolean paid = taken.kind() == WalletTransactionKind.DEBIT;
      RecordPaymentOutcome outcome = RecordPaymentOutcome.newBuilder().setPaymentId(debit.getPaymentId())
          .setRequestId(debit.getAttemptId())
          .setOutcome(paid ? PaymentBook.Outcomes.SUCCEEDED : PaymentBook.Outcomes.FAILED)
          .setProviderReference(paid ? "wallet:" + command.getCommandId() : null)
          .setFailureCode(paid ? null : "insufficient_funds")
          .setFailureMessage(paid ? null : "the wallet holds " + taken.balanceAfter() + " " + debit.getAmount().getCurrency())
          .build();
      context.forward(new Record<SpecificRecord, SpecificRecord>(new PaymentKey(key.getTenantId(), debit.getPaymentId()),
          cause.command(new PaymentCommand(), cause.derive("wallet-outcome"), PaymentOrderRelay.SYSTEM, outcome),
          cause.timestamp(), cause.headers()), sinkName(Topics.PAYMENT_COMMANDS));
    }
    changes.changed(PaymentTopology.WALLET_STORE, key);
  }

  private static void requireCustomer(CustomerKey key, String customerId) {
    if (!key.getCustomerId().equals(customerId)) {
      throw new InvalidCommandException("customer of key (" + key.getCustomerId() + ") differs from the command's ("
          + customerId + ")");
    }
  }
}
