package io.fusioncommerce.analytics.live;

import java.time.Instant;
import java.util.List;

/**
 * What the operator's live tiles show for one tenant: the last hour minute by minute (oldest first,
 * minutes without orders included as zeros), the SKUs low on stock now and the open campaigns' progress.
 */
public record LiveFigures(String tenantId, Instant asOf, List<LiveMinute> minutes, List<LowStockSku> lowStock,
    List<CampaignProgress> campaigns) {

  public LiveFigures {
    minutes = List.copyOf(minutes);
    lowStock = List.copyOf(lowStock);
    campaigns = List.copyOf(campaigns);
  }
}
