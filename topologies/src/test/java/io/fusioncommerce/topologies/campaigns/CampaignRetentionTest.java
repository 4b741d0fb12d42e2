package io.fusioncommerce.topologies.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.common.CampaignKey;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An ended campaign leaves the stores with its participants a month after it ended; an open one stays. */
class CampaignRetentionTest {

  @TempDir Path dir;
  CampaignHarness h;

  @BeforeEach
  void start() {
    h = new CampaignHarness(dir);
    h.product("SKU-1", 5000, "v1");
    h.saga.stock(CampaignHarness.TENANT, "SKU-1", "main", 100);
    h.saga.relay();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void anExpiredCampaignAndItsParticipantsGoThirtyDaysAfterItEnded() {
    h.create("c1", "SKU-1", 3, null, 3999, Duration.ZERO, Duration.ofMinutes(30), null);
    h.join("c1", "alice", 1, null);
    h.join("c1", "bob", 1, null);
    h.advance(Duration.ofMinutes(31));
    assertThat(h.campaign("c1").getStatus()).isEqualTo("EXPIRED");

    h.advance(Duration.ofDays(29));
    h.create("c2", "SKU-1", 3, null, 3999, Duration.ZERO, Duration.ofDays(60), null); // moves stream time
    assertThat(h.campaign("c1")).as("ended 29 days ago").isNotNull();

    h.advance(Duration.ofDays(2));
    h.join("c2", "carol", 1, null);
    h.join("c2", "dave", 1, null); // a few records: each sweep does a bounded share
    assertThat(h.campaignStore.get(new CampaignKey(CampaignHarness.TENANT, "c1"))).as("ended 31 days ago").isNull();
    assertThat(h.participant("c1", "alice")).isNull();
    assertThat(h.participant("c1", "bob")).isNull();
    assertThat(h.campaign("c2").getStatus()).isEqualTo("OPEN");
    assertThat(h.participant("c2", "carol")).isNotNull();
  }
}
