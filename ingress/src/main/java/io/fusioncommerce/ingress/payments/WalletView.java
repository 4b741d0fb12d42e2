package io.fusioncommerce.ingress.payments;

import io.fusioncommerce.ingress.orders.OrderResponse.MoneyView;
import io.fusioncommerce.schemas.wallets.WalletState;
import java.util.List;

/** Answer of {@code GET /v1/wallets/{customerId}}: one balance per currency, in minor units. */
public record WalletView(String customerId, List<MoneyView> balances, long version) {

  static WalletView of(String customerId, WalletState state) {
    if (state == null) {
      return new WalletView(customerId, List.of(), 0);
    }
    return new WalletView(customerId, state.getBalances().entrySet().stream()
        .sorted(java.util.Map.Entry.comparingByKey())
        .map(e -> new MoneyView(e.getValue(), e.getKey())).toList(), state.getVersion());
  }
}
