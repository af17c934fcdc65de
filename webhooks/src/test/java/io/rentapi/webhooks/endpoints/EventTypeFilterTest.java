package io.rentapi.webhooks.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventTypeFilterTest {
    @Test
    void emptyFilterTakesEverything() {
        assertThat(EventTypeFilter.parse("").matches("rental.created")).isTrue();
    }

    @Test
    void exactTypesAndWildcards() {
        EventTypeFilter filter = EventTypeFilter.parse("rental.* api_key.created");
        assertThat(filter.matches("rental.created")).isTrue();
        assertThat(filter.matches("rental.checked_out")).isTrue();
        assertThat(filter.matches("api_key.created")).isTrue();
        assertThat(filter.matches("api_key.revoked")).isFalse();
        assertThat(filter.matches("rentals.created")).as("a wildcard matches whole segments").isFalse();
    }

    @Test
    void entriesAreLowerCaseDottedNames() {
        assertThat(EventTypeFilter.isValidEntry("rental.*")).isTrue();
        assertThat(EventTypeFilter.isValidEntry("endpoint.disabled")).isTrue();
        assertThat(EventTypeFilter.isValidEntry("*")).isFalse();
        assertThat(EventTypeFilter.isValidEntry("Rental.Created")).isFalse();
        assertThat(EventTypeFilter.isValidEntry("rental.*.created")).isFalse();
    }
}
