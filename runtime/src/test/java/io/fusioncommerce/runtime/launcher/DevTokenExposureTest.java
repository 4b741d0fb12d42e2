package io.fusioncommerce.runtime.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The development token issuer mints admin tokens: off the network unless explicitly allowed. */
class DevTokenExposureTest {

  @Test
  void loopbackNeedsNoFlag() {
    for (String host : new String[] {"127.0.0.1", "localhost", "::1"}) {
      assertThatCode(() -> DevTokenExposure.check(host, false)).as(host).doesNotThrowAnyException();
    }
  }

  @Test
  void anyOtherInterfaceIsRefusedWithoutTheFlag() {
    for (String host : new String[] {"0.0.0.0", "::", "192.0.2.10"}) {
      assertThatThrownBy(() -> DevTokenExposure.check(host, false)).as(host)
          .hasMessageContaining("--allow-remote-dev-tokens").hasMessageContaining("FUSION_ALLOW_REMOTE_DEV_TOKENS");
      assertThatCode(() -> DevTokenExposure.check(host, true)).as(host).doesNotThrowAnyException();
    }
  }

  @Test
  void theLauncherRefusesANonLoopbackHostBeforeStartingAnything() {
    StartCommand start = new StartCommand();
    CommandLine line = new CommandLine(start);
    line.parseArgs("--host", "0.0.0.0", "--registry-home", "/nonexistent");
    assertThat(start.allowRemoteDevTokens).isFalse();
    assertThatThrownBy(start::call).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dev-token");
    line.parseArgs("--host", "0.0.0.0", "--allow-remote-dev-tokens");
    assertThat(start.allowRemoteDevTokens).isTrue();
  }
}
