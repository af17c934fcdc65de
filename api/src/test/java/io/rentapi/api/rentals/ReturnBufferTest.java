package io.rentapi.api.rentals;

import static io.rentapi.api.support.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rentapi.api.support.ApiClient.ApiResponse;
import io.rentapi.api.support.RentalFixtures;
import io.rentapi.api.support.TestApp;
import io.rentapi.api.support.Tenants;
import io.rentapi.api.support.Tenants.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A returned item still needs its cleaning or transport buffer after the return, and never more than was booked. */
@ExtendWith(TestApp.class)
class ReturnBufferTest {
    private static final Duration BUFFER_AFTER = Duration.ofMinutes(60);

    private static long itemWithBufferAfter(Tenant t) {
        ObjectNode body = RentalFixtures.serializedItemBody();
        body.set("buffer", object("after_minutes", BUFFER_AFTER.toMinutes()));
        return RentalFixtures.item(t, body);
    }

    private static ApiResponse book(Tenant t, long customer, Instant from, Instant to, long item) {
        return TestApp.api().post("/v1/rentals", t.accessToken(), RentalFixtures.rentalBody(customer, from, to, item, 1));
    }

    /** Books, checks out and returns now; answers the returned rental. */
    private static JsonNode rentAndReturn(Tenant t, long customer, Instant from, Instant to, long item) {
        long id = RentalFixtures.book(t, customer, from, to, item).get("id").asLong();
        return RentalFixtures.checkOutAndReturn(t, id, object());
    }

    @Test
    void anEarlyReturnKeepsTheItemBlockedForItsBufferAfterAndNoLonger() {
        Tenant t = Tenants.register();
        long customer = RentalFixtures.customer(t);
        long item = itemWithBufferAfter(t);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JsonNode returned = rentAndReturn(t, customer, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(2)), item);
        Instant returnedAt = Instant.parse(returned.get("return").get("at").asText());
        Instant freeAt = returnedAt.plus(BUFFER_AFTER);
        assertThat(Instant.parse(returned.get("lines").get(0).get("blocked_until").asText())).isEqualTo(freeAt);

        JsonNode availability = TestApp.api().get("/v1/items/" + item + "/availability?from=" + returnedAt
                + "&to=" + returnedAt.plus(Duration.ofDays(1)), t.accessToken()).json();
        assertThat(availability.get("booked")).hasSize(1);
        assertThat(availability.get("booked").get(0).get("rental_id").asLong()).isEqualTo(returned.get("id").asLong());
        assertThat(Instant.parse(availability.get("booked").get(0).get("blocked_until").asText())).isEqualTo(freeAt);
        assertThat(Instant.parse(availability.get("free").get(0).get("from").asText())).isEqualTo(freeAt);

        ApiResponse insideBuffer = book(t, customer, freeAt.minus(Duration.ofMinutes(1)), freeAt.plus(Duration.ofHours(2)), item);
        assertThat(insideBuffer.status()).as(insideBuffer.toString()).isEqualTo(409);
        assertThat(insideBuffer.code()).isEqualTo("rental_overlap");
        assertThat(insideBuffer.json().get("detail").asText()).contains("rental " + returned.get("id").asLong());

        ApiResponse afterBuffer = book(t, customer, freeAt, freeAt.plus(Duration.ofHours(2)), item);
        assertThat(afterBuffer.status()).as(afterBuffer.toString()).isEqualTo(201);
    }

    @Test
    void aLateReturnDoesNotBlockTheItemBeyondTheBookedPeriodAndItsBuffer() {
        Tenant t = Tenants.register();
        long customer = RentalFixtures.customer(t);
        long item = itemWithBufferAfter(t);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant end = now.minus(Duration.ofHours(3));
        JsonNode returned = rentAndReturn(t, customer, end.minus(Duration.ofDays(1)), end, item);
        Instant originalBlock = end.plus(BUFFER_AFTER);
        assertThat(Instant.parse(returned.get("lines").get(0).get("blocked_until").asText())).isEqualTo(originalBlock);

        assertThat(book(t, customer, originalBlock.minus(Duration.ofMinutes(1)), originalBlock.plus(Duration.ofMinutes(30)),
                item).code()).isEqualTo("rental_overlap");
        ApiResponse rightAfter = book(t, customer, originalBlock, originalBlock.plus(Duration.ofMinutes(30)), item);
        assertThat(rightAfter.status()).as(rightAfter.toString()).isEqualTo(201);
        ApiResponse fromNow = book(t, customer, now.plus(Duration.ofMinutes(1)), now.plus(Duration.ofHours(2)), item);
        assertThat(fromNow.status()).as(fromNow.toString()).isEqualTo(201);
    }

    @Test
    void aReturnWithoutABufferFreesTheItemAtOnceAndCancelingStillReleasesEverything() {
        Tenant t = Tenants.register();
        long customer = RentalFixtures.customer(t);
        long item = RentalFixtures.serializedItem(t);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JsonNode returned = rentAndReturn(t, customer, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), item);
        Instant returnedAt = Instant.parse(returned.get("return").get("at").asText());
        assertThat(book(t, customer, returnedAt, returnedAt.plus(Duration.ofHours(1)), item).status()).isEqualTo(201);

        long buffered = itemWithBufferAfter(t);
        Instant later = now.plus(Duration.ofDays(10));
        long id = RentalFixtures.book(t, customer, later, later.plus(Duration.ofDays(1)), buffered).get("id").asLong();
        assertThat(TestApp.api().post("/v1/rentals/" + id + "/cancel", t.accessToken(), object()).status()).isEqualTo(200);
        assertThat(book(t, customer, later, later.plus(Duration.ofDays(1)), buffered).status()).isEqualTo(201);
    }
}
