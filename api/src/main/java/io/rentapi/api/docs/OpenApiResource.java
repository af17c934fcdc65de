package io.rentapi.api.docs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rentapi.api.auth.Public;
import io.swagger.v3.jaxrs2.Reader;
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

    public OpenApiResource(Set<Class<?>> resources, String version) {
        OpenAPI base = new OpenAPI()
                .info(new Info().title("rentapi").version(version)
                        .description("Rental operations API: items, customers, bookings, check-out and return."))
                .components(new Components().addSecuritySchemes("bearer", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("An access token from /v1/auth/login, or an API key")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
        OpenAPI api = new Reader(new SwaggerConfiguration().openAPI(base)).read(resources);
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
