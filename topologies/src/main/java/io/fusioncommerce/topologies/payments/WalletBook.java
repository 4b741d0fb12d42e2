package io.fusioncommerce.topologies.payments;

import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.wallets.CreditWallet;
import io.fusioncommerce.schemas.wallets.DebitWallet;
import io.fusioncommerce.schemas.wallets.WalletState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of a wallet: one balance per currency, credited by admins and refunds, debited by
 * payments, never below zero. Pure; the wallet processor applies it one command at a time on the
 * partition that owns the customer, so two payments can never both spend the same money.
 */
public final class WalletBook {

  /** How many command ids a wallet remembers for deduplicating redelivered commands. */
  static final int REMEMBERED_COMMANDS = 64;

  private WalletBook() {}

  /** The wallet after a command, and the transaction it records ({@code kind} CREDIT, DEBIT or DEBIT_REFUSED). */
  public record Decision(WalletState next, WalletTransactionKind kind, Money amount, long balanceAfter, String reason) {}

  /** Why a credit cannot be taken, if it cannot (the ingress asks too). */
  public static Optional<String> creditRefusal(Money amount) {
    if (amount.getAmount() <= 0) {
      return Optional.of("INVALID_AMOUNT");
    }
    if (!PaymentMethods.CURRENCIES.contains(amount.getCurrency())) {
      return Optional.of("UNSUPPORTED_CURRENCY");
    }
    return Optional.empty();
  }

  public static long balance(WalletState wallet, String currency) {
    return wallet == null ? 0 : wallet.getBalances().getOrDefault(currency, 0L);
  }

  /** Empty when the command was applied before (a redelivery) or cannot be taken at all. */
  public static Optional<Decision> credit(WalletState current, String tenantId, String commandId, CreditWallet credit,
      Instant at) {
    if (applied(current, commandId) || creditRefusal(credit.getAmount()).isPresent()) {
      return Optional.empty();
    }
    String currency = credit.getAmount().getCurrency();
    long balance;
    try {
      balance = Math.addExact(balance(current, currency), credit.getAmount().getAmount());
    } catch (ArithmeticException overflow) {
      return Optional.empty();
    }
    return Optional.of(new Decision(with(current, tenantId, credit.getCustomerId(), commandId, currency, balance, at),
        WalletTransactionKind.CREDIT, credit.getAmount(), balance, credit.getReason()));
  }

  /** A debit the balance cannot cover is refused and leaves the balance as it was. */
  public static Optional<Decision> debit(WalletState current, String tenantId, String commandId, DebitWallet debit,
      Instant at) {
    if (applied(current, commandId)) {
      return Optional.empty();
    }
    String currency = debit.getAmount().getCurrency();
    long balance = balance(current, currency);
    if (debit.getAmount().getAmount() <= 0 || debit.getAmount().getAmount() > balance) {
      return Optional.of(new Decision(with(current, tenantId, debit.getCustomerId(), commandId, currency, balance, at),
          WalletTransactionKind.DEBIT_REFUSED, debit.getAmount(), balance, "insufficient_funds"));
    }
    long after = balance - debit.getAmount().getAmount();
    return Optional.of(new Decision(with(current, tenantId, debit.getCustomerId(), commandId, currency, after, at),
        WalletTransactionKind.DEBIT, debit.getAmount(), after, "payment"));
  }

  private static boolean applied(WalletState current, String commandId) {
    return current != null && current.getAppliedCommands().contains(commandId);
  }

  private static WalletState with(WalletState current, String tenantId, String customerId, String commandId,
      String currency, long balance, Instant at) {
    Map<String, Long> balances = new HashMap<>(current == null ? Map.of() : current.getBalances());
    balances.put(currency, balance);
    List<String> applied = new ArrayList<>(current == null ? List.of() : current.getAppliedCommands());
    applied.add(commandId);
    if (applied.size() > REMEMBERED_COMMANDS) {
      applied = new ArrayList<>(applied.subList(applied.size() - REMEMBERED_COMMANDS, applied.size()));
    }
    return WalletState.newBuilder().setTenantId(tenantId).setCustomerId(customerId).setBalances(balances)
        .setAppliedCommands(applied).setUpdatedAt(at).setVersion(current == null ? 1 : current.getVersion() + 1).build();
  }
}
