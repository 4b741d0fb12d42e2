package io.fusioncommerce.e2e.platform;

import io.fusioncommerce.e2e.client.ApiClient;

/**
 * The usual start of a {@link PlatformTest} class: its tenant, a client of the platform and an admin's
 * token in that tenant.
 */
public abstract class PlatformJourney {

  protected final TestTenant acme;
  protected final ApiClient api;
  protected final String admin;

  protected PlatformJourney(TestTenant acme) {
    this.acme = acme;
    this.api = acme.api();
    this.admin = acme.admin();
  }
}
