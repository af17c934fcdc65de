package io.rentapi.api.catalog;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Request bodies for categories and locations. */
public final class CatalogRequests {
    private CatalogRequests() {
    }

    public record CreateCategory(@NotBlank @Size(max = 200) String name, @Size(max = 2000) String description,
                                 Long parentId) {
    }

    /** Only the fields sent change. */
    public record UpdateCategory(@Size(min = 1, max = 200) String name, @Size(max = 2000) String description,
                                 Long parentId) {
    }

    public record CreateLocation(@NotBlank @Size(max = 200) String name, @Size(max = 1000) String address) {
    }

    /** Only the fields sent change. */
    public record UpdateLocation(@Size(min = 1, max = 200) String name, @Size(max = 1000) String address) {
    }
}
