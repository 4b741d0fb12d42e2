package io.fusioncommerce.e2e.evaluation.fraud;

import io.fusioncommerce.topologies.fraud.FraudFeatureBook;
import io.fusioncommerce.topologies.fraud.InMemoryFeatureStores;
import io.fusioncommerce.topologies.fraud.OrderObservation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Labelled order traffic for training and evaluating the fraud model, generated from a seed (the same seed
 * gives the same traffic). Several tenants, each with its own currency and price level; customers with
 * habits (an order rate, a basket size, one to three cards, a home address and sometimes a second one,
 * their own devices, some behind a shared office address, some households sharing an address) and the
 * noise real traffic has (gifts to new addresses, declined cards retried, quick follow-up orders, large
 * legitimate first orders, billing abroad). Into that, the known fraud patterns ({@link FraudPattern}) at
 * about 2–5 % of orders. The features are computed by the production {@link FraudFeatureBook} over
 * {@link InMemoryFeatureStores}, event by event in time order, exactly as the fraud topology does.
 */
public final class FraudTrafficGenerator {

  /**
   * @param seed the random seed
   * @param days how many simulated days of traffic
   * @param customersPerTenant legitimate customers per tenant (about half already active on day one)
   */
  public record Settings(long seed, int days, int customersPerTenant) {
    public static final Settings DEFAULT = new Settings(13L, 28, 3_000);
  }

  /** A tenant: its currency, the mean of its orders in minor units, the countries its customers live in. */
  record Tenant(String id, String currency, long meanOrderMinor, List<String> countries) {}

  static final List<Tenant> TENANTS = List.of(
      new Tenant("tenant-eu", "EUR", 6_000, List.of("DE", "FR", "NL", "AT", "IT")),
      new Tenant("tenant-us", "USD", 7_500, List.of("US", "US", "US", "CA")),
      new Tenant("tenant-jp", "JPY", 8_000, List.of("JP")));

  static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

  private static final String[] ABROAD = {"GB", "US", "BR", "NG", "RU", "CN", "IN", "UA"};

  /** One generated event before the features are computed: an order, or a failed payment. */
  private record Event(Instant at, long seq, String tenantId, OrderObservation order, String failedCustomer,
                       String failedCard, FraudPattern pattern) {}

  /** A legitimate customer's habits. */
  private record Customer(String id, String country, String billingCountry, List<String> cards,
                          List<String> addresses, List<String> devices, String office, long meanOrderMinor,
                          double ordersPerDay, double highRiskAffinity, boolean traveller) {}

  /** Client addresses and delivery points many honest customers share: they make the simple rules misfire. */
  private record Shared(List<String> offices, List<String> mobileCarriers, List<String> parcelLockers) {}

  private final Settings settings;
  private final List<Event> events = new ArrayList<>();
  private long seq;

  private FraudTrafficGenerator(Settings settings) {
    this.settings = settings;
  }

  /** The labelled orders of the traffic {@code settings} describe, in time order. */
  public static List<LabelledOrder> generate(Settings settings) {
    FraudTrafficGenerator generator = new FraudTrafficGenerator(settings);
    for (int i = 0; i < TENANTS.size(); i++) {
      generator.tenant(TENANTS.get(i), new Random(settings.seed() * 1_000_003L + i));
    }
    return generator.label();
  }

  /** The instant that splits {@code settings}' traffic into training (before) and held-out (from) by time. */
  public static Instant heldOutFrom(Settings settings, double trainingShare) {
    return START.plus(Duration.ofMinutes(Math.round(settings.days() * 24 * 60 * trainingShare)));
  }

  private List<LabelledOrder> label() {
    events.sort(Comparator.comparing(Event::at).thenComparingLong(Event::seq));
    FraudFeatureBook book = new FraudFeatureBook(new InMemoryFeatureStores());
    List<LabelledOrder> labelled = new ArrayList<>();
    for (Event event : events) {
      if (event.order() == null) {
        book.recordFailedPayment(event.tenantId(), event.failedCustomer(), event.failedCard(), event.at());
      } else {
        labelled.add(new LabelledOrder(event.tenantId(), event.at(), book.features(event.tenantId(), event.order()), event.pattern()));
        book.record(event.tenantId(), event.order());
      }
    }
    return labelled;
  }

  private void tenant(Tenant tenant, Random random) {
    Ids ids = new Ids();
    Instant end = START.plus(Duration.ofDays(settings.days()));
    Shared shared = new Shared(names(ids, "office-ip", Math.max(1, settings.customersPerTenant() / 150)),
        names(ids, "carrier-nat-ip", 4), names(ids, "parcel-locker", 3));
    List<Customer> customers = new ArrayList<>();
    String household = null;
    for (int i = 0; i < settings.customersPerTenant(); i++) {
      Customer customer = customer(tenant, random, ids, shared, household);
      household = random.nextDouble() < 0.04 ? customer.addresses().getFirst() : null;
      customers.add(customer);
      // about half the customers are active from day one, the rest sign up over the period
      Instant joins = random.nextBoolean() ? START : START.plus(minutes(random, settings.days() * 24 * 60));
      legitimateOrders(tenant, random, ids, customer, joins, end);
    }
    // fraud scales with the tenant's traffic: as many attacks per customer-day in a small world as in a large one
    double attackDays = settings.days() * settings.customersPerTenant() / 3_000.0;
    for (int i = 0; i < Math.max(1, Math.round(attackDays / 2)); i++) {
      cardTesting(tenant, random, ids, shared, at(random, end));
    }
    for (int i = 0; i < Math.max(1, Math.round(attackDays * 1.5)); i++) {
      accountTakeover(tenant, random, ids, customers.get(random.nextInt(customers.size())), at(random, end));
    }
    for (int i = 0; i < Math.max(1, Math.round(attackDays / 9)); i++) {
      reshippingRing(tenant, random, ids, shared, at(random, end), end);
    }
    for (int i = 0; i < Math.max(1, Math.round(attackDays * 1.2)); i++) {
      highValueFirstOrder(tenant, random, ids, at(random, end));
    }
  }

  private Customer customer(Tenant tenant, Random random, Ids ids, Shared shared, String household) {
    String country = pick(random, tenant.countries());
    String billing = random.nextDouble() < 0.04 ? pick(random, ABROAD) : country;
    List<String> cards = new ArrayList<>(List.of(ids.next("card")));
    if (random.nextDouble() < 0.3) {
      cards.add(ids.next("card"));
    }
    if (random.nextDouble() < 0.05) {
      cards.add(ids.next("card"));
    }
    List<String> addresses = new ArrayList<>(List.of(household != null ? household : ids.next("addr")));
    if (random.nextDouble() < 0.25) {
      addresses.add(ids.next("addr"));
    }
    if (random.nextDouble() < 0.08) { // collects parcels at a locker many others use too
      addresses.add(pick(random, shared.parcelLockers()));
    }
    List<String> devices = new ArrayList<>(List.of(ids.next("ip")));
    for (int d = random.nextInt(3); d > 0; d--) {
      devices.add(ids.next("ip"));
    }
    if (random.nextDouble() < 0.3) { // a phone behind the mobile carrier's shared address
      devices.add(pick(random, shared.mobileCarriers()));
    }
    String office = random.nextDouble() < 0.12 ? pick(random, shared.offices()) : null;
    long mean = Math.max(100, Math.round(tenant.meanOrderMinor() * Math.exp(random.nextGaussian() * 0.5 - 0.125)));
    double rate = Math.exp(Math.log(0.15) + random.nextGaussian() * 0.8);
    double affinity = random.nextDouble() < 0.15 ? 0.35 : 0.05;
    if (random.nextDouble() < 0.02) { // a small business: many orders a day, company cards, resellable goods
      rate *= 20;
      cards.add(ids.next("card"));
      cards.add(ids.next("card"));
      affinity = 0.5;
    }
    return new Customer(ids.next("cust"), country, billing, cards, addresses, devices, office, mean, rate, affinity,
        random.nextDouble() < 0.1);
  }

  private void legitimateOrders(Tenant tenant, Random random, Ids ids, Customer c, Instant joins, Instant end) {
    boolean first = true;
    Instant at = joins.equals(START) ? START.plus(minutes(random, 24 * 60 / c.ordersPerDay())) : joins;
    while (at.isBefore(end)) {
      if (daytime(random, at)) {
        String address = pick(random, c.addresses());
        String device = c.office() != null && random.nextDouble() < 0.4 ? c.office() : pick(random, c.devices());
        String card = pick(random, c.cards());
        String country = c.country();
        long amount = Math.round(c.meanOrderMinor() * Math.exp(random.nextGaussian() * 0.45));
        double roll = random.nextDouble();
        if (roll < 0.06) { // a present sent to someone else, often dearer than usual
          address = ids.next("addr");
          amount = Math.round(amount * (1 + random.nextDouble() * 3));
        } else if (roll < 0.08 && c.traveller()) { // on holiday: a hotel's network, delivered abroad
          address = ids.next("addr");
          device = ids.next("ip");
          country = pick(random, ABROAD);
        }
        if (first && random.nextDouble() < 0.06) { // a large legitimate first order: a new customer furnishing a flat
          amount = Math.round(tenant.meanOrderMinor() * (3 + random.nextDouble() * 6));
        }
        if (random.nextDouble() < 0.03) { // a declined card, then the order with it or another
          failedPayment(tenant, at.minusSeconds(30 + random.nextInt(600)), c.id(), card);
          card = pick(random, c.cards());
        }
        order(tenant, random, at, c.id(), card, device, address, country, c.billingCountry(), amount, c.highRiskAffinity(), FraudPattern.LEGIT);
        if (random.nextDouble() < 0.05) { // forgot something: a small second order minutes later
          order(tenant, random, at.plusSeconds(60 + random.nextInt(600)), c.id(), card, device, address, country,
              c.billingCountry(), Math.round(amount * 0.3) + 100, c.highRiskAffinity(), FraudPattern.LEGIT);
        }
        first = false;
      }
      at = at.plusSeconds(Math.round(expo(random, 24 * 60 / c.ordersPerDay()) * 60));
    }
  }

  /** One device tries many cards with small orders within minutes; most payments fail. */
  private void cardTesting(Tenant tenant, Random random, Ids ids, Shared shared, Instant at) {
    // some testers hide behind a mobile carrier's address, shared with honest customers
    String device = random.nextDouble() < 0.3 ? pick(random, shared.mobileCarriers()) : ids.next("ip");
    List<String> accounts = new ArrayList<>();
    for (int a = 1 + random.nextInt(3); a > 0; a--) {
      accounts.add(ids.next("cust"));
    }
    String address = ids.next("addr");
    String country = pick(random, tenant.countries());
    int attempts = 8 + random.nextInt(23);
    long spanSeconds = 120 + random.nextInt(13 * 60);
    for (int i = 0; i < attempts; i++) {
      Instant when = at.plusSeconds(spanSeconds * i / attempts + random.nextInt(5));
      String card = ids.next("card");
      String customer = pick(random, accounts);
      long amount = Math.max(100, Math.round(tenant.meanOrderMinor() * (0.03 + random.nextDouble() * 0.2)));
      order(tenant, random, when, customer, card, device, address, country, pick(random, ABROAD), amount, 0.5, FraudPattern.CARD_TESTING);
      if (random.nextDouble() < 0.6) {
        failedPayment(tenant, when.plusSeconds(2 + random.nextInt(10)), customer, card);
      }
    }
  }

  /** Someone else uses a known customer's account: new device, new address, several times the usual amount. */
  private void accountTakeover(Tenant tenant, Random random, Ids ids, Customer victim, Instant at) {
    String device = ids.next("ip");
    String card = random.nextBoolean() ? pick(random, victim.cards()) : ids.next("card");
    String address = random.nextDouble() < 0.85 ? ids.next("addr") : pick(random, victim.addresses());
    String country = random.nextDouble() < 0.4 ? pick(random, ABROAD) : victim.country();
    for (int i = 1 + random.nextInt(3); i > 0; i--) {
      long amount = Math.round(victim.meanOrderMinor() * (1.5 + random.nextDouble() * 8));
      order(tenant, random, at, victim.id(), card, device, address, country, victim.billingCountry(), amount, 0.7, FraudPattern.ACCOUNT_TAKEOVER);
      at = at.plusSeconds(120 + random.nextInt(1_800));
    }
  }

  /** New accounts with stolen cards ship to one drop address over a few days. */
  private void reshippingRing(Tenant tenant, Random random, Ids ids, Shared shared, Instant at, Instant end) {
    String drop = ids.next("addr");
    String country = pick(random, tenant.countries());
    List<String> proxies = List.of(ids.next("ip"), ids.next("ip"), pick(random, shared.mobileCarriers()));
    for (int m = 8 + random.nextInt(13); m > 0; m--) {
      String customer = ids.next("cust");
      String card = ids.next("card");
      String billing = random.nextDouble() < 0.6 ? pick(random, ABROAD) : country;
      Instant when = at.plus(minutes(random, 5 * 24 * 60));
      for (int o = 1 + random.nextInt(2); o > 0 && when.isBefore(end); o--) {
        String device = random.nextBoolean() ? pick(random, proxies) : ids.next("ip");
        long amount = Math.round(tenant.meanOrderMinor() * (1 + random.nextDouble() * 3));
        order(tenant, random, when, customer, card, device, drop, country, billing, amount, 0.75, FraudPattern.RESHIPPING);
        when = when.plus(minutes(random, 24 * 60));
      }
    }
  }

  /** A brand-new account's first order, large and mostly high-risk goods; sometimes declined cards first. */
  private void highValueFirstOrder(Tenant tenant, Random random, Ids ids, Instant at) {
    String customer = ids.next("cust");
    String card = ids.next("card");
    String country = pick(random, tenant.countries());
    String billing = random.nextDouble() < 0.5 ? pick(random, ABROAD) : country;
    if (random.nextDouble() < 0.3) {
      for (int f = 1 + random.nextInt(3); f > 0; f--) {
        failedPayment(tenant, at.minusSeconds(60L * f), customer, random.nextBoolean() ? card : ids.next("card"));
      }
    }
    long amount = Math.round(tenant.meanOrderMinor() * (2.5 + random.nextDouble() * 10));
    order(tenant, random, at, customer, card, ids.next("ip"), ids.next("addr"), country, billing, amount, 0.8, FraudPattern.HIGH_VALUE_FIRST_ORDER);
  }

  private void order(Tenant tenant, Random random, Instant at, String customer, String card, String device, String address,
                     String country, String billing, long amountMinor, double highRiskShare, FraudPattern pattern) {
    long units = 1 + (long) Math.floor(Math.abs(random.nextGaussian()) * 2);
    long skus = 1 + random.nextInt((int) units);
    long highRisk = 0;
    for (int u = 0; u < units; u++) {
      highRisk += random.nextDouble() < highRiskShare ? 1 : 0;
    }
    long amount = "JPY".equals(tenant.currency()) ? Math.max(1, amountMinor) : Math.max(50, amountMinor);
    events.add(new Event(at, seq++, tenant.id(), new OrderObservation(customer, card, device, address, country, billing,
        tenant.currency(), amount, units, skus, highRisk, at), null, null, pattern));
  }

  private void failedPayment(Tenant tenant, Instant at, String customer, String card) {
    events.add(new Event(at, seq++, tenant.id(), null, customer, card, null));
  }

  private static List<String> names(Ids ids, String kind, int count) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add(ids.next(kind));
    }
    return names;
  }

  private Instant at(Random random, Instant end) {
    long span = Duration.between(START, end).toMinutes();
    return START.plus(Duration.ofMinutes(random.nextLong(span - 60)));
  }

  /** Accepts an order time with the weight of its hour: few orders at night. */
  private static boolean daytime(Random random, Instant at) {
    int hour = (int) (at.getEpochSecond() / 3600 % 24);
    double weight = hour < 6 ? 0.15 : hour < 9 ? 0.6 : 1.0;
    return random.nextDouble() < weight;
  }

  private static double expo(Random random, double mean) {
    return -Math.log(1 - random.nextDouble()) * mean;
  }

  private static Duration minutes(Random random, double upTo) {
    return Duration.ofSeconds(Math.round(random.nextDouble() * upTo * 60));
  }

  private static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }

  /** Names unique within a tenant. */
  private static final class Ids {
    private long next;

    String next(String kind) {
      return kind + "-" + next++;
    }
  }
}
