package io.rentapi.api.rentals;

import static io.rentapi.api.support.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rentapi.api.support.ApiClient.ApiResponse;
import io.rentapi.api.support.RentalFixtures;
import io.rentapi.api.support.TestApp;
import io.rentapi.api.support.Tenants;
import io.rentapi.api.support.Tenants.Tenant;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An item that has not come back is not free, whatever its rental's booked end said. */
@ExtendWith(TestApp.class)
class OverdueRentalTest {
    private static final Duration HOUR = Duration.ofHours(1);

    private static ApiResponse book(Tenant t, long customer, Instant from, Instant to, long item, int quantity) {
        return TestApp.api().post("/v1/rentals", t.accessToken(), RentalFixtures.rentalBody(customer, from, to, item, quantity));
    }

    private static long booked(Tenant t, long customer, Instant from, Instant to, long item, int quantity) {
        ApiResponse created = book(t, customer, from, to, item, quantity);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private static ApiResponse step(Tenant t, long rental, String action) {
        return TestApp.api().post("/v1/rentals/" + rental + "/" + action, t.accessToken(), object());
    }

    /** A reserved rental of a new serialized item that ended an hour ago (not yet checked out). */
    private record Overdue(Tenant tenant, long customer, long item, Instant now, long rental) {
    }

    private static Overdue overdueRentalOfASerializedItem() {
        Tenant t = Tenants.register();
        long customer = RentalFixtures.customer(t);
        long item = RentalFixtures.serializedItem(t);
        Instant now = Instant.now();
        return new Overdue(t, customer, item, now, booked(t, customer, now.minus(HOUR.multipliedBy(3)), now.minus(HOUR), item, 1));
    }

    @Test
    void anOverdueRentalBlocksItsItemFromNowOnUntilItIsReturned() {
        Overdue o = overdueRentalOfASerializedItem();
        Tenant t = o.tenant();
        long customer = o.customer();
        long item = o.item();
        Instant now = o.now();
        long overdue = o.rental();
        assertThat(step(t, overdue, "check_out").status()).isEqualTo(200);

        // the overdue line's block now runs to "now" (plus the item's buffer after, none here)
        ApiResponse meanwhile = book(t, customer, now, now.plus(HOUR.multipliedBy(2)), item, 1);
        assertThat(meanwhile.status()).as(meanwhile.toString()).isEqualTo(409);
        assertThat(meanwhile.code()).isEqualTo("rental_overlap");
        assertThat(meanwhile.json().get("detail").asText()).contains("rental " + overdue);

        JsonNode availability = TestApp.api().get("/v1/items/" + item + "/availability?from=" + now + "&to="
                + now.plus(Duration.ofDays(1)), t.accessToken()).json();
        assertThat(availability.get("booked")).hasSize(1);
        assertThat(availability.get("booked").get(0).get("rental_id").asLong()).isEqualTo(overdue);
        assertThat(Instant.parse(availability.get("free").get(0).get("from").asText())).isAfter(now);
        // only until then: a booking that starts later is taken while the item is still out
        booked(t, customer, now.plus(HOUR.multipliedBy(3)), now.plus(HOUR.multipliedBy(4)), item, 1);

        assertThat(step(t, overdue, "return").status()).isEqualTo(200);
        ApiResponse afterReturn = book(t, customer, now, now.plus(HOUR.multipliedBy(2)), item, 1);
        assertThat(afterReturn.status()).as(afterReturn.toString()).isEqualTo(201);
    }

    @Test
    void aSerializedItemStillOutOnAnotherRentalCannotBeCheckedOutUntilItIsReturned() {
        Overdue o = overdueRentalOfASerializedItem();
        Tenant t = o.tenant();
        long overdue = o.rental();
        long next = booked(t, o.customer(), o.now().minus(HOUR), o.now().plus(HOUR.multipliedBy(2)), o.item(), 1);
        assertThat(step(t, overdue, "check_out").status()).isEqualTo(200);

        ApiResponse refused = step(t, next, "check_out");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.code()).isEqualTo("item_still_out");
        assertThat(refused.json().get("detail").asText()).contains("rental " + overdue);

        assertThat(step(t, overdue, "return").status()).isEqualTo(200);
        ApiResponse out = step(t, next, "check_out");
        assertThat(out.status()).as(out.toString()).isEqualTo(200);
    }

    @Test
    void unitsOfABulkItemStillOutElsewhereAreNotCheckedOutAgain() {
        Tenant t = Tenants.register();
        long customer = RentalFixtures.customer(t);
        long chairs = RentalFixtures.bulkItem(t, 3);
        Instant now = Instant.now();
        long overdue = booked(t, customer, now.minus(HOUR.multipliedBy(3)), now.minus(HOUR), chairs, 2);
        long small = booked(t, customer, now.minus(HOUR), now.plus(HOUR), chairs, 1);
        long large = booked(t, customer, now.minus(HOUR), now.plus(HOUR), chairs, 2);
        assertThat(step(t, overdue, "check_out").status()).isEqualTo(200);

        assertThat(step(t, small, "check_out").status()).isEqualTo(200);
        ApiResponse refused = step(t, large, "check_out");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("item_still_out");
        assertThat(refused.json().get("detail").asText()).contains("3 of 3 units");

        assertThat(step(t, overdue, "return").status()).isEqualTo(200);
        assertThat(step(t, large, "check_out").status()).isEqualTo(200);
    }
}
