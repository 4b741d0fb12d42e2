package io.fusioncommerce.e2e.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.ingress.auth.TokenVerifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the ITs rely on from @PlatformTest, checked without a platform (none is asked for here). */
@PlatformTest
class PlatformExtensionTest {

  private int beforeAllRuns;

  @BeforeAll
  void countBeforeAll() {
    beforeAllRuns++;
  }

  @Test
  void aPlatformTestClassHasOneInstanceSoItsFixtureIsBuiltOnce() {
    // a non-static @BeforeAll only runs with one instance per class
    assertThat(beforeAllRuns).isEqualTo(1);
  }

  @Test
  void eachClassGetsAValidTenantOfItsOwn() {
    String tenant = PlatformExtension.tenantOf(InteractiveQueryRoutingIT.class);
    assertThat(tenant).isEqualTo("interactivequeryrouting").matches(TokenVerifier.TENANT_ID);
    assertThat(tenant + "-other").matches(TokenVerifier.TENANT_ID);
    assertThat(PlatformExtension.tenantOf(EmbeddedPlatformIT.class)).isNotEqualTo(tenant);
  }
}
