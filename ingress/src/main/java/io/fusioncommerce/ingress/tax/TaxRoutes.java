package io.fusioncommerce.ingress.tax;

import io.fusioncommerce.ingress.ApiContext;
import io.fusioncommerce.ingress.ApiModule;
import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.FieldError;
import io.fusioncommerce.ingress.http.PathParams;
import io.fusioncommerce.ingress.http.RequestContext;
import io.fusioncommerce.ingress.openapi.DocumentedRoutes;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.tax.TaxRates;
import io.fusioncommerce.schemas.tax.TaxRatesKey;
import io.fusioncommerce.topologies.carts.CartTopology;
import io.fusioncommerce.topologies.tax.TaxRule;
import io.javalin.http.Context;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tenant's tax rates per country. An admin sets a country's rates; the route checks them and writes the
 * whole record to the compacted table tax.rates (the last write wins: a rate table has no invariant across
 * writes to guard, so no topology stands between; ADR 0023). Carts read the table as a global store.
 */
public final class TaxRoutes implements ApiModule {

  /** Body of {@code PUT /v1/tax/rates/{country}}: decimal strings, never floating point. */
  public record TaxRatesRequest(@NotBlank String rate, @NotNull Boolean inclusive, Map<String, String> regions) {}

  /** The rates as stored. */
  public record TaxRatesView(String country, String rate, boolean inclusive, Map<String, String> regions) {
    static TaxRatesView of(TaxRates rates) {
      return new TaxRatesView(rates.getCountry(), rates.getRate(), rates.getInclusive(), new TreeMap<>(rates.getRegions()));
    }
  }

  @Override
  public void register(DocumentedRoutes routes, ApiContext api) {
    routes.put("/v1/tax/rates/{country}", ctx -> put(ctx, api), Role.ADMIN)
        .tag("Tax").summary("Set a country's tax rates (admin): the country's rate, inclusive or not, and regions' own rates")
        .description("Rates are decimal strings between 0 and 1 (\"0.19\"). inclusive: prices include the tax (EU VAT) "
            + "and it is extracted; otherwise it is added (US sales tax). A region's rate replaces the country's for "
            + "addresses in that region. Tax is computed per line on what is left after discounts, rounded half-up to "
            + "the currency's minor unit (whole yen for JPY).")
        .body(TaxRatesRequest.class)
        .response(200, TaxRatesView.class, "The rates as stored")
        .problem(400, "A rate, a region or the country is wrong; errors[].field names it");
    routes.get("/v1/tax/rates/{country}", ctx -> get(ctx, api), Role.ADMIN, Role.OPERATOR, Role.ANALYST)
        .tag("Tax").summary("A country's tax rates")
        .response(200, TaxRatesView.class, "The rates")
        .problem(404, "The tenant set no rates for the country");
  }

  private void put(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    String country = country(ctx);
    TaxRatesRequest request = api.bodies().read(ctx, TaxRatesRequest.class);
    Map<String, String> regions = request.regions() == null ? Map.of() : request.regions();
    List<FieldError> errors = new ArrayList<>();
    TaxRule.check("rate", request.rate()).forEach(p -> errors.add(new FieldError(p.field(), p.message())));
    if (regions.size() > TaxRule.MAX_REGIONS) {
      errors.add(new FieldError("regions", "at most " + TaxRule.MAX_REGIONS + " regions"));
    } else {
      regions.forEach((region, rate) -> {
        if (region == null || !TaxRule.REGION.matcher(region).matches()) {
          errors.add(new FieldError("regions", "a region is 1 to 3 capital letters or digits (e.g. CA)"));
        } else {
          TaxRule.check("regions." + region, rate).forEach(p -> errors.add(new FieldError(p.field(), p.message())));
        }
      });
    }
    if (!errors.isEmpty()) {
      throw ApiException.validation(errors);
    }
    TaxRates rates = TaxRates.newBuilder().setTenantId(principal.tenantId()).setCountry(country)
        .setRate(request.rate()).setInclusive(request.inclusive()).setRegions(new TreeMap<>(regions))
        .setUpdatedAt(api.clock().instant()).setUpdatedBy(principal.subject()).build();
    ctx.future(() -> api.commands().send(Topics.TAX_RATES, new TaxRatesKey(principal.tenantId(), country), rates, ctx)
        .thenRun(() -> ctx.status(200).json(TaxRatesView.of(rates))));
  }

  private void get(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    String country = country(ctx);
    TaxRates rates = api.stores().queries().<TaxRatesKey, TaxRates>global(CartTopology.CONTEXT,
            CartTopology.TAX_RATES_STORE, new TaxRatesKey(principal.tenantId(), country))
        .filter(r -> principal.tenantId().equals(r.getTenantId()))
        .orElseThrow(() -> ApiException.notFound("no tax rates for " + country));
    ctx.json(TaxRatesView.of(rates));
  }

  private static String country(Context ctx) {
    return PathParams.matching(ctx, "country", TaxRule.COUNTRY, "an ISO-3166 alpha-2 code such as US");
  }
}
