package io.rentapi.api.docs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rentapi.api.auth.Public;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.jaxrs2.ext.OpenAPIExtensions;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.core.util.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;

/**
 * The OpenAPI 3 description, read from the resource classes themselves, so it cannot drift from
 * the routes that exist.
 */
@Path("/v1/openapi.json")
@Public
@Hidden
public final class OpenApiResource {
    private final String document;

    public static OpenApiResource describing(Set<Class<?>> resources) {
        return new OpenApiResource(resources);
    }

    private OpenApiResource(Set<Class<?>> resources) {
        // swagger keeps its reader extensions and model converters in static registries
        if (OpenAPIExtensions.getExtensions().stream().noneMatch(e -> e instanceof DescriptionExtension)) {
            OpenAPIExtensions.getExtensions().add(0, new DescriptionExtension());
            ModelConverters.getInstance().addConverter(
                    new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)));
        }
        OpenAPI base = new OpenAPI()
                .info(new Info().title("rentapi").version("1")
                        .description("Rental operations API: items, customers, bookings, check-out and return."))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("An access token from /v1/auth/login, or an API key (`Bearer sk_live_…`)"))
                        .addSecuritySchemes("apiKey", new SecurityScheme()
                                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("X-API-Key")
                                .description("An API key (`sk_live_…`); the same as `Authorization: Bearer sk_live_…`")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
        OpenAPI api = new Reader(new SwaggerConfiguration().openAPI(base)).read(resources);
        AuthenticatedAnswers.describe(api);
        try {
            ObjectMapper mapper = Json.mapper();
            this.document = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(api);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the OpenAPI description", e);
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String openApi() {
        return document;
    }
}
