package io.rentapi.api.catalog;

import java.time.Instant;

public record CategoryView(long id, String object, Long parentId, String name, String description, Instant createdAt,
                           Instant updatedAt) {
    public static CategoryView of(Category c) {
        return new CategoryView(c.id(), "category", c.parentId(), c.name(), c.description(), c.createdAt(), c.updatedAt());
    }
}
