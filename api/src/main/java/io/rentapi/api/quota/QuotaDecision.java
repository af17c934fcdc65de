package io.rentapi.api.quota;

/**
 * The outcome of one quota check: whether the call may proceed, the window that binds (the one
 * with the fewest requests left), and what the rate-limit headers report.
 */
public record QuotaDecision(boolean allowed, QuotaLimits limits, String window, long limit, long remaining,
                            long resetSeconds, long retryAfterSeconds) {
}
