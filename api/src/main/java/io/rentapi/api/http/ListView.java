package io.rentapi.api.http;

import io.rentapi.core.page.Page;
import java.util.List;
import java.util.function.Function;

/** A page of a list on the wire: {@code {"object": "list", "data": [...], "has_more": bool}}. */
public record ListView<T>(String object, List<T> data, boolean hasMore) {
    public static <R, T> ListView<T> of(Page<R> page, Function<? super R, ? extends T> view) {
        Page<T> mapped = page.map(view);
        return new ListView<>("list", mapped.data(), mapped.hasMore());
    }
}
