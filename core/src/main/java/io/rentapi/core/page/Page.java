package io.rentapi.core.page;

import java.util.List;
import java.util.function.Function;

/** One page of a list: {@code {"data": [...], "has_more": bool}} on the wire. */
public record Page<T>(List<T> data, boolean hasMore) {
    public Page {
        data = List.copyOf(data);
    }

    public <R> Page<R> map(Function<? super T, ? extends R> f) {
        return new Page<>(data.stream().<R>map(f).toList(), hasMore);
    }
}
