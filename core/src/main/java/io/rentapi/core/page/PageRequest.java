package io.rentapi.core.page;

import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import io.rentapi.core.error.FieldError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A cursor page of a list ordered newest first by id. Cursors are object ids, as in Stripe's API:
 * {@code starting_after} pages towards older objects, {@code ending_before} towards newer ones.
 *
 * <p>DAOs take the bounds as plain numbers, so no statement needs nullable parameters:
 * {@code WHERE ... AND id > :idAbove AND id < :idBelow ORDER BY id <order> LIMIT :fetch}.
 */
public record PageRequest(int limit, Long startingAfter, Long endingBefore) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public PageRequest {
        List<FieldError> errors = new ArrayList<>();
        if (limit < 1 || limit > MAX_LIMIT) {
            errors.add(new FieldError("limit", "must be between 1 and " + MAX_LIMIT));
        }
        if (startingAfter != null && endingBefore != null) {
            errors.add(new FieldError("ending_before", "cannot be combined with starting_after"));
        }
        if (startingAfter != null && startingAfter < 1) {
            errors.add(new FieldError("starting_after", "must be an object id"));
        }
        if (endingBefore != null && endingBefore < 1) {
            errors.add(new FieldError("ending_before", "must be an object id"));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "Invalid pagination parameters.", errors);
        }
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, null, null);
    }

    /** Exclusive lower bound on ids. */
    public long idAbove() {
        return endingBefore == null ? 0 : endingBefore;
    }

    /** Exclusive upper bound on ids. */
    public long idBelow() {
        return startingAfter == null ? Long.MAX_VALUE : startingAfter;
    }

    /** The SQL sort direction; one of two constants, never caller input. */
    public String order() {
        return endingBefore == null ? "DESC" : "ASC";
    }

    /** One more row than the page holds, to learn whether there are more. */
    public int fetch() {
        return limit + 1;
    }

    /** Turns the rows fetched with {@link #order()} and {@link #fetch()} into a page, newest first. */
    public <T> Page<T> toPage(List<T> rows) {
        boolean hasMore = rows.size() > limit;
        List<T> data = new ArrayList<>(hasMore ? rows.subList(0, limit) : rows);
        if (endingBefore != null) {
            Collections.reverse(data);
        }
        return new Page<>(data, hasMore);
    }
}
