package io.fusioncommerce.ingress.campaigns;

import io.fusioncommerce.ingress.commands.Actors;
import static io.fusioncommerce.ingress.orders.ShippingAddresses.address;

import io.fusioncommerce.ingress.ApiContext;
import io.fusioncommerce.ingress.ApiModule;
import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.ingress.catalog.ProductAccess;
import io.fusioncommerce.ingress.catalog.ProductStatus;
import io.fusioncommerce.ingress.catalog.store.ProductStore;
import io.fusioncommerce.ingress.commands.CommandIds;
import io.fusioncommerce.ingress.commands.IdempotentCreate;
import io.fusioncommerce.ingress.commands.RequestHash;
import io.fusioncommerce.ingress.database.Database;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.FieldError;
import io.fusioncommerce.ingress.http.PageLimit;
import io.fusioncommerce.ingress.http.PathParams;
import io.fusioncommerce.ingress.http.PublicUrls;
import io.fusioncommerce.ingress.http.RequestContext;
import io.fusioncommerce.ingress.openapi.DocumentedRoutes;
import io.fusioncommerce.ingress.query.KeyedStore;
import io.fusioncommerce.ingress.query.ReadParameters;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.campaigns.CampaignCommand;
import io.fusioncommerce.schemas.campaigns.CampaignParticipant;
import io.fusioncommerce.schemas.campaigns.CampaignProduct;
import io.fusioncommerce.schemas.campaigns.CampaignState;
import io.fusioncommerce.schemas.campaigns.CreateCampaign;
import io.fusioncommerce.schemas.campaigns.JoinCampaign;
import io.fusioncommerce.schemas.common.CampaignKey;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.topologies.campaigns.CampaignBook;
import io.fusioncommerce.topologies.campaigns.CampaignCodes;
import io.fusioncommerce.topologies.campaigns.CampaignTopology;
import io.fusioncommerce.topologies.campaigns.InviteCodes;
import io.fusioncommerce.schemas.envelope.EventIds;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Group-buying campaigns over HTTP. Creating one checks the product in the catalog and writes a
 * CreateCampaign command; joining checks the campaign's current state on the instance that owns it
 * (so a refused join gets a clear error at once) and writes a JoinCampaign command; the campaign
 * topology decides every join in order, so the count is exact. Reads are interactive queries.
 *
 * @param inviteCodes signs the campaign's invite code and verifies the codes joins carry (same secret as the topology's)
 */
public record CampaignRoutes(Database database, InviteCodes inviteCodes) implements ApiModule {

  private static final Pattern CAMPAIGN_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
  private static final KeyedStore<CampaignKey, CampaignState> CAMPAIGNS =
      KeyedStore.of(CampaignTopology.CONTEXT, CampaignTopology.CAMPAIGN_STORE, CampaignKey.class);
  private static final IdempotentCreate<CampaignKey, CampaignState> CREATE =
      new IdempotentCreate<>(CAMPAIGNS, campaign -> true, CampaignState::getRequestHash, "campaign");

  /** Answer of an accepted campaign command (202). */
  public record CampaignAccepted(String campaignId, String status, String inviteUrl) {}

  /** Answer of an accepted join (202): the join is decided by the campaign topology in order. */
  public record JoinAccepted(String campaignId, String customerId, String status) {}

  @Override
  public void register(DocumentedRoutes routes, ApiContext api) {
    routes.post("/v1/campaigns", ctx -> create(ctx, api), Role.ADMIN, Role.OPERATOR, Role.VENDOR)
        .tag("Group buying").summary("Open a group-buying campaign for a SKU")
        .description("The group price must be positive, in the product's currency and below its list price; a vendor "
            + "offers only its own products. The campaign succeeds when minParticipants have joined before endsAt.")
        .body(CreateCampaignRequest.class).idempotent()
        .response(202, CampaignAccepted.class, "Accepted; GET the campaign to see it open")
        .problem(422, "The product cannot be offered on these terms");
    routes.get("/v1/campaigns", this::list, Role.ANY)
        .tag("Group buying").summary("The tenant's campaigns, newest first (from the Postgres read model)")
        .description("Counts here trail the campaign by up to a second; GET /v1/campaigns/{id} is exact.")
        .queryParam("sku", String.class, "Only campaigns for this SKU")
        .queryParam("status", String.class, "One or more (comma-separated) of OPEN, SUCCEEDED, EXPIRED, REJECTED")
        .queryParam("vendorId", String.class, "Only this vendor's campaigns")
        .paged()
        .response(200, CampaignList.Page.class, "A page of campaigns");
    routes.get("/v1/campaigns/{campaignId}", ctx -> get(ctx, api), Role.ANY)
        .tag("Group buying").summary("A campaign and its progress, from the campaign topology's state store")
        .longPoll()
        .queryParam("ref", String.class, "An invite code (ignored here; pass it on to the join)")
        .response(200, CampaignView.class, "The campaign");
    routes.post("/v1/campaigns/{campaignId}/join", ctx -> join(ctx, api), Role.CUSTOMER, Role.ADMIN, Role.OPERATOR)
        .tag("Group buying").summary("Join a campaign; joining twice counts once")
        .description("Refused with 409 when the campaign has not started, has ended, expired or is full. With an invite "
            + "code (ref, in the body or the query) the participant who shared it is recorded as the referrer.")
        .body(JoinRequest.class).idempotent()
        .queryParam("ref", String.class, "The invite code of the link followed")
        .response(202, JoinAccepted.class, "Accepted; GET the participant to see the join and its group order")
        .problem(409, "The campaign cannot be joined now");
    routes.get("/v1/campaigns/{campaignId}/participants/{customerId}", ctx -> participant(ctx, api), Role.ANY)
        .tag("Group buying").summary("One participant: referrer, referrals, own invite link, group order")
        .response(200, ParticipantView.class, "The participant (a customer sees only itself)");
    routes.get("/v1/campaigns/{campaignId}/participants", ctx -> participants(ctx, api),
            Role.ADMIN, Role.OPERATOR, Role.ANALYST, Role.VENDOR)
        .tag("Group buying").summary("The participants, with who brought whom (staff and the campaign's vendor)")
        .paged()
        .response(200, ParticipantView.Page.class, "A page of participants in customer-id order");
  }

  // ------------------------------------------------------------------ create

  private void create(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    CreateCampaignRequest request = api.bodies().read(ctx, CreateCampaignRequest.class);
    Instant now = api.clock().instant();
    Instant startsAt = request.startsAt() != null ? request.startsAt() : now;
    checkTerms(request, startsAt, now);
    ProductStore.Orderable product = database.inTenant(principal.tenantId(),
            handle -> new ProductStore(handle).orderable(principal.tenantId(), request.sku()))
        .filter(o -> o.product().status() == ProductStatus.ACTIVE)
        .orElseThrow(() -> new ApiException(422, "unknown-sku", "Unknown SKU",
            "no active product or variant " + request.sku(), List.of(new FieldError("sku", "not an active product"))));
    Optional<String> vendor = ProductAccess.isStaff(principal) ? Optional.empty() : principal.vendorId();
    if (!ProductAccess.isStaff(principal)
        && (vendor.isEmpty() || !vendor.get().equals(product.product().vendorId()))) {
      throw ApiException.forbidden("a vendor offers group prices only on its own products");
    }
    List<FieldError> errors = new ArrayList<>();
    if (!product.price().currency().equals(request.groupPrice().currency())) {
      errors.add(new FieldError("groupPrice.currency", "must be the product's currency, " + product.price().currency()));
    }
    if (request.groupPrice().amount() >= product.price().amount()) {
      errors.add(new FieldError("groupPrice.amount", "must be below the list price, " + product.price().amount()));
    }
    if (!errors.isEmpty()) {
      throw new ApiException(422, "unacceptable-terms", "Unacceptable terms",
          "the group price does not fit the product", errors);
    }
    String campaignId = CommandIds.forRequest(ctx, principal, "create-campaign");
    CampaignKey key = new CampaignKey(principal.tenantId(), campaignId);
    String requestHash = RequestHash.of(request);
    CampaignCommand command = RequestContext.cause(ctx, Actors.of(principal), now).command(
        new CampaignCommand(), EventIds.derive(campaignId, "create-campaign"),
        CreateCampaign.newBuilder().setCampaignId(campaignId).setSku(request.sku())
            .setMinParticipants(request.minParticipants()).setMaxParticipants(request.maxParticipants())
            .setGroupPrice(new Money(request.groupPrice().amount(), request.groupPrice().currency()))
            .setStartsAt(startsAt).setEndsAt(request.endsAt()).setVendorId(vendor.orElse(null))
            .setRequestHash(requestHash)
            .setProduct(new CampaignProduct(product.product().vendorId(), product.product().name(),
                new Money(product.price().amount(), product.price().currency())))
            .build());
    String inviteUrl = inviteUrl(PublicUrls.base(ctx), campaignId,
        inviteCodes.issue(principal.tenantId(), campaignId, null));
    CREATE.run(ctx, api, key, requestHash,
        existing -> ctx.status(202).header("Location", "/v1/campaigns/" + campaignId)
            .json(new CampaignAccepted(campaignId, existing.getStatus(), inviteUrl)),
        () -> send(ctx, api, key, command, new CampaignAccepted(campaignId, "OPEN", inviteUrl)));
  }

  private static void checkTerms(CreateCampaignRequest request, Instant startsAt, Instant now) {
    List<FieldError> errors = new ArrayList<>();
    if (request.maxParticipants() != null && request.maxParticipants() < request.minParticipants()) {
      errors.add(new FieldError("maxParticipants", "must not be below minParticipants"));
    }
    if (!request.endsAt().isAfter(now)) {
      errors.add(new FieldError("endsAt", "must be in the future"));
    }
    if (!request.endsAt().isAfter(startsAt)) {
      errors.add(new FieldError("endsAt", "must be after startsAt"));
    }
    if (Duration.between(startsAt, request.endsAt()).compareTo(CampaignBook.MAX_WINDOW) > 0) {
      errors.add(new FieldError("endsAt", "a campaign runs at most " + CampaignBook.MAX_WINDOW.toDays() + " days"));
    }
    if (!errors.isEmpty()) {
      throw ApiException.validation(errors);
    }
  }

  private static void send(Context ctx, ApiContext api, CampaignKey key, CampaignCommand command, Object answer) {
    ctx.future(() -> api.commands().send(Topics.CAMPAIGN_COMMANDS, key, command, ctx)
        .thenRun(() -> ctx.status(202).header("Location", "/v1/campaigns/" + key.getCampaignId()).json(answer)));
  }

  // ------------------------------------------------------------------ join

  private void join(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    CampaignKey key = key(ctx, principal);
    JoinRequest request = api.bodies().read(ctx, JoinRequest.class);
    if (!ProductAccess.isStaff(principal) && !principal.subject().equals(request.customerId())) {
      throw ApiException.forbidden("a customer joins only for itself");
    }
    String ref = request.ref() != null ? request.ref() : ctx.queryParam("ref");
    if (ref != null && !ref.matches("[A-Za-z0-9]{1,32}")) {
      throw ApiException.invalidField("ref", "not an invite code");
    }
    // signed codes only: a forged one, or an unsigned code of an earlier version, is refused
    if (ref != null && !inviteCodes.verify(key.getTenantId(), key.getCampaignId(), ref)) {
      throw ApiException.invalidField("ref", "not an invite code of this campaign");
    }
    Instant now = api.clock().instant();
    api.withValue(ctx, CAMPAIGNS, key, () -> notFound(key), (local, campaign) -> {
          String participantKey = CampaignCodes.participantKey(key.getTenantId(), key.getCampaignId(), request.customerId());
          if (local.<String, CampaignParticipant>get(CampaignTopology.PARTICIPANT_STORE, participantKey).isPresent()) {
            accepted(ctx, key, request.customerId(), "JOINED");
            return;
          }
          JoinCampaign join = JoinCampaign.newBuilder().setCampaignId(key.getCampaignId())
              .setCustomerId(request.customerId()).setQuantity(request.quantityOrOne()).setReferralCode(ref)
              .setShippingAddress(address(request.shippingAddress())).build();
          CampaignBook.admission(campaign, join, now).ifPresent(reason -> {
            throw new ApiException(409, "campaign-" + reason.toLowerCase().replace('_', '-'), "Cannot join",
                refusal(reason, campaign), List.of());
          });
          CampaignCommand command = RequestContext.cause(ctx, key.getTenantId(), Actors.of(principal), now)
              .command(new CampaignCommand(),
                  CommandIds.forRequest(ctx, principal, "join:" + key.getCampaignId() + ":" + request.customerId()), join);
          ctx.future(() -> api.commands().send(Topics.CAMPAIGN_COMMANDS, key, command, ctx)
              .thenRun(() -> accepted(ctx, key, request.customerId(), "PENDING")));
    });
  }

  private static void accepted(Context ctx, CampaignKey key, String customerId, String status) {
    ctx.status(202).header("Location", "/v1/campaigns/" + key.getCampaignId() + "/participants/" + customerId)
        .json(new JoinAccepted(key.getCampaignId(), customerId, status));
  }

  private static String refusal(String reason, CampaignState campaign) {
    return switch (reason) {
      case CampaignBook.Refusals.NOT_STARTED -> "the campaign starts at " + campaign.getStartsAt();
      case CampaignBook.Refusals.ENDED -> "the campaign ended at " + campaign.getEndsAt();
      case CampaignBook.Refusals.NOT_OPEN -> "the campaign is " + campaign.getStatus();
      case CampaignBook.Refusals.FULL -> "the campaign is full (" + campaign.getMaxParticipants() + " participants)";
      default -> "the join cannot be taken (" + reason + ")";
    };
  }

  // ------------------------------------------------------------------ read

  private void list(Context ctx) {
    Principal principal = RequestContext.principal(ctx);
    CampaignList.Parameters parameters = CampaignList.parse(ctx.queryParamMap());
    ctx.json(database.inTenant(principal.tenantId(), handle -> CampaignList.page(handle, principal, parameters)));
  }

  private void get(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    CampaignKey key = key(ctx, principal);
    String base = PublicUrls.base(ctx);
    api.serve(ctx, CAMPAIGNS, key, state -> new ReadParameters.Seen(state.getVersion(), state.getStatus()),
        state -> CampaignView.of(state, base, api.clock().instant()), "no campaign " + key.getCampaignId());
  }

  private void participant(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    CampaignKey key = key(ctx, principal);
    String customerId = ctx.pathParam("customerId"); // any token subject; an unknown one is simply not found
    String base = PublicUrls.base(ctx);
    api.withValue(ctx, CAMPAIGNS, key, () -> notFound(key), (local, campaign) -> {
      if (!principal.subject().equals(customerId) && !seesParticipants(principal, campaign)) {
        throw ApiException.notFound("no participant " + customerId);
      }
      CampaignParticipant participant = local.<String, CampaignParticipant>get(CampaignTopology.PARTICIPANT_STORE,
              CampaignCodes.participantKey(key.getTenantId(), key.getCampaignId(), customerId))
          .orElseThrow(() -> ApiException.notFound("no participant " + customerId));
      ctx.json(ParticipantView.of(participant, base, key.getCampaignId()));
    });
  }

  private void participants(Context ctx, ApiContext api) {
    Principal principal = RequestContext.principal(ctx);
    CampaignKey key = key(ctx, principal);
    int limit = PageLimit.LISTS.require(ctx.queryParam("limit"));
    String cursor = ctx.queryParam("cursor");
    String base = PublicUrls.base(ctx);
    api.withValue(ctx, CAMPAIGNS, key, () -> notFound(key), (local, campaign) -> {
      if (!seesParticipants(principal, campaign)) {
        throw ApiException.forbidden("the participants are shown to staff and to the campaign's vendor");
      }
      String prefix = CampaignCodes.participantPrefix(key.getTenantId(), key.getCampaignId());
      String after = cursor == null ? null : prefix + decodeCursor(cursor);
      var page = local.<CampaignParticipant>scan(CampaignTopology.PARTICIPANT_STORE, prefix, after, limit + 1);
      List<ParticipantView> items = page.stream().limit(limit)
          .map(e -> ParticipantView.of(e.value, base, key.getCampaignId())).toList();
      String next = page.size() > limit ? encodeCursor(items.get(items.size() - 1).customerId()) : null;
      ctx.json(new ParticipantView.Page(items, next));
    });
  }

  private static boolean seesParticipants(Principal principal, CampaignState campaign) {
    return principal.hasAny(Role.ADMIN, Role.OPERATOR, Role.ANALYST)
        || (principal.has(Role.VENDOR) && principal.vendorId().filter(campaign.getVendorId()::equals).isPresent());
  }

  private static String encodeCursor(String customerId) {
    return java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(customerId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String decodeCursor(String cursor) {
    try {
      return new String(java.util.Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidField("cursor", "not a cursor this list returned");
    }
  }

  static String inviteUrl(String baseUrl, String campaignId, String code) {
    return baseUrl + "/v1/campaigns/" + campaignId + "?ref=" + code;
  }

  private static CampaignKey key(Context ctx, Principal principal) {
    return new CampaignKey(principal.tenantId(), PathParams.matching(ctx, "campaignId", CAMPAIGN_ID, "not a campaign id"));
  }

  private static ApiException notFound(CampaignKey key) {
    return ApiException.notFound("no campaign " + key.getCampaignId());
  }
}
