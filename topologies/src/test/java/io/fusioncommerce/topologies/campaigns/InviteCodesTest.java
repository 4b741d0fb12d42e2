package io.fusioncommerce.topologies.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class InviteCodesTest {

  static final InviteCodes CODES = InviteCodes.withSecret("0123456789abcdef0123456789abcdef-invite-test");

  @Test
  void aCodeIsStableForAParticipantAndVerifiesOnlyForItsCampaign() {
    String alice = CODES.issue("acme", "c1", "alice");
    assertThat(alice).hasSize(InviteCodes.CODE_LENGTH).matches("[a-z2-9]+").doesNotContain("alice");
    assertThat(CODES.issue("acme", "c1", "alice")).isEqualTo(alice);
    assertThat(CODES.issue("acme", "c1", "bob")).isNotEqualTo(alice);
    assertThat(CODES.issue("acme", "c1", null)).isNotEqualTo(alice);
    assertThat(CODES.verify("acme", "c1", alice)).isTrue();
    assertThat(CODES.verify("acme", "c1", alice.toUpperCase())).isTrue();
    assertThat(CODES.verify("acme", "c2", alice)).isFalse();
    assertThat(CODES.verify("globex", "c1", alice)).isFalse();
    assertThat(CODES.verify("acme", "c1", null)).isFalse();
    assertThat(CODES.verify("acme", "c1", alice.substring(1))).isFalse();
  }

  @Test
  void anotherSecretGivesOtherCodesThatDoNotVerify() {
    InviteCodes other = InviteCodes.withSecret(Base64.getEncoder().encodeToString(new byte[32]));
    String forged = other.issue("acme", "c1", "alice");
    assertThat(forged).isNotEqualTo(CODES.issue("acme", "c1", "alice"));
    assertThat(CODES.verify("acme", "c1", forged)).isFalse();
  }

  @Test
  void aWeakSecretIsRefused() {
    assertThatThrownBy(() -> InviteCodes.withSecret("short")).hasMessageContaining("32");
    assertThatThrownBy(() -> InviteCodes.withSecret(new byte[16])).hasMessageContaining("32");
    assertThat(CODES.toString()).doesNotContain("0123456789");
  }
}
