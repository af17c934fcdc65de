package io.rentapi.api.catalog;

import java.time.Instant;

public record LocationView(long id, String object, String name, String address, Instant createdAt, Instant updatedAt) {
    public static LocationView of(Location l) {
        return new LocationView(l.id(), "location", l.name(), l.address(), l.createdAt(), l.updatedAt());
    }
}
