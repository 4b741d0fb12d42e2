package io.fusioncommerce.topologies.fraud;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The long-lived, bounded memory of one entity (a customer, a payment method, a client address, a
 * shipping address, a tenant's currency): the value of the profile store. Its size never grows with
 * traffic: {@code members} keeps only the {@value #MAX_MEMBERS} most recently seen.
 *
 * @param firstSeen when the entity's first order was recorded
 * @param orders orders recorded for it, all time
 * @param amountMinor their totals, in minor units
 * @param members the distinct related values most recently seen with it, newest first (a customer's
 *     shipping addresses, a card's customers, a client address's cards, an address's customers)
 */
public record EntityProfile(Instant firstSeen, long orders, long amountMinor, List<RecentMember> members) {

  /** How many related values a profile remembers. */
  public static final int MAX_MEMBERS = 16;

  /**
   * One related value and when it was last seen with the entity.
   *
   * @param value the related value (an address key, a customer id, a payment fingerprint)
   * @param lastSeen when it was last seen
   */
  public record RecentMember(String value, Instant lastSeen) {
    public RecentMember {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(lastSeen, "lastSeen");
    }
  }

  public EntityProfile {
    Objects.requireNonNull(firstSeen, "firstSeen");
    members = List.copyOf(members);
  }

  /** The profile of an entity whose first order is recorded at {@code at}. */
  public static EntityProfile first(Instant at) {
    return new EntityProfile(at, 0, 0, List.of());
  }

  /** This profile with one more order of {@code amountMinor} at {@code at}, seen with {@code member} (may be null). */
  public EntityProfile withOrder(Instant at, long amountMinor, String member) {
    Instant first = at.isBefore(firstSeen) ? at : firstSeen;
    return new EntityProfile(first, orders + 1, this.amountMinor + amountMinor, withMember(member, at));
  }

  /** Whether {@code value} is among the remembered members. */
  public boolean remembers(String value) {
    return value != null && members.stream().anyMatch(m -> m.value().equals(value));
  }

  /** Remembered members last seen at or after {@code since}. */
  public long membersSince(Instant since) {
    return members.stream().filter(m -> !m.lastSeen().isBefore(since)).count();
  }

  private List<RecentMember> withMember(String value, Instant at) {
    if (value == null) {
      return members;
    }
    List<RecentMember> next = new ArrayList<>(members.size() + 1);
    Instant lastSeen = at;
    for (RecentMember m : members) {
      if (m.value().equals(value)) {
        lastSeen = m.lastSeen().isAfter(at) ? m.lastSeen() : at; // out-of-order records never move it back
      } else {
        next.add(m);
      }
    }
    next.add(new RecentMember(value, lastSeen));
    next.sort(Comparator.comparing(RecentMember::lastSeen).reversed());
    return next.size() > MAX_MEMBERS ? next.subList(0, MAX_MEMBERS) : next;
  }
}
