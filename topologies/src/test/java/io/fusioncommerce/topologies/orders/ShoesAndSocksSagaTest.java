package io.fusioncommerce.topologies.orders;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh order saga for each test, with tenant acme selling SHOE and SOCK (see
 * {@link SagaHarness#shoesAndSocks}); each test class stocks them as it needs, in its own
 * {@code @BeforeEach} (which runs after this one).
 */
abstract class ShoesAndSocksSagaTest {

  @TempDir Path stateDir;
  SagaHarness saga;

  @BeforeEach
  void startSaga() {
    saga = new SagaHarness(stateDir);
    saga.shoesAndSocks("acme");
  }

  @AfterEach
  void stopSaga() {
    saga.close();
  }
}
