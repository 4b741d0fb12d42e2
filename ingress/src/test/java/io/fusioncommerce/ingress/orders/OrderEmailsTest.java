package io.fusioncommerce.ingress.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.FieldError;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which address an order mails to (ADR 0025): the request's, else the token's email claim, else none. */
class OrderEmailsTest {

  private static Principal customer(String emailClaim) {
    return new Principal("ann", "acme", Set.of(Role.CUSTOMER), Optional.empty(), Optional.empty(),
        Optional.ofNullable(emailClaim));
  }

  @Test
  void theRequestsAddressWinsOverTheTokens() {
    assertThat(OrderEmails.of("order@buyer.example", customer("token@buyer.example"))).isEqualTo("order@buyer.example");
  }

  @Test
  void theTokensClaimStandsInForAMissingField() {
    assertThat(OrderEmails.of(null, customer("token@buyer.example"))).isEqualTo("token@buyer.example");
    assertThat(OrderEmails.of(null, customer(null))).isNull();
  }

  @Test
  void anInvalidRequestAddressIsRefusedButAnInvalidClaimIsIgnored() {
    ApiException refused = catchThrowableOfType(ApiException.class,
        () -> OrderEmails.of("not-an-address", customer("token@buyer.example")));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.errors()).extracting(FieldError::field).containsExactly("email");
    // a header injection attempt in a token is no address either
    assertThat(OrderEmails.of(null, customer("ann@buyer.example\r\nBcc: all@victims.example"))).isNull();
    assertThat(OrderEmails.of(null, customer("nope"))).isNull();
  }
}
