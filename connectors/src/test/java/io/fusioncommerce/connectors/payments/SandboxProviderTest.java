package io.fusioncommerce.connectors.payments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The sandbox follows Stripe's test cards, and is idempotent by key like Stripe. */
class SandboxProviderTest {

  SandboxProvider sandbox = new SandboxProvider();
  PaymentProvider.Reference reference = new PaymentProvider.Reference("acme", "pay-o1", "o1");

  private String intent(String key) {
    return sandbox.createIntent(new PaymentProvider.IntentRequest(reference, 1500, "JPY", "c1"), key).providerReference();
  }

  private PaymentProvider.Confirmation confirm(String intent, String method, boolean completesAction, String key) {
    return sandbox.confirm(new PaymentProvider.ConfirmRequest(reference, intent, method, 1500, "JPY", completesAction), key);
  }

  @Test
  void visaSucceedsDeclinedFailsAndAuthenticationNeedsASecondConfirm() {
    assertThat(confirm(intent("a"), "pm_card_visa", false, "a1").outcome()).isEqualTo("SUCCEEDED");
    PaymentProvider.Confirmation declined = confirm(intent("b"), "pm_card_chargeDeclined", false, "b1");
    assertThat(declined.outcome()).isEqualTo("FAILED");
    assertThat(declined.failureCode()).isEqualTo("card_declined");
    String threeDs = intent("c");
    assertThat(confirm(threeDs, "pm_card_authenticationRequired", false, "c1").outcome()).isEqualTo("REQUIRES_ACTION");
    assertThat(confirm(threeDs, "pm_card_authenticationRequired", false, "c2").outcome()).isEqualTo("SUCCEEDED");
    assertThat(confirm(intent("d"), "pm_bnpl_declined", false, "d1").failureCode()).isEqualTo("bnpl_declined");
    assertThat(confirm(intent("e"), "pm_bnpl_approved", false, "e1").outcome()).isEqualTo("SUCCEEDED");
    assertThat(confirm(intent("f"), "tok_whatever", false, "f1").failureCode()).isEqualTo("resource_missing");
  }

  @Test
  void theSameKeyIsTheSameAnswerAndADeclineCanBeRetriedWithAnotherKey() {
    String id = intent("a");
    assertThat(intent("a")).isEqualTo(id);
    assertThat(confirm(id, "pm_card_chargeDeclined", false, "a1").outcome()).isEqualTo("FAILED");
    assertThat(confirm(id, "pm_card_visa", false, "a1").outcome()).as("replayed by key").isEqualTo("FAILED");
    assertThat(confirm(id, "pm_card_visa", false, "a2").outcome()).isEqualTo("SUCCEEDED");
  }

  @Test
  void refundsNeverExceedWhatWasCaptured() {
    String id = intent("a");
    assertThat(sandbox.refund(new PaymentProvider.RefundRequest(reference, "r0", id, 100, "JPY"), "r0").failureCode())
        .isEqualTo("charge_not_captured");
    confirm(id, "pm_card_visa", false, "a1");
    assertThat(sandbox.refund(new PaymentProvider.RefundRequest(reference, "r1", id, 1000, "JPY"), "r1").succeeded()).isTrue();
    assertThat(sandbox.refund(new PaymentProvider.RefundRequest(reference, "r1", id, 1000, "JPY"), "r1").succeeded())
        .as("the same refund replayed by key").isTrue();
    assertThat(sandbox.refund(new PaymentProvider.RefundRequest(reference, "r2", id, 501, "JPY"), "r2").failureCode())
        .isEqualTo("amount_too_large");
    assertThat(sandbox.refund(new PaymentProvider.RefundRequest(reference, "r3", id, 500, "JPY"), "r3").succeeded()).isTrue();
  }
}
