package io.fusioncommerce.ingress.auth;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, from a verified token. Every handler scopes what it reads and writes by
 * {@link #tenantId()}; nothing else decides the tenant.
 */
public record Principal(
    String subject, String tenantId, Set<Role> roles, Optional<String> vendorId, Optional<String> organizationId,
    Optional<String> email) {

  /** A principal whose token carries no e-mail claim. */
  public Principal(String subject, String tenantId, Set<Role> roles, Optional<String> vendorId,
      Optional<String> organizationId) {
    this(subject, tenantId, roles, vendorId, organizationId, Optional.empty());
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  public boolean hasAny(Role... anyOf) {
    return Arrays.stream(anyOf).anyMatch(roles::contains);
  }
}
