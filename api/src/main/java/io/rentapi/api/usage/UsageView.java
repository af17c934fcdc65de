package io.rentapi.api.usage;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Request counts in consecutive buckets of an hour or a day (UTC), with empty buckets included. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UsageView(String object, Long apiKeyId, String granularity, Instant from, Instant to, long total,
                        List<Bucket> data) {
    public record Bucket(Instant start, long requests, Map<String, Long> byStatus) {
    }
}
