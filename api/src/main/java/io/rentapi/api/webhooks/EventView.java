package io.rentapi.api.webhooks;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.rentapi.core.outbox.Event;
import java.time.Instant;

/** An event as webhooks carry it: {@code data} is the object as it was when the event happened. */
public record EventView(long id, String object, String type, Instant createdAt, @JsonRawValue String data) {
    public static EventView of(Event e) {
        return new EventView(e.id(), "event", e.type(), e.createdAt(), e.payload());
    }
}
