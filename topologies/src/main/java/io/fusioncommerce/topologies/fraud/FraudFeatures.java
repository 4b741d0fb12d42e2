package io.fusioncommerce.topologies.fraud;

/**
 * What is known about one order when it is scored, as numbers a model reads. Computed incrementally by
 * {@code FraudFeatureBook} from the tenant's feature stores before the order's own activity is added, so
 * a feature never counts the order it describes. Amounts are ratios, never money: a ratio is the same in
 * every currency, so one model serves JPY and USD tenants.
 *
 * @param customerOrders1m the customer's orders in the last minute (velocity)
 * @param customerOrders1h the customer's orders in the last hour
 * @param customerOrders24h the customer's orders in the last 24 hours
 * @param paymentOrders1h orders paid with the same payment method (fingerprint) in the last hour, any customer
 * @param paymentCustomers24h distinct customers seen with this payment method recently
 * @param ipOrders1m orders from the same client address or device in the last minute, any customer
 * @param ipOrders1h orders from the same client address or device in the last hour
 * @param ipPaymentMethods24h distinct payment methods seen from this client address recently (card testing)
 * @param addressOrders24h orders shipped to the same address in the last 24 hours, any customer
 * @param addressCustomers24h distinct customers shipping to this address recently (reshipping)
 * @param customerFailedPayments24h the customer's failed payments in the last 24 hours
 * @param paymentFailedPayments24h failed payments with this payment method in the last 24 hours
 * @param customerPriorOrders the customer's orders before this one (all time, as far as the stores remember)
 * @param accountAgeHours hours since the customer was first seen by the tenant (0 for a first order)
 * @param amountToCustomerMean this order's total over the customer's mean order total (1 with no history)
 * @param amountToTenantMean this order's total over the tenant's mean order total in its currency (1 with none)
 * @param newShippingAddress the customer never shipped to this address before (false for a first order)
 * @param countryMismatch the billing country differs from the shipping country (false when either is unknown)
 * @param highRiskShare share of the order's units in the tenant's high-risk categories, 0 to 1
 * @param units units in the order
 * @param distinctSkus SKUs in the order
 */
public record FraudFeatures(
    long customerOrders1m, long customerOrders1h, long customerOrders24h,
    long paymentOrders1h, long paymentCustomers24h,
    long ipOrders1m, long ipOrders1h, long ipPaymentMethods24h,
    long addressOrders24h, long addressCustomers24h,
    long customerFailedPayments24h, long paymentFailedPayments24h,
    long customerPriorOrders, double accountAgeHours,
    double amountToCustomerMean, double amountToTenantMean,
    boolean newShippingAddress, boolean countryMismatch,
    double highRiskShare, long units, long distinctSkus) {

  /** The feature names, in the order {@link #values()} gives them: the model's inputs. */
  public static final String[] NAMES = {
      "customerOrders1m", "customerOrders1h", "customerOrders24h",
      "paymentOrders1h", "paymentCustomers24h",
      "ipOrders1m", "ipOrders1h", "ipPaymentMethods24h",
      "addressOrders24h", "addressCustomers24h",
      "customerFailedPayments24h", "paymentFailedPayments24h",
      "customerPriorOrders", "accountAgeHours",
      "amountToCustomerMean", "amountToTenantMean",
      "newShippingAddress", "countryMismatch",
      "highRiskShare", "units", "distinctSkus"};

  /** The features as numbers, in the order of {@link #NAMES}. */
  public double[] values() {
    return new double[] {
        customerOrders1m, customerOrders1h, customerOrders24h,
        paymentOrders1h, paymentCustomers24h,
        ipOrders1m, ipOrders1h, ipPaymentMethods24h,
        addressOrders24h, addressCustomers24h,
        customerFailedPayments24h, paymentFailedPayments24h,
        customerPriorOrders, accountAgeHours,
        amountToCustomerMean, amountToTenantMean,
        newShippingAddress ? 1 : 0, countryMismatch ? 1 : 0,
        highRiskShare, units, distinctSkus};
  }
}
