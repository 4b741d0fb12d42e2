package io.fusioncommerce.connectors.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  private static final Instant SENT = Instant.parse("2026-12-06T10:00:00Z");
  private static final String BODY = "{\"id\":\"evt-1\",\"type\":\"order.created\",\"data\":{\"orderId\":\"ORD-1\"}}";

  @Test
  void aReceiverWithTheSecretRecomputesTheSignatureOfTimestampDotBody() throws Exception {
    String secret = WebhookSignature.newSecret();
    String header = WebhookSignature.header(secret, SENT, BODY);

    // what a receiver does by hand, knowing only the documented format
    String t = header.substring(header.indexOf("t=") + 2, header.indexOf(','));
    String v1 = header.substring(header.indexOf("v1=") + 3);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected = HexFormat.of().formatHex(mac.doFinal((t + "." + BODY).getBytes(StandardCharsets.UTF_8)));

    assertThat(t).isEqualTo(Long.toString(SENT.getEpochSecond()));
    assertThat(v1).isEqualTo(expected);
    assertThat(WebhookSignature.verify(secret, header, BODY, SENT.plusSeconds(30), Duration.ofMinutes(5))).isTrue();
  }

  @Test
  void aTamperedBodyAnotherSecretAnOldTimestampOrNoHeaderAreInvalid() {
    String secret = WebhookSignature.newSecret();
    String header = WebhookSignature.header(secret, SENT, BODY);

    assertThat(WebhookSignature.verify(secret, header, BODY.replace("ORD-1", "ORD-2"), SENT, Duration.ofMinutes(5)))
        .isFalse();
    assertThat(WebhookSignature.verify(WebhookSignature.newSecret(), header, BODY, SENT, Duration.ofMinutes(5)))
        .isFalse();
    assertThat(WebhookSignature.verify(secret, header, BODY, SENT.plus(Duration.ofMinutes(6)), Duration.ofMinutes(5)))
        .isFalse();
    String shiftedTime = header.replace("t=" + SENT.getEpochSecond(), "t=" + (SENT.getEpochSecond() + 1));
    assertThat(WebhookSignature.verify(secret, shiftedTime, BODY, SENT, Duration.ofMinutes(5))).isFalse();
    assertThat(WebhookSignature.verify(secret, null, BODY, SENT, Duration.ofMinutes(5))).isFalse();
  }

  @Test
  void secretsAreRandomAndLong() {
    String one = WebhookSignature.newSecret();
    assertThat(one).startsWith("whsec_").hasSize(6 + 64).isNotEqualTo(WebhookSignature.newSecret());
  }
}
