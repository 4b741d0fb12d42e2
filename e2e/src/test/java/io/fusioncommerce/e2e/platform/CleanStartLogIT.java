package io.fusioncommerce.e2e.platform;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fusioncommerce.runtime.platform.EmbeddedPlatform;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A normal start of a fresh embedded platform logs no ERROR: an operator who sees ERROR on every
 * start learns to ignore it. (Kafka Streams used to create its changelog topics during its first
 * rebalance and list their offsets before the broker knew them, and the admin client logged
 * "Received unknown topic error" at ERROR for each try.)
 */
@OwnPlatform // its test watches a platform start
class CleanStartLogIT {

  @TempDir Path dataDir;

  @Test
  void aFreshStartLogsNoError() {
    LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.setContext(logging);
    captured.start();
    root.addAppender(captured);
    List<String> errors;
    try (EmbeddedPlatform platform = TestPlatforms.start(dataDir)) {
      assertThat(platform.readiness().status()).isEqualTo("UP");
      root.detachAppender(captured); // the start is over; read the events once nobody appends any more
      errors = captured.list.stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.ERROR))
          .map(event -> event.getLoggerName() + ": " + event.getFormattedMessage()).toList();
    } finally {
      root.detachAppender(captured);
    }
    assertThat(errors).as("ERROR events of a normal start").isEmpty();
  }
}
