package io.fusioncommerce.ingress.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fusioncommerce.ingress.auth.Access;
import io.fusioncommerce.ingress.auth.Role;
import io.fusioncommerce.ingress.http.Problem;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Generates the OpenAPI 3.1 document from the registered routes; request and response schemas are
 * derived from the Java records by swagger-core, so they cannot drift from the code.
 */
public final class OpenApiDocument {

  private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");
  /** Javalin's {@code <name>} path parameter, which may span slashes; OpenAPI writes it {@code {name}}. */
  private static final Pattern SLASHED_PATH_PARAM = Pattern.compile("<([^>]+)>");
  private static final String BEARER = "bearerAuth";

  private final String json;

  public OpenApiDocument(DocumentedRoutes routes, String version) {
    this.json = render(routes, version);
  }

  public String json() {
    return json;
  }

  private static String render(DocumentedRoutes routes, String version) {
    Components components = new Components().schemas(new TreeMap<>());
    components.addSecuritySchemes(BEARER,
        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT"));
    ModelConverters converters = ModelConverters.getInstance(true);
    Paths paths = new Paths();
    for (OperationDoc doc : routes.operations()) {
      String path = SLASHED_PATH_PARAM.matcher(doc.path).replaceAll("{$1}");
      Operation operation = new Operation()
          .operationId(operationId(doc))
          .summary(doc.summary)
          .addTagsItem(doc.tag);
      String access = access(doc);
      operation.description((doc.description.isEmpty() ? "" : doc.description + "\n\n") + access);
      Matcher params = PATH_PARAM.matcher(path);
      while (params.find()) {
        operation.addParametersItem(new Parameter().in("path").name(params.group(1)).required(true)
            .schema(new Schema<String>().type("string")));
      }
      for (OperationDoc.QueryParamDoc query : doc.queryParams) {
        operation.addParametersItem(new Parameter().in("query").name(query.name()).required(false)
            .description(query.description()).schema(schemaFor(query.type(), converters, components)));
      }
      if (doc.idempotencyKey) {
        operation.addParametersItem(new Parameter().in("header").name("Idempotency-Key").required(false)
            .description("Repeating a request with the same key returns the first result and creates nothing new.")
            .schema(new Schema<String>().type("string")));
      }
      if (doc.requestBody != null) {
        operation.requestBody(new RequestBody().required(true).content(new Content().addMediaType(
            doc.requestContentType, new MediaType().schema(schemaFor(doc.requestBody, converters, components)))));
      }
      ApiResponses responses = new ApiResponses();
      doc.responses.values().forEach(r -> responses.addApiResponse(Integer.toString(r.status()),
          response(r.description(), r.body(), r.contentType(), converters, components)));
      boolean secured = !doc.roles.contains(Access.ANONYMOUS);
      if (secured) {
        operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
        addProblem(responses, 401, "Missing, invalid or expired token", converters, components);
        addProblem(responses, 403, "The token lacks the required role, or has the vendor role but no vendor claim",
            converters, components);
      }
      if (doc.requestBody != null || !doc.queryParams.isEmpty() || PATH_PARAM.matcher(path).find()) {
        addProblem(responses, 400, "Invalid request; `errors` names each wrong field", converters, components);
      }
      operation.responses(responses);
      PathItem item = paths.computeIfAbsent(path, p -> new PathItem());
      item.operation(PathItem.HttpMethod.valueOf(doc.method.name()), operation);
    }
    OpenAPI api = new OpenAPI(SpecVersion.V31)
        .openapi("3.1.0")
        .info(new Info().title("FusionCommerce API").version(version)
            .description("Commands are accepted with 202 and processed by Kafka Streams topologies; reads answer "
                + "from their state stores. Errors are RFC 9457 problem details (application/problem+json)."))
        .paths(paths)
        .components(components);
    try {
      return Json31.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(api);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the OpenAPI document", e);
    }
  }

  private static void addProblem(ApiResponses responses, int status, String description, ModelConverters converters,
      Components components) {
    String code = Integer.toString(status);
    if (!responses.containsKey(code)) {
      responses.addApiResponse(code, response(description, Problem.class, Problem.CONTENT_TYPE, converters, components));
    }
  }

  private static ApiResponse response(String description, Class<?> body, String contentType, ModelConverters converters,
      Components components) {
    ApiResponse response = new ApiResponse().description(description);
    if (body != null) {
      response.content(new Content().addMediaType(contentType, new MediaType().schema(schemaFor(body, converters, components))));
    }
    return response;
  }

  @SuppressWarnings("rawtypes")
  private static Schema schemaFor(Class<?> type, ModelConverters converters, Components components) {
    ResolvedSchema resolved = converters.resolveAsResolvedSchema(new AnnotatedType(type).resolveAsRef(true));
    if (resolved.referencedSchemas != null) {
      resolved.referencedSchemas.forEach(components::addSchemas);
    }
    return resolved.schema;
  }

  private static String operationId(OperationDoc doc) {
    String words = doc.path.replaceAll("[{}]", "").replaceAll("[^A-Za-z0-9]+", " ").trim();
    StringBuilder id = new StringBuilder(doc.method.name().toLowerCase(Locale.ROOT));
    for (String word : words.split(" ")) {
      if (!word.isEmpty()) {
        id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    return id.toString();
  }

  private static String access(OperationDoc doc) {
    if (doc.roles.contains(Access.ANONYMOUS)) {
      return "Access: public.";
    }
    if (doc.roles.isEmpty() || doc.roles.size() == Role.values().length) {
      return "Access: any authenticated member of the tenant.";
    }
    return "Access: roles " + doc.roles.stream().map(r -> ((Role) r).claimValue()).sorted()
        .collect(Collectors.joining(", ")) + ".";
  }

}
