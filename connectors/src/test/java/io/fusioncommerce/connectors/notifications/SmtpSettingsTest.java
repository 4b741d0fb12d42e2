package io.fusioncommerce.connectors.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SmtpSettingsTest {

  @Test
  void withoutAHostNoMailIsSent() {
    assertThat(SmtpSettings.fromEnvironment(Map.of("SMTP_FROM", "shop@acme.example"))).isEmpty();
  }

  @Test
  void aServerWithALoginRequiresStartTlsUnlessToldOtherwise() {
    SmtpSettings settings = SmtpSettings.fromEnvironment(Map.of("SMTP_HOST", "smtp.acme.example",
        "SMTP_USERNAME", "mailer", "SMTP_PASSWORD", "s3cret", "SMTP_FROM", "no-reply@acme.example")).orElseThrow();

    assertThat(settings.port()).isEqualTo(587);
    assertThat(settings.startTls()).isTrue();
    assertThat(settings.username()).isEqualTo("mailer");
    assertThat(settings.toString()).doesNotContain("s3cret");
    assertThat(SmtpSettings.fromEnvironment(Map.of("SMTP_HOST", "relay.internal", "SMTP_PORT", "25",
        "SMTP_STARTTLS", "false", "SMTP_FROM", "no-reply@acme.example")).orElseThrow())
        .satisfies(relay -> {
          assertThat(relay.startTls()).isFalse();
          assertThat(relay.username()).isNull();
          assertThat(relay.port()).isEqualTo(25);
        });
  }

  @Test
  void wrongSettingsStopTheStartInsteadOfLosingMail() {
    assertThatThrownBy(() -> SmtpSettings.fromEnvironment(Map.of("SMTP_HOST", "h.example")))
        .hasMessageContaining("SMTP_FROM");
    assertThatThrownBy(() -> SmtpSettings.fromEnvironment(Map.of("SMTP_HOST", "h.example", "SMTP_PORT", "smtp",
        "SMTP_FROM", "a@b.example"))).hasMessageContaining("SMTP_PORT");
    assertThatThrownBy(() -> SmtpSettings.fromEnvironment(Map.of("SMTP_HOST", "h.example", "SMTP_PORT", "70000",
        "SMTP_FROM", "a@b.example"))).hasMessageContaining("SMTP_PORT");
    assertThatThrownBy(() -> SmtpSettings.fromEnvironment(Map.of("SMTP_HOST", "h.example", "SMTP_STARTTLS", "yes",
        "SMTP_FROM", "a@b.example"))).hasMessageContaining("SMTP_STARTTLS");
  }
}
