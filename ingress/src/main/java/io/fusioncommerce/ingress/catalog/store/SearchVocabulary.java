package io.fusioncommerce.ingress.catalog.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Corrects misspelt search words against the tenant's own vocabulary ({@code catalog.search_words}:
 * the distinct words of its product names, kept by a trigger, V7) by edit distance, so "kettel" and
 * "lmap" find kettles and lamps. Only searches whose words matched nothing are corrected.
 */
final class SearchVocabulary {

  private final Handle handle;

  SearchVocabulary(Handle handle) {
    this.handle = handle;
  }

  /** The query with each unknown word replaced by the closest known one; empty when nothing changed. */
  Optional<String> correct(String tenantId, String query) {
    List<String> corrected = new ArrayList<>();
    boolean changed = false;
    for (String word : query.toLowerCase(Locale.ROOT).split("[^\\p{Alnum}]+")) {
      if (word.length() < 3 || known(tenantId, word)) {
        if (!word.isEmpty()) {
          corrected.add(word);
        }
        continue;
      }
      Optional<String> closest = closest(tenantId, word);
      corrected.add(closest.orElse(word));
      changed |= closest.isPresent();
    }
    return changed ? Optional.of(String.join(" ", corrected)) : Optional.empty();
  }

  private boolean known(String tenantId, String word) {
    return handle.createQuery("select 1 from catalog.search_words where tenant_id = :tenant and word = :word")
        .bind("tenant", tenantId).bind("word", word).mapTo(Integer.class).findOne().isPresent();
  }

  /** The known word at the smallest edit distance (at most 1 for short words, 2 otherwise). */
  private Optional<String> closest(String tenantId, String word) {
    int max = word.length() <= 3 ? 1 : 2;
    return handle.createQuery("select word from catalog.search_words where tenant_id = :tenant "
            + "and length(word) between :shortest and :longest "
            + "and levenshtein_less_equal(word, :word, :max) <= :max "
            + "order by levenshtein_less_equal(word, :word, :max), word limit 1")
        .bind("tenant", tenantId).bind("word", word).bind("max", max)
        .bind("shortest", word.length() - max).bind("longest", word.length() + max)
        .mapTo(String.class).findOne();
  }
}
