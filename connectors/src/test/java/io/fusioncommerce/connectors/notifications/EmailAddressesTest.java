package io.fusioncommerce.connectors.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressesTest {

  @ParameterizedTest
  @ValueSource(strings = {"ann@buyer.example", "a.b+tag@sub.shop.example", "x@y.io"})
  void addressesTheDomainCanReceiveAreTaken(String address) {
    assertThat(EmailAddresses.valid(address)).contains(address);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "ann", "ann@", "@buyer.example", "ann@localhost", "ann@buyer.", "Ann <ann@buyer.example>",
      "ann@buyer.example\r\nBcc: all@victims.example", "ann@buyer.example, bob@buyer.example", "an n@buyer.example"})
  void anythingElseIsRefused(String address) {
    assertThat(EmailAddresses.valid(address)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void overlongAddressesAreRefused() {
    assertThat(EmailAddresses.valid("a".repeat(250) + "@b.io")).isEmpty();
  }
}
