package io.rentapi.api.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;

public record BrandView(long id, String object, String name, String description, String website,
                        Map<String, String> metadata, Instant createdAt, Instant updatedAt) {
    public static BrandView of(Brand b, ObjectMapper json) {
        return new BrandView(b.id(), "brand", b.name(), b.description(), b.website(), Metadata.read(b.metadata(), json),
                b.createdAt(), b.updatedAt());
    }
}
