package io.rentapi.api.usage;

import java.time.Instant;

public record UsageRow(Instant hourStart, int statusClass, long requests) {
}
