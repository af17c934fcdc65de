package io.rentapi.api.catalog;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** Request bodies for categories, locations and brands. */
public final class CatalogRequests {
    private static final String WEBSITE = "https?://\\S+";
    private static final String WEBSITE_OR_EMPTY = "|" + WEBSITE;
    private static final String WEBSITE_MESSAGE = "must be an http or https URL";

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

    public record CreateBrand(@NotBlank @Size(max = 200) String name, @Size(max = 2000) String description,
                              @Size(max = 2000) @Pattern(regexp = WEBSITE, message = WEBSITE_MESSAGE) String website,
                              @Size(max = 50) Map<@Size(max = 40) String, @NotNull @Size(max = 500) String> metadata) {
    }

    /** Only the fields sent change; {@code metadata} is replaced whole, an empty description or website clears it. */
    public record UpdateBrand(@Size(min = 1, max = 200) String name, @Size(max = 2000) String description,
                              @Size(max = 2000) @Pattern(regexp = WEBSITE_OR_EMPTY, message = WEBSITE_MESSAGE) String website,
                              @Size(max = 50) Map<@Size(max = 40) String, @NotNull @Size(max = 500) String> metadata) {
    }
}
