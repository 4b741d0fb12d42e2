package io.fusioncommerce.ingress.catalog.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fusioncommerce.ingress.http.ApiException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImportSlotsTest {

  @Test
  void aThirdImportIsRefusedWhileTwoRunAndAdmittedOnceOneEnds() {
    ImportSlots slots = new ImportSlots(new ImportSettings(2, 1));
    ImportSlots.Slot first = slots.acquire("acme");
    ImportSlots.Slot second = slots.acquire("globex");

    assertThatThrownBy(() -> slots.acquire("initech")).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.status()).isEqualTo(503);
      assertThat(e.getMessage()).contains("this node already runs 2 imports");
    });
    assertThatThrownBy(() -> slots.acquire("acme")).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.status()).isEqualTo(429);
      assertThat(e.getMessage()).contains("this tenant already runs 1 import");
    });

    first.close();
    first.close(); // closing twice frees one place, not two
    ImportSlots.Slot third = slots.acquire("initech");
    assertThatThrownBy(() -> slots.acquire("acme")).isInstanceOfSatisfying(ApiException.class,
        e -> assertThat(e.status()).isEqualTo(503));
    second.close();
    third.close();
    slots.acquire("acme").close();
  }

  @Test
  void aTenantRefusedByTheNodeDoesNotKeepItsPlace() {
    ImportSlots slots = new ImportSlots(new ImportSettings(1, 2));
    ImportSlots.Slot running = slots.acquire("acme");
    assertThatThrownBy(() -> slots.acquire("globex")).isInstanceOfSatisfying(ApiException.class,
        e -> assertThat(e.status()).isEqualTo(503));
    running.close();
    ImportSlots.Slot one = slots.acquire("globex");
    one.close();
    ImportSlots.Slot two = slots.acquire("globex");
    two.close();
  }

  @Test
  void settingsAreReadFromTheEnvironment() {
    assertThat(ImportSettings.fromEnvironment(Map.of())).isEqualTo(new ImportSettings(2, 1));
    assertThat(ImportSettings.fromEnvironment(Map.of(ImportSettings.MAX_CONCURRENT_VARIABLE, "4",
        ImportSettings.MAX_CONCURRENT_PER_TENANT_VARIABLE, "2"))).isEqualTo(new ImportSettings(4, 2));
    assertThatThrownBy(() -> ImportSettings.fromEnvironment(Map.of(ImportSettings.MAX_CONCURRENT_VARIABLE, "many")))
        .hasMessageContaining(ImportSettings.MAX_CONCURRENT_VARIABLE);
    assertThatThrownBy(() -> ImportSettings.fromEnvironment(Map.of(ImportSettings.MAX_CONCURRENT_VARIABLE, "0")))
        .hasMessageContaining(ImportSettings.MAX_CONCURRENT_VARIABLE);
  }
}
