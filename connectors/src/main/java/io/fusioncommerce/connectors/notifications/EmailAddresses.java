package io.fusioncommerce.connectors.notifications;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Locale;
import java.util.Optional;

/**
 * The one check of an e-mail address the platform stores (an order's, a vendor's, a tenant's sender):
 * a bare RFC 822 address as Jakarta Mail parses it strictly, with a domain that has a dot, at most 254
 * characters, no display name, no line breaks (which would let a value inject mail headers).
 */
public final class EmailAddresses {

  public static final int MAX_LENGTH = 254;

  private EmailAddresses() {}

  /** The address trimmed, or empty when it is not one the platform sends to. */
  public static Optional<String> valid(String candidate) {
    if (candidate == null) {
      return Optional.empty();
    }
    String address = candidate.trim();
    if (address.isEmpty() || address.length() > MAX_LENGTH || address.chars().anyMatch(Character::isISOControl)) {
      return Optional.empty();
    }
    try {
      InternetAddress parsed = new InternetAddress(address, true);
      parsed.validate();
      String bare = parsed.getAddress();
      int at = bare.lastIndexOf('@');
      boolean dottedDomain = at > 0 && bare.indexOf('.', at) > at + 1 && !bare.endsWith(".");
      return bare.equals(address) && parsed.getPersonal() == null && dottedDomain ? Optional.of(address)
          : Optional.empty();
    } catch (AddressException e) {
      return Optional.empty();
    }
  }

  /** How two addresses compare: the domain is case-insensitive (the local part, strictly, is not). */
  public static String normalized(String address) {
    int at = address.lastIndexOf('@');
    return address.substring(0, at + 1) + address.substring(at + 1).toLowerCase(Locale.ROOT);
  }
}
