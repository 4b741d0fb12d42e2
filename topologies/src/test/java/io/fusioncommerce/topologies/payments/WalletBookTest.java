package io.fusioncommerce.topologies.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.wallets.CreditWallet;
import io.fusioncommerce.schemas.wallets.DebitWallet;
import io.fusioncommerce.schemas.wallets.WalletState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The wallet's rules: state + command → decision, without a topology around them. */
class WalletBookTest {

  private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

  @Test
  void a_credit_adds_to_the_balance_in_its_currency() {
    WalletState wallet = credited(null, "c1", 1_000);

    WalletBook.Decision decision = WalletBook.credit(wallet, "t1", "c2", credit(500, "EUR"), NOW).orElseThrow();

    assertThat(decision.kind()).isEqualTo(WalletTransactionKind.CREDIT);
    assertThat(decision.balanceAfter()).isEqualTo(1_500);
    assertThat(WalletBook.balance(decision.next(), "EUR")).isEqualTo(1_500);
    assertThat(WalletBook.balance(decision.next(), "USD")).isZero();
  }

  @Test
  void a_command_applied_before_changes_nothing() {
    WalletState wallet = credited(null, "c1", 1_000);

    assertThat(WalletBook.credit(wallet, "t1", "c1", credit(1_000, "EUR"), NOW)).isEmpty();
    assertThat(WalletBook.debit(wallet, "t1", "c1", debit(100), NOW)).isEmpty();
  }

  @Test
  void a_debit_the_balance_covers_takes_the_amount() {
    WalletState wallet = credited(null, "c1", 1_000);

    WalletBook.Decision decision = WalletBook.debit(wallet, "t1", "d1", debit(400), NOW).orElseThrow();

    assertThat(decision.kind()).isEqualTo(WalletTransactionKind.DEBIT);
    assertThat(decision.balanceAfter()).isEqualTo(600);
  }

  @Test
  void a_debit_the_balance_cannot_cover_is_refused_and_takes_nothing() {
    WalletState wallet = credited(null, "c1", 300);

    WalletBook.Decision decision = WalletBook.debit(wallet, "t1", "d1", debit(400), NOW).orElseThrow();

    assertThat(decision.kind()).isEqualTo(WalletTransactionKind.DEBIT_REFUSED);
    assertThat(decision.reason()).isEqualTo("insufficient_funds");
    assertThat(WalletBook.balance(decision.next(), "EUR")).isEqualTo(300);
  }

  @Test
  void a_credit_that_would_overflow_the_balance_is_not_applied() {
    WalletState wallet = credited(null, "c1", Long.MAX_VALUE);

    assertThat(WalletBook.credit(wallet, "t1", "c2", credit(1, "EUR"), NOW)).isEmpty();
  }

  @Test
  void a_credit_of_nothing_is_refused() {
    assertThat(WalletBook.creditRefusal(new Money(0L, "EUR"))).isPresent();
    assertThat(WalletBook.creditRefusal(new Money(1L, "EUR"))).isEmpty();
  }

  private static WalletState credited(WalletState wallet, String commandId, long amount) {
    return WalletBook.credit(wallet, "t1", commandId, credit(amount, "EUR"), NOW).orElseThrow().next();
  }

  private static CreditWallet credit(long amount, String currency) {
    return new CreditWallet("cust-1", new Money(amount, currency), "admin-credit", null);
  }

  private static DebitWallet debit(long amount) {
    return new DebitWallet("cust-1", new Money(amount, "EUR"), "pay-1", "attempt-1");
  }
}
