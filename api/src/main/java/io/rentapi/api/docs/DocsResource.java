package io.rentapi.api.docs;

import io.rentapi.api.auth.Public;
import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;

/** Swagger UI over {@code /v1/openapi.json}, served from the bundled webjar (no CDN). */
@Path("/docs")
@Public
@Hidden
public final class DocsResource {
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/5.17.14/";
    private static final Pattern ASSET = Pattern.compile("[a-z0-9][a-z0-9.-]{0,80}\\.(css|js|png|map)");
    private static final Map<String, String> TYPES = Map.of("css", "text/css", "js", "application/javascript",
            "png", "image/png", "map", "application/json");
    private static final String INDEX = """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>rentapi API reference</title>
              <link rel="stylesheet" href="/docs/swagger-ui.css">
            </head>
            <body>
              <div id="swagger-ui"></div>
              <script src="/docs/swagger-ui-bundle.js"></script>
              <script>
                window.ui = SwaggerUIBundle({ url: "/v1/openapi.json", dom_id: "#swagger-ui" });
              </script>
            </body>
            </html>
            """;

    @GET
    public Response index() {
        return Response.ok(INDEX, "text/html; charset=utf-8").build();
    }

    @GET
    @Path("/{asset}")
    public Response asset(@PathParam("asset") String asset) {
        if (!ASSET.matcher(asset).matches()) {
            throw new ApiException(ErrorCode.ROUTE_NOT_FOUND, "No such file.");
        }
        InputStream in = getClass().getClassLoader().getResourceAsStream(WEBJAR + asset);
        if (in == null) {
            throw new ApiException(ErrorCode.ROUTE_NOT_FOUND, "No such file.");
        }
        String type = TYPES.get(asset.substring(asset.lastIndexOf('.') + 1));
        return Response.ok(in, type).header("Cache-Control", "public, max-age=86400").build();
    }
}
