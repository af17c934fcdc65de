package io.rentapi.webhooks.endpoints;

import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A subscriber's URL, what it wants to hear about, and the secrets its deliveries are signed with. */
public record WebhookEndpoint(long id, OrgId orgId, String url, String description, String eventTypes, boolean enabled,
                              String disabledReason, Integer rateLimit, String secret, String previousSecret,
                              Instant previousSecretExpiresAt, Instant failingSince, Instant createdAt,
                              Instant updatedAt) {

    public EventTypeFilter filter() {
        return EventTypeFilter.parse(eventTypes);
    }

    /** The secrets that sign now: the current one, and the previous one during its rotation grace. */
    public List<String> signingSecrets(Instant now) {
        List<String> secrets = new ArrayList<>(2);
        secrets.add(secret);
        if (previousSecret != null && previousSecretExpiresAt != null && previousSecretExpiresAt.isAfter(now)) {
            secrets.add(previousSecret);
        }
        return secrets;
    }
}
