package io.fusioncommerce.ingress.notifications;

import io.fusioncommerce.connectors.notifications.EmailAddresses;
import io.fusioncommerce.connectors.notifications.PostgresNotificationStore;
import io.fusioncommerce.connectors.notifications.SenderProfile;
import io.fusioncommerce.ingress.ApiContext;
import io.fusioncommerce.ingress.ApiModule;
import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.ingress.database.Database;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.FieldError;
import io.fusioncommerce.ingress.http.RequestContext;
import io.fusioncommerce.ingress.openapi.DocumentedRoutes;
import io.javalin.http.Context;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Notifications (ADR 0025): what the mail worker sent ({@code GET /v1/notifications}, admin), the tenant's
 * sender and branding ({@code /v1/notifications/sender}, admin) and a vendor's e-mail address
 * ({@code PUT /v1/vendors/{vendorId}/email}: admin, or the vendor itself). Everything is read and written
 * in the caller's tenant, under row-level security.
 */
public final class NotificationRoutes implements ApiModule {

  private static final java.util.regex.Pattern VENDOR_ID = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  /** Body of {@code PUT /v1/notifications/sender}. */
  public record SenderRequest(
      @NotBlank @Size(max = 100) String fromName,
      @NotBlank @Size(max = EmailAddresses.MAX_LENGTH) String fromAddress,
      @NotBlank @Size(max = 100) String brandName,
      @Pattern(regexp = "#[0-9a-fA-F]{6}", message = "a colour such as #0a7d53") String accentColor,
      @Size(max = 500) String footer) {}

  /** Body of {@code PUT /v1/vendors/{vendorId}/email}. */
  public record VendorEmailRequest(@NotNull @Size(max = EmailAddresses.MAX_LENGTH) String email) {}

  public record VendorEmailView(String vendorId, String email) {}

  private final Database database;

  public NotificationRoutes(Database database) {
    this.database = database;
  }

  @Override
  public void register(DocumentedRoutes routes, ApiContext api) {
    routes.get("/v1/notifications", this::list, Role.ADMIN)
        .tag("Notifications").summary("The mails sent to the tenant's customers and vendors, newest first")
        .response(200, NotificationList.class, "One page of sent mails");
    routes.get("/v1/notifications/sender", this::sender, Role.ADMIN)
        .tag("Notifications").summary("The tenant's mail sender and branding")
        .response(200, SenderProfile.class, "The sender (the deployment's defaults when never set)");
    routes.put("/v1/notifications/sender", ctx -> setSender(ctx, api), Role.ADMIN)
        .tag("Notifications").summary("Set the tenant's mail sender and branding")
        .body(SenderRequest.class).response(200, SenderProfile.class, "The new sender");
    routes.put("/v1/vendors/{vendorId}/email", ctx -> setVendorEmail(ctx, api), Role.ADMIN, Role.VENDOR)
        .tag("Notifications").summary("Set where a vendor's mails (low stock, product approvals) go")
        .body(VendorEmailRequest.class).response(200, VendorEmailView.class, "The vendor's address");
  }

  private void list(Context ctx) {
    Principal principal = RequestContext.principal(ctx);
    NotificationListQuery.Parameters parameters = NotificationListQuery.Parameters.from(ctx);
    ctx.json(database.inTenant(principal.tenantId(),
        handle -> NotificationListQuery.page(handle, principal.tenantId(), parameters)));
  }

  private void sender(Context ctx) {
    Principal principal = RequestContext.principal(ctx);
    ctx.json(new PostgresNotificationStore(database.jdbi()).senderProfile(principal.tenantId())
        .orElseGet(() -> SenderProfile.defaults(principal.tenantId(), "")));
  }

  private void setSender(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    SenderRequest request = api.bodies().read(ctx, SenderRequest.class);
    List<FieldError> errors = new ArrayList<>();
    String fromAddress = EmailAddresses.valid(request.fromAddress()).orElseGet(() -> {
      errors.add(new FieldError("fromAddress", "not a valid e-mail address"));
      return null;
    });
    // the name and brand go into a mail header and a subject: no line breaks or other control characters
    noControlCharacters("fromName", request.fromName(), errors);
    noControlCharacters("brandName", request.brandName(), errors);
    if (!errors.isEmpty()) {
      throw ApiException.validation(errors);
    }
    SenderProfile profile = new SenderProfile(request.fromName().strip(), fromAddress, request.brandName().strip(),
        request.accentColor() == null ? SenderProfile.DEFAULT_ACCENT : request.accentColor().toLowerCase(java.util.Locale.ROOT),
        request.footer() == null ? "" : request.footer().strip());
    new PostgresNotificationStore(database.jdbi()).saveSenderProfile(principal.tenantId(), profile);
    ctx.json(profile);
  }

  private void setVendorEmail(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    String vendorId = ctx.pathParam("vendorId");
    Matcher valid = VENDOR_ID.matcher(vendorId);
    if (!valid.matches()) {
      throw ApiException.invalidField("vendorId", "not a vendor id");
    }
    if (!principal.has(Role.ADMIN) && principal.vendorId().filter(vendorId::equals).isEmpty()) {
      throw ApiException.forbidden("a vendor sets only its own address");
    }
    VendorEmailRequest request = api.bodies().read(ctx, VendorEmailRequest.class);
    String email = EmailAddresses.valid(request.email())
        .orElseThrow(() -> ApiException.invalidField("email", "not a valid e-mail address"));
    database.inTenant(principal.tenantId(), handle -> handle.createUpdate("""
            insert into catalog.vendors (tenant_id, vendor_id, name, email) values (:tenant, :vendor, :vendor, :email)
            on conflict (tenant_id, vendor_id) do update set email = excluded.email""")
        .bind("tenant", principal.tenantId()).bind("vendor", vendorId).bind("email", email).execute());
    ctx.json(new VendorEmailView(vendorId, email));
  }

  private static void noControlCharacters(String field, String value, List<FieldError> errors) {
    if (value != null && value.chars().anyMatch(Character::isISOControl)) {
      errors.add(new FieldError(field, "must not contain line breaks or control characters"));
    }
  }
}
