package io.fusioncommerce.ingress.recommendations;

import io.fusioncommerce.ingress.ApiContext;
import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.schemas.common.CustomerKey;
import io.fusioncommerce.topologies.recommendations.RecommendationBook;
import io.javalin.http.Context;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code personalize=true} on a search: the page the search found is re-ranked for the caller (its
 * favourite categories first), on the instance that holds the caller's profile. Without the parameter the
 * search is untouched and reads no recommendation state.
 */
public final class PersonalizedSearch {

  public static final String PARAMETER = "personalize";

  private PersonalizedSearch() {}

  /** Whether the request asks for it; anything but true or false is refused with 400. */
  public static boolean requested(Context ctx) {
    String raw = ctx.queryParam(PARAMETER);
    if (raw == null || raw.equals("false")) {
      return false;
    }
    if (raw.equals("true")) {
      return true;
    }
    throw ApiException.invalidField(PARAMETER, "true or false");
  }

  /**
   * Runs {@code search} where the caller's profile is and answers its items re-ranked.
   *
   * @param rerank builds the answer from the search's result and a re-ranking of a list of its items
   */
  public static <P> void answer(Context ctx, ApiContext api, Principal caller, Supplier<P> search,
      RankedAnswer<P> rerank) {
    RecommendationReads.withProfile(ctx, api, new CustomerKey(caller.tenantId(), caller.subject()),
        profile -> ctx.json(rerank.answer(search.get(), new Reranker() {
          @Override
          public <T> List<T> rerank(List<T> items, Function<T, List<String>> categoriesOf) {
            return RecommendationBook.rerank(items, categoriesOf, profile);
          }
        })));
  }

  /** Re-orders a page's items for the caller. */
  public interface Reranker {
    <T> List<T> rerank(List<T> items, Function<T, List<String>> categoriesOf);
  }

  /** Makes the answer of a search result with its items re-ranked. */
  @FunctionalInterface
  public interface RankedAnswer<P> {
    Object answer(P result, Reranker reranker);
  }
}
