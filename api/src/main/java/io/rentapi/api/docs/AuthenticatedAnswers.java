package io.rentapi.api.docs;

import io.rentapi.api.http.IdempotencyFilter;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every authenticated operation shares and the resource classes do not say: the rate-limit
 * headers on each answer, the problem documents of 401, 403 and 429, and, on POSTs, the
 * {@code Idempotency-Key} header and the headers of a replay.
 */
final class AuthenticatedAnswers {
    private static final String PROBLEM = "application/problem+json";
    private static final Map<String, String> RATE_LIMIT_HEADERS = rateLimitHeaders();

    private AuthenticatedAnswers() {
    }

    static void describe(OpenAPI api) {
        Components components = api.getComponents();
        components.addSchemas("Problem", problem());
        RATE_LIMIT_HEADERS.forEach((name, description) -> components.addHeaders(name, header(description, name)));
        components.addHeaders("Retry-After", header("Seconds to wait before calling again", "Retry-After"));
        components.addHeaders(IdempotencyFilter.REPLAYED_HEADER,
                new Header().description("`true` when this answer is the stored first answer to the same Idempotency-Key")
                        .schema(new StringSchema()._enum(List.of("true"))));
        components.addHeaders(IdempotencyFilter.REDACTED_HEADER, new Header()
                .description("On a replay, the credential fields (comma-separated) the stored answer lacks: "
                        + "credentials are shown once and never stored, so a replay omits them")
                .schema(new StringSchema()));
        components.addParameters(IdempotencyFilter.HEADER, new HeaderParameter().name(IdempotencyFilter.HEADER)
                .required(false).schema(new StringSchema().minLength(1).maxLength(255))
                .description("Makes the POST safe to retry for 24 h: a retry gets the first answer "
                        + "(with `Idempotent-Replayed: true`), never a second run. Credentials in the first answer "
                        + "(key and webhook secrets, tokens, 2FA secrets and backup codes) are not replayed; "
                        + "`Idempotent-Redacted` names them. The same key with another body is 422 "
                        + "`idempotency_key_reused`; a retry while the first runs is 409."));
        components.addResponses("Unauthorized", problemResponse(
                "No valid credentials: missing, malformed, unknown, expired or revoked token or API key", false));
        components.addResponses("Forbidden", problemResponse(
                "The caller lacks the permission, or the API key may not be used from this address", false));
        ApiResponse tooMany = problemResponse("A quota of the caller is used up; retry after Retry-After seconds", true);
        tooMany.addHeaderObject("Retry-After", ref("Retry-After"));
        components.addResponses("TooManyRequests", tooMany);

        for (PathItem path : api.getPaths().values()) {
            path.readOperationsMap().forEach((method, operation) -> {
                if (operation.getSecurity() != null && operation.getSecurity().isEmpty()) {
                    return; // public: no credentials, no quota
                }
                decorate(operation, method == PathItem.HttpMethod.POST);
            });
        }
    }

    private static void decorate(Operation operation, boolean post) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        operation.getResponses().forEach((status, response) -> {
            if (response.get$ref() == null) {
                RATE_LIMIT_HEADERS.keySet().forEach(name -> response.addHeaderObject(name, ref(name)));
                if (post) {
                    response.addHeaderObject(IdempotencyFilter.REPLAYED_HEADER, ref(IdempotencyFilter.REPLAYED_HEADER));
                    response.addHeaderObject(IdempotencyFilter.REDACTED_HEADER, ref(IdempotencyFilter.REDACTED_HEADER));
                }
            }
        });
        operation.getResponses().addApiResponse("401", new ApiResponse().$ref("#/components/responses/Unauthorized"));
        operation.getResponses().addApiResponse("403", new ApiResponse().$ref("#/components/responses/Forbidden"));
        operation.getResponses().addApiResponse("429", new ApiResponse().$ref("#/components/responses/TooManyRequests"));
        if (post) {
            operation.addParametersItem(new Parameter().$ref("#/components/parameters/" + IdempotencyFilter.HEADER));
        }
    }

    /** As QuotaFilter writes them, in this order. */
    private static Map<String, String> rateLimitHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("RateLimit-Policy", "The caller's quotas (IETF draft), e.g. "
                + "`\"second\";q=10;w=1, \"hour\";q=1000;w=3600, \"day\";q=10000;w=86400`");
        headers.put("RateLimit", "The window that limits the caller now, with the requests left (r) and the seconds "
                + "until it refills (t), e.g. `\"hour\";r=998;t=3541`");
        headers.put("X-RateLimit-Limit", "The limit of that window");
        headers.put("X-RateLimit-Remaining", "Requests left in that window");
        headers.put("X-RateLimit-Reset", "Seconds until that window refills");
        return Collections.unmodifiableMap(headers);
    }

    private static ApiResponse problemResponse(String description, boolean rateLimited) {
        ApiResponse response = new ApiResponse().description(description).content(new Content()
                .addMediaType(PROBLEM, new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
        if (rateLimited) {
            RATE_LIMIT_HEADERS.keySet().forEach(name -> response.addHeaderObject(name, ref(name)));
        }
        return response;
    }

    private static Schema<?> problem() {
        ObjectSchema fieldError = new ObjectSchema();
        fieldError.addProperty("field", new StringSchema());
        fieldError.addProperty("message", new StringSchema());
        ObjectSchema problem = new ObjectSchema();
        problem.description("RFC 9457 problem document with a stable `code`");
        problem.addProperty("type", new StringSchema());
        problem.addProperty("title", new StringSchema());
        problem.addProperty("status", new IntegerSchema());
        problem.addProperty("detail", new StringSchema());
        problem.addProperty("code", new StringSchema().description("Stable, machine-readable error code"));
        problem.addProperty("request_id", new StringSchema());
        problem.addProperty("errors", new ArraySchema().items(fieldError));
        return problem;
    }

    private static Header header(String description, String name) {
        Schema<?> schema = name.startsWith("X-RateLimit") || name.equals("Retry-After") ? new IntegerSchema() : new StringSchema();
        return new Header().description(description).schema(schema);
    }

    private static Header ref(String name) {
        return new Header().$ref("#/components/headers/" + name);
    }
}
