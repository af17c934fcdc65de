package io.rentapi.api.orgs;

import java.time.Instant;

public record OrganizationView(long id, String object, String name, Instant createdAt, Instant updatedAt) {
    public static OrganizationView of(Organization org) {
        return new OrganizationView(org.id().value(), "organization", org.name(), org.createdAt(), org.updatedAt());
    }
}
