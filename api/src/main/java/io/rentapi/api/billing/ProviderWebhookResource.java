package io.rentapi.api.billing;

import io.rentapi.api.auth.Public;
import io.rentapi.billing.inbound.ProviderWebhooks;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Deliveries from the payment providers, authenticated by their signatures rather than our
 * credentials. Not part of the API our customers call, so not in its description.
 */
@Path("/v1/providers")
@Public
@Hidden
@Produces(MediaType.APPLICATION_JSON)
public final class ProviderWebhookResource {
    private final ProviderWebhooks webhooks;

    public ProviderWebhookResource(ProviderWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    public record Received(boolean received, String outcome) {
    }

    @POST
    @Path("/stripe/webhook")
    @Consumes(MediaType.WILDCARD)
    public Received stripe(String payload, @HeaderParam("Stripe-Signature") String signature) {
        return answer(webhooks.stripe(payload == null ? "" : payload, signature));
    }

    @POST
    @Path("/paypal/webhook")
    @Consumes(MediaType.WILDCARD)
    public Received paypal(String payload, @Context HttpHeaders headers) {
        Map<String, String> lower = new TreeMap<>();
        headers.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                lower.put(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        return answer(webhooks.paypal(payload == null ? "" : payload, lower));
    }

    private static Received answer(ProviderWebhooks.Outcome outcome) {
        return new Received(true, outcome.name().toLowerCase(Locale.ROOT));
    }
}
