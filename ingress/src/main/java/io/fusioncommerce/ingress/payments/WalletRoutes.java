package io.fusioncommerce.ingress.payments;

import io.fusioncommerce.ingress.commands.Actors;
import io.fusioncommerce.ingress.ApiContext;
import io.fusioncommerce.ingress.ApiModule;
import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.ingress.commands.CommandIds;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.PathParams;
import io.fusioncommerce.ingress.http.RequestContext;
import io.fusioncommerce.ingress.openapi.DocumentedRoutes;
import io.fusioncommerce.ingress.query.KeyedStore;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.CustomerKey;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.wallets.CreditWallet;
import io.fusioncommerce.schemas.wallets.WalletCommand;
import io.fusioncommerce.schemas.wallets.WalletState;
import io.fusioncommerce.topologies.payments.PaymentTopology;
import io.javalin.http.Context;
import java.util.regex.Pattern;

/**
 * Wallets over HTTP: a customer's stored-value balance, one per currency, kept by the payment
 * topology. Staff credit it; refunds to the wallet credit it; a payment with the method "wallet"
 * spends it, never below zero (decided by the topology, one command at a time per customer).
 */
public final class WalletRoutes implements ApiModule {

  private static final KeyedStore<CustomerKey, WalletState> WALLETS =
      KeyedStore.of(PaymentTopology.CONTEXT, PaymentTopology.WALLET_STORE, CustomerKey.class);
  private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9._@-]{1,128}");

  /** Answer of an accepted credit (202). */
  public record CreditAccepted(String customerId, String commandId) {}

  @Override
  public void register(DocumentedRoutes routes, ApiContext api) {
    routes.get("/v1/wallets/{customerId}", ctx -> get(ctx, api), Role.CUSTOMER, Role.ADMIN, Role.OPERATOR, Role.ANALYST)
        .tag("Payments").summary("A customer's wallet balances, from the payment topology's state store")
        .response(200, WalletView.class, "The balances (empty when nothing was ever credited)");
    routes.post("/v1/wallets/{customerId}/credits", ctx -> credit(ctx, api), Role.ADMIN, Role.OPERATOR)
        .tag("Payments").summary("Credit a customer's wallet")
        .body(CreditRequest.class).idempotent()
        .response(202, CreditAccepted.class, "Accepted; GET the wallet to see the balance");
  }

  private void get(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    CustomerKey key = key(ctx, principal);
    if (!principal.hasAny(Role.ADMIN, Role.OPERATOR, Role.ANALYST) && !principal.subject().equals(key.getCustomerId())) {
      throw ApiException.notFound("no wallet " + key.getCustomerId());
    }
    api.atOwner(ctx, WALLETS, key, local -> ctx.json(WalletView.of(key.getCustomerId(),
        local.<WalletState>get(WALLETS.name()).orElse(null))));
  }

  private void credit(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    CustomerKey key = key(ctx, principal);
    CreditRequest request = api.bodies().read(ctx, CreditRequest.class);
    String commandId = CommandIds.forRequest(ctx, principal, "wallet-credit:" + key.getCustomerId());
    WalletCommand command = RequestContext.cause(ctx, key.getTenantId(), Actors.of(principal),
        api.clock().instant()).command(new WalletCommand(), commandId, new CreditWallet(key.getCustomerId(),
            new Money(request.amount().amount(), request.amount().currency()), "admin-credit", request.reason()));
    ctx.future(() -> api.commands().send(Topics.WALLET_COMMANDS, key, command, ctx)
        .thenRun(() -> ctx.status(202).header("Location", "/v1/wallets/" + key.getCustomerId())
            .json(new CreditAccepted(key.getCustomerId(), commandId))));
  }

  private static CustomerKey key(Context ctx, Principal principal) {
    return new CustomerKey(principal.tenantId(), PathParams.matching(ctx, "customerId", CUSTOMER_ID, "not a customer id"));
  }
}
