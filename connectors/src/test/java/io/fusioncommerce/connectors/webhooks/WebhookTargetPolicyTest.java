package io.fusioncommerce.connectors.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class WebhookTargetPolicyTest {

  /** Names pinned to addresses, as a DNS server controlled by an attacker would answer. */
  private static final Map<String, List<String>> DNS = Map.of(
      "hooks.example.com", List.of("93.184.216.34"),
      "sneaky.example.com", List.of("127.0.0.1"),
      "mixed.example.com", List.of("93.184.216.34", "10.0.0.7"),
      "v6private.example.com", List.of("fd12:3456::1"));

  private static final WebhookTargetPolicy.Resolver PINNED = host -> {
    List<String> addresses = DNS.get(host);
    if (addresses == null) {
      // literal addresses resolve to themselves without DNS
      if (host.matches("[0-9.]+") || host.contains(":")) {
        return List.of(InetAddress.getByName(host));
      }
      throw new UnknownHostException(host);
    }
    return addresses.stream().map(a -> {
      try {
        return InetAddress.getByName(a);
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  };

  private final WebhookTargetPolicy roleMode = new WebhookTargetPolicy(false, 2048, PINNED);

  @ParameterizedTest
  @ValueSource(strings = {
      "http://127.0.0.1:8080/hook",
      "http://127.1.2.3/hook",
      "http://10.1.2.3/hook",
      "http://172.16.0.1/hook",
      "http://192.168.1.1/hook",
      "http://169.254.169.254/latest/meta-data/",
      "http://100.100.100.200/latest/meta-data",
      "http://[::1]:8080/hook",
      "http://[fe80::1]/hook",
      "http://[fd12:3456::1]/hook",
      "http://[::ffff:127.0.0.1]/hook",
      "http://0.0.0.0/hook",
      "http://224.0.0.1/hook",
      "http://sneaky.example.com/hook",
      "http://mixed.example.com/hook",
      "http://v6private.example.com/hook",
      "http://localhost:8080/hook",
      "ftp://hooks.example.com/hook",
      "file:///etc/passwd",
      "gopher://hooks.example.com/",
      "https://user:pw@hooks.example.com/hook",
      "https://nowhere.invalid/hook",
      "not a url"})
  void roleModeRefusesEveryTargetThatIsNotAPublicHttpAddress(String url) {
    assertThat(roleMode.refusal(url)).as(url).isPresent();
  }

  @Test
  void aPublicHttpsTargetIsAccepted() {
    assertThat(roleMode.refusal("https://hooks.example.com/fusion?x=1")).isEmpty();
    assertThat(roleMode.refusal("http://93.184.216.34:8080/hook")).isEmpty();
  }

  @Test
  void everyResolvedAddressCountsNotOnlyTheFirst() {
    assertThat(roleMode.refusal("https://mixed.example.com/hook")).get().asString().contains("10.0.0.7");
  }

  @Test
  void tooLongUrlsAreRefused() {
    assertThat(new WebhookTargetPolicy(false, 40, PINNED).refusal("https://hooks.example.com/" + "a".repeat(40)))
        .get().asString().contains("at most 40");
  }

  @Test
  void embeddedModeMayAllowLoopbackButStillNothingPrivate() {
    WebhookTargetPolicy embedded = new WebhookTargetPolicy(true, 2048, PINNED);
    assertThat(embedded.refusal("http://127.0.0.1:5678/webhook/x")).isEmpty();
    assertThat(embedded.refusal("http://[::1]:5678/webhook/x")).isEmpty();
    assertThat(embedded.refusal("http://169.254.169.254/")).isPresent();
    assertThat(embedded.refusal("http://10.0.0.1/")).isPresent();
  }

  @Test
  void theSystemResolverIsUsedForRealNames() {
    // "localhost" resolves to loopback through the machine's own resolver
    assertThat(WebhookTargetPolicy.system(false, 2048).refusal("http://localhost:9/hook")).isPresent();
  }
}
