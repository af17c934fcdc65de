package io.rentapi.api.http;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.rentapi.core.page.PageRequest;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/** The cursor parameters every list accepts: {@code limit}, {@code starting_after}, {@code ending_before}. */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY) // lets the OpenAPI reader see the query parameters
public final class ListParams {
    @QueryParam("limit")
    @DefaultValue("20")
    private int limit;

    @QueryParam("starting_after")
    private Long startingAfter;

    @QueryParam("ending_before")
    private Long endingBefore;

    public PageRequest toPageRequest() {
        return new PageRequest(limit, startingAfter, endingBefore);
    }
}
