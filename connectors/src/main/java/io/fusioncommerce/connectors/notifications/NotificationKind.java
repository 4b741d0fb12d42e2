package io.fusioncommerce.connectors.notifications;

/** What a mail tells, and so its template ({@code notifications/templates/<template>.{html,txt}.mustache}). */
public enum NotificationKind {
  ORDER_CONFIRMED("order-confirmed", Audience.CUSTOMER),
  ORDER_SHIPPED("order-shipped", Audience.CUSTOMER),
  ORDER_DELIVERED("order-delivered", Audience.CUSTOMER),
  ORDER_REFUNDED("order-refunded", Audience.CUSTOMER),
  LOW_STOCK("low-stock", Audience.VENDOR),
  PRODUCT_APPROVED("product-approved", Audience.VENDOR),
  PRODUCT_REJECTED("product-rejected", Audience.VENDOR);

  /** Who receives it: the order's e-mail, or the e-mail of the product's vendor. */
  public enum Audience { CUSTOMER, VENDOR }

  private final String template;
  private final Audience audience;

  NotificationKind(String template, Audience audience) {
    this.template = template;
    this.audience = audience;
  }

  public String template() {
    return template;
  }

  public Audience audience() {
    return audience;
  }
}
