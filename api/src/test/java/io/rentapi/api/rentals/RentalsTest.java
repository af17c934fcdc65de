package io.rentapi.api.rentals;

import static io.rentapi.api.support.ApiClient.object;
import static io.rentapi.api.support.RentalFixtures.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rentapi.api.support.ApiClient;
import io.rentapi.api.support.ApiClient.ApiResponse;
import io.rentapi.api.support.RentalFixtures;
import io.rentapi.api.support.TestApp;
import io.rentapi.api.support.Tenants;
import io.rentapi.api.support.Tenants.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestApp.class)
class RentalsTest {
    private static final Duration HOUR = Duration.ofHours(1);

    private static ApiResponse book(Tenant t, long customer, Instant from, Instant to, long item, int quantity) {
        return TestApp.api().post("/v1/rentals", t.accessToken(), RentalFixtures.rentalBody(customer, from, to, item, quantity));
    }

    private static long item(Tenant t, ObjectNode extra) {
        ObjectNode body = RentalFixtures.serializedItemBody();
        body.setAll(extra);
        return RentalFixtures.item(t, body);
    }

    private static ApiResponse post(Tenant t, String path, Object body) {
        return TestApp.api().post(path, t.accessToken(), body);
    }

    @Test
    void bookingThatOverlapsAnotherIsRejectedWith409NamingThePeriod() {
        Tenant t = Tenants.register();
        long customer = RentalFixtures.customer(t);
        long item = RentalFixtures.serializedItem(t);
        ApiResponse first = book(t, customer, BASE, BASE.plus(HOUR.multipliedBy(2)), item, 1);
        assertThat(first.status()).isEqualTo(201);

        ApiResponse overlapping = book(t, customer, BASE.plus(HOUR), BASE.plus(HOUR.multipliedBy(3)), item, 1);
        assertThat(overlapping.status()).as(overlapping.toString()).isEqualTo(409);
        assertThat(overlapping.contentType()).startsWith("application/problem+json");
        assertThat(overlapping.code()).isEqualTo("rental_overlap");
        assertThat(overlapping.json().get("detail").asText())
                .contains(BASE.toString()).contains(BASE.plus(HOUR.multipliedBy(2)).toString())
                .contains("rental " + first.json().get("id").asLong());
        assertThat(overlapping.json().get("errors").get(0).get("field").asText()).isEqualTo("lines[0].item_id");

        // periods are [starts_at, ends_at): the next one may start when the first ends
        assertThat(book(t, customer, BASE.plus(HOUR.multipliedBy(2)), BASE.plus(HOUR.multipliedBy(3)), item, 1).status())
                .isEqualTo(201);
        assertThat(book(t, customer, BASE.minus(HOUR), BASE, item, 1).status()).isEqualTo(201);
    }

    @Test
    void buffersBlockTheItemBeforeAndAfterEachRental() {
        Tenant t = Tenants.register();
        long customer = RentalFixtures.customer(t);
        long item = item(t, object("buffer", object("before_minutes", 30, "after_minutes", 60)));
        JsonNode rental = RentalFixtures.book(t, customer, BASE, BASE.plus(HOUR.multipliedBy(2)), item);
        assertThat(rental.get("lines").get(0).get("blocked_from").asText()).isEqualTo(BASE.minus(Duration.ofMinutes(30)).toString());
        assertThat(rental.get("lines").get(0).get("blocked_until").asText()).isEqualTo(BASE.plus(HOUR.multipliedBy(3)).toString());

        // starts 30 minutes after the end: its own 30-minute buffer meets the 60-minute cleaning of the first
        ApiResponse tooSoon = book(t, customer, BASE.plus(Duration.ofMinutes(150)), BASE.plus(HOUR.multipliedBy(4)), item, 1);
        assertThat(tooSoon.status()).isEqualTo(409);
        assertThat(tooSoon.code()).isEqualTo("rental_overlap");
        ApiResponse tooEarly = book(t, customer, BASE.minus(HOUR.multipliedBy(2)), BASE.minus(Duration.ofMinutes(45)), item, 1);
        assertThat(tooEarly.status()).isEqualTo(409);
        assertThat(book(t, customer, BASE.plus(Duration.ofMinutes(210)), BASE.plus(HOUR.multipliedBy(5)), item, 1).status())
                .isEqualTo(201);
        assertThat(book(t, customer, BASE.minus(HOUR.multipliedBy(3)), BASE.minus(HOUR.multipliedBy(2)), item, 1).status())
                .isEqualTo(201);
    }

    @Test
    void aRentalCostsTheCheapestCombinationOfItsItemsRatesItemized() throws Exception {
        Tenant t = Tenants.register();
        long customer = RentalFixtures.customer(t);
        long drill = item(t, object("prices", object("daily", 100, "weekly", 500, "deposit", 2000, "currency", "EUR")));
        long chairs = RentalFixtures.item(t, object("name", "Chairs", "sku", "c-" + UUID.randomUUID(), "tracking", "bulk",
                "stock", 10, "prices", object("hourly", 5, "daily", 30, "deposit", 10, "currency", "EUR")));
        ApiResponse created = post(t, "/v1/rentals", object("customer_id", customer, "starts_at", BASE.toString(),
                "ends_at", BASE.plus(Duration.ofDays(8)).toString(),
                "lines", List.of(object("item_id", drill), object("item_id", chairs, "quantity", 4))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode rental = created.json();
        assertThat(rental.get("status").asText()).isEqualTo("reserved");
        assertThat(rental.get("currency").asText()).isEqualTo("EUR");
        assertThat(rental.get("lines").get(0).get("price").asLong()).isEqualTo(600);
        assertThat(rental.get("lines").get(1).get("price").asLong()).isEqualTo(4 * 8 * 30);
        assertThat(rental.get("lines").get(1).get("deposit").asLong()).isEqualTo(40);
        assertThat(rental.get("subtotal").asLong()).isEqualTo(600 + 960);
        assertThat(rental.get("total").asLong()).isEqualTo(1560);
        assertThat(rental.get("fees")).isEmpty();
        assertThat(rental.get("deposit").get("amount").asLong()).isEqualTo(2040);
        assertThat(rental.get("deposit").get("status").asText()).isEqualTo("held");

        long dollars = item(t, object("prices", object("daily", 100, "currency", "USD")));
        ApiResponse mixed = post(t, "/v1/rentals", object("customer_id", customer, "starts_at", BASE.plus(Duration.ofDays(30)).toString(),
                "ends_at", BASE.plus(Duration.ofDays(31)).toString(),
                "lines", List.of(object("item_id", drill), object("item_id", dollars))));
        assertThat(mixed.status()).isEqualTo(422);
        assertThat(mixed.code()).isEqualTo("currency_mismatch");

        // lines not in the items' order: the answer, the rental read back and its event agree line by line
        ApiResponse reversed = post(t, "/v1/rentals", object("customer_id", customer, "starts_at",
                BASE.plus(Duration.ofDays(60)).toString(), "ends_at", BASE.plus(Duration.ofDays(61)).toString(),
                "lines", List.of(object("item_id", chairs, "quantity", 3), object("item_id", drill))));
        assertThat(reversed.status()).as(reversed.toString()).isEqualTo(201);
        JsonNode answered = reversed.json();
        assertThat(answered.get("lines").get(0).get("item_id").asLong()).isEqualTo(chairs);
        assertThat(answered.get("lines").get(0).get("price").asLong()).isEqualTo(3 * 30);
        assertThat(answered.get("lines").get(1).get("item_id").asLong()).isEqualTo(drill);
        assertThat(answered.get("lines").get(1).get("price").asLong()).isEqualTo(100);
        JsonNode read = TestApp.api().get("/v1/rentals/" + answered.get("id").asLong(), t.accessToken()).json();
        assertThat(read).isEqualTo(answered);
        String payload = TestApp.jdbi().withHandle(h -> h.createQuery(
                "SELECT payload FROM events WHERE org_id = :org AND type = 'rental.created' ORDER BY id DESC LIMIT 1")
                .bind("org", t.orgId()).mapTo(String.class).one());
        assertThat(ApiClient.JSON.readTree(payload).get("lines")).isEqualTo(answered.get("lines"));
    }

    @Test
    void aRentalGoesFromReservedToCheckedOutToReturnedAndEveryStepIsAnEvent() {
        Tenant t = Tenants.register();
        long customer = RentalFixtures.customer(t);
        long item = RentalFixtures.serializedItem(t);
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long id = RentalFixtures.book(t, customer, start, start.plus(Duration.ofDays(2)), item).get("id").asLong();

        assertTransitionRefused(post(t, "/v1/rentals/" + id + "/return", object()), "reserved rental cannot be returned");
        ApiResponse out = post(t, "/v1/rentals/" + id + "/check_out", object("condition", "good", "notes", "case and charger"));
        assertThat(out.status()).as(out.toString()).isEqualTo(200);
        assertThat(out.json().get("status").asText()).isEqualTo("checked_out");
        assertThat(out.json().get("check_out").get("by").asLong()).isEqualTo(t.userId());
        assertThat(out.json().get("check_out").get("condition").asText()).isEqualTo("good");
        assertThat(out.json().get("check_out").get("at").asText()).isNotBlank();

        assertTransitionRefused(post(t, "/v1/rentals/" + id + "/check_out", object()), "checked out rental cannot be checked out");
        assertTransitionRefused(post(t, "/v1/rentals/" + id + "/cancel", object()), "checked out rental cannot be canceled");
        assertTransitionRefused(TestApp.api().call("POST", "/v1/rentals/" + id + "/no_show").token(t.accessToken()).send(),
                "cannot be marked a no-show");

        ApiResponse back = post(t, "/v1/rentals/" + id + "/return", object("condition", "fair", "notes", "dusty"));
        assertThat(back.status()).as(back.toString()).isEqualTo(200);
        JsonNode returned = back.json();
        assertThat(returned.get("status").asText()).isEqualTo("returned");
        assertThat(returned.get("return").get("condition").asText()).isEqualTo("fair");
        assertThat(returned.get("fees")).isEmpty();
        assertThat(returned.get("deposit").get("status").asText()).isEqualTo("released");
        assertThat(returned.get("deposit").get("released").asLong()).isEqualTo(5000);
        assertThat(returned.get("amount_due").asLong()).isEqualTo(returned.get("total").asLong());
        assertThat(TestApp.api().get("/v1/items/" + item, t.accessToken()).json().get("condition").asText()).isEqualTo("fair");
        assertTransitionRefused(post(t, "/v1/rentals/" + id + "/cancel", object()), "returned rental cannot be canceled");

        // returned early: the item is free again for the rest of the period
        assertThat(book(t, customer, start.plus(HOUR), start.plus(Duration.ofDays(1)), item, 1).status()).isEqualTo(201);

        List<String> events = TestApp.jdbi().withHandle(h -> h.createQuery(
                "SELECT type FROM events WHERE org_id = :org AND type LIKE 'rental.%' ORDER BY id")
                .bind("org", t.orgId()).mapTo(String.class).list());
        assertThat(events).containsExactly("rental.created", "rental.checked_out", "rental.returned", "rental.created");
        String payload = TestApp.jdbi().withHandle(h -> h.createQuery(
                "SELECT payload FROM events WHERE org_id = :org AND type = 'rental.returned'")
                .bind("org", t.orgId()).mapTo(String.class).one());
        assertThat(payload).contains("\"id\":" + id).contains("\"status\":\"returned\"");
    }

    private static void assertTransitionRefused(ApiResponse response, String detail) {
        assertThat(response.status()).as(response.toString()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("invalid_rental_transition");
        assertThat(response.json().get("detail").asText()).contains(detail);
    }

    @Test
    void aLateReturnAddsTheLateFeeAndTheDepositCoversFeesFirst() {
        Tenant t = Tenants.register();
        long customer = RentalFixtures.customer(t);
        long item = item(t, object("prices", object("daily", 1000, "deposit", 5000, "currency", "EUR"),
                "late_fee", object("grace_minutes", 60, "hourly", 200)));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // ended 4 h 50 min ago: past the hour of grace, 5 started hours late
        Instant end = now.minus(Duration.ofMinutes(290));
        long id = RentalFixtures.book(t, customer, end.minus(Duration.ofDays(2)), end, item).get("id").asLong();
        post(t, "/v1/rentals/" + id + "/check_out", object());
        JsonNode returned = post(t, "/v1/rentals/" + id + "/return",
                object("condition", "damaged", "notes", "cracked housing", "damage_charge", 1500)).json();

        assertThat(returned.get("subtotal").asLong()).isEqualTo(2000);
        assertThat(returned.get("fees")).hasSize(2);
        JsonNode late = returned.get("fees").get(0);
        assertThat(late.get("type").asText()).isEqualTo("late_fee");
        assertThat(late.get("item_id").asLong()).isEqualTo(item);
        assertThat(late.get("amount").asLong()).isEqualTo(5 * 200);
        JsonNode damage = returned.get("fees").get(1);
        assertThat(damage.get("type").asText()).isEqualTo("damage");
        assertThat(damage.get("description").asText()).isEqualTo("cracked housing");
        assertThat(damage.get("amount").asLong()).isEqualTo(1500);
        assertThat(returned.get("fees_total").asLong()).isEqualTo(2500);
        assertThat(returned.get("total").asLong()).isEqualTo(4500);
        assertThat(returned.get("deposit").get("retained").asLong()).isEqualTo(2500);
        assertThat(returned.get("deposit").get("released").asLong()).isEqualTo(2500);
        assertThat(returned.get("deposit").get("status").asText()).isEqualTo("partially_retained");
        assertThat(returned.get("amount_due").asLong()).isEqualTo(2000);
        assertThat(returned.get("return").get("damage_charge").asLong()).isEqualTo(1500);
        assertThat(TestApp.api().get("/v1/items/" + item, t.accessToken()).json().get("condition").asText())
                .isEqualTo("damaged");

        // charges beyond the deposit: all of it is kept and the rest is due (booked from the end of the first,
        // whose period stays on record as blocked although it came back late)
        long second = RentalFixtures.book(t, customer, end, now.plus(HOUR), item).get("id").asLong();
        post(t, "/v1/rentals/" + second + "/check_out", object());
        JsonNode costly = post(t, "/v1/rentals/" + second + "/return", object("damage_charge", 7000)).json();
        assertThat(costly.get("fees")).hasSize(1); // on time: no late fee
        assertThat(costly.get("deposit").get("retained").asLong()).isEqualTo(5000);
        assertThat(costly.get("deposit").get("released").asLong()).isZero();
        assertThat(costly.get("deposit").get("status").asText()).isEqualTo("retained");
        assertThat(costly.get("amount_due").asLong()).isEqualTo(costly.get("total").asLong() - 5000);
    }

    @Test
    void aReturnWithinTheGracePeriodCostsNoLateFee() {
        Tenant t = Tenants.register();
        long customer = RentalFixtures.customer(t);
        long item = item(t, object("late_fee", object("grace_minutes", 120, "hourly", 200)));
        Instant end = Instant.now().minus(Duration.ofMinutes(90));
        long id = RentalFixtures.book(t, customer, end.minus(Duration.ofDays(1)), end, item).get("id").asLong();
        post(t, "/v1/rentals/" + id + "/check_out", object());
        JsonNode returned = post(t, "/v1/rentals/" + id + "/return", object()).json();
        assertThat(returned.get("fees")).isEmpty();
        assertThat(returned.get("deposit").get("status").asText()).isEqualTo("released");
    }

    @Test
    void cancelingFreesTheItemAndANoShowIsOnlyPossibleOnceTheRentalStarted() {
        Tenant t = Tenants.register();
        long customer = RentalFixtures.customer(t);
        long item = RentalFixtures.serializedItem(t);
        long id = RentalFixtures.book(t, customer, BASE, BASE.plus(Duration.ofDays(1)), item).get("id").asLong();
        ApiResponse canceled = post(t, "/v1/rentals/" + id + "/cancel", object("reason", "plans changed"));
        assertThat(canceled.json().get("status").asText()).isEqualTo("canceled");
        assertThat(canceled.json().get("cancel_reason").asText()).isEqualTo("plans changed");
        long again = RentalFixtures.book(t, customer, BASE, BASE.plus(Duration.ofDays(1)), item).get("id").asLong();

        ApiResponse early = TestApp.api().call("POST", "/v1/rentals/" + again + "/no_show").token(t.accessToken()).send();
        assertTransitionRefused(early, "only once it has started");

        Instant past = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        long started = RentalFixtures.book(t, customer, past, past.plus(HOUR), item).get("id").asLong();
        ApiResponse noShow = TestApp.api().call("POST", "/v1/rentals/" + started + "/no_show").token(t.accessToken()).send();
        assertThat(noShow.status()).as(noShow.toString()).isEqualTo(200);
        assertThat(noShow.json().get("status").asText()).isEqualTo("no_show");
        assertThat(book(t, customer, past, past.plus(HOUR), item, 1).status()).isEqualTo(201);
    }

    @Test
    void aBlockedCustomerCannotBookUntilUnblocked() {
        Tenant t = Tenants.register();
        long customer = RentalFixtures.customer(t);
        long item = RentalFixtures.serializedItem(t);
        ApiResponse blocked = TestApp.api().patch("/v1/customers/" + customer, t.accessToken(),
                object("blocked", true, "blocked_reason", "unpaid invoices"));
        assertThat(blocked.json().get("blocked").asBoolean()).isTrue();
        ApiResponse refused = book(t, customer, BASE, BASE.plus(HOUR), item, 1);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("customer_blocked");
        assertThat(refused.json().get("detail").asText()).contains("unpaid invoices");
        assertThat(TestApp.api().get("/v1/rentals?customer_id=" + customer, t.accessToken()).json().get("data")).isEmpty();

        JsonNode unblocked = TestApp.api().patch("/v1/customers/" + customer, t.accessToken(), object("blocked", false)).json();
        assertThat(unblocked.get("blocked_reason").isNull()).isTrue();
        assertThat(book(t, customer, BASE, BASE.plus(HOUR), item, 1).status()).isEqualTo(201);
        assertThat(TestApp.api().get("/v1/customers?blocked=false&q=grace", t.accessToken()).json().get("data"))
                .extracting(c -> c.get("id").asLong()).contains(customer);
    }

    @Test
    void aBulkItemIsBookedUpToItsStockAtEveryMoment() {
        Tenant t = Tenants.register();
        long customer = RentalFixtures.customer(t);
        long chairs = RentalFixtures.bulkItem(t, 3);
        assertThat(book(t, customer, BASE, BASE.plus(HOUR.multipliedBy(2)), chairs, 2).status()).isEqualTo(201);
        assertThat(book(t, customer, BASE.plus(HOUR), BASE.plus(HOUR.multipliedBy(3)), chairs, 1).status()).isEqualTo(201);
        ApiResponse full = book(t, customer, BASE.plus(Duration.ofMinutes(90)), BASE.plus(Duration.ofMinutes(100)), chairs, 1);
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.code()).isEqualTo("rental_overlap");
        assertThat(full.json().get("detail").asText()).contains("0 of 3 units free from " + BASE.plus(Duration.ofMinutes(90)));
        // two lines that never overlap each other hold 2 at most
        assertThat(book(t, customer, BASE.plus(HOUR.multipliedBy(2)), BASE.plus(HOUR.multipliedBy(3)), chairs, 2).status())
                .isEqualTo(201);
        ApiResponse tooMany = book(t, customer, BASE.plus(Duration.ofDays(5)), BASE.plus(Duration.ofDays(6)), chairs, 4);
        assertThat(tooMany.status()).isEqualTo(422);

        JsonNode availability = TestApp.api().get("/v1/items/" + chairs + "/availability?from=" + BASE + "&to="
                + BASE.plus(HOUR.multipliedBy(4)), t.accessToken()).json();
        assertThat(availability.get("free_quantity").asInt()).isZero();
        assertThat(availability.get("booked")).hasSize(3);
        assertThat(availability.get("free")).extracting(f -> f.get("quantity").asInt() + "@" + f.get("from").asText())
                .containsExactly("1@" + BASE, "3@" + BASE.plus(HOUR.multipliedBy(3)));

        ApiResponse lower = TestApp.api().patch("/v1/items/" + chairs, t.accessToken(), object("stock", 2));
        assertThat(lower.status()).isEqualTo(409);
        assertThat(TestApp.api().patch("/v1/items/" + chairs, t.accessToken(), object("stock", 5)).status()).isEqualTo(200);
    }

    @Test
    void availabilityAnswersBookedAndFreePeriodsOfASerializedItem() {
        Tenant t = Tenants.register();
        long customer = RentalFixtures.customer(t);
        long item = item(t, object("buffer", object("after_minutes", 60)));
        long rental = RentalFixtures.book(t, customer, BASE.plus(HOUR), BASE.plus(HOUR.multipliedBy(2)), item).get("id").asLong();
        JsonNode answer = TestApp.api().get("/v1/items/" + item + "/availability?from=" + BASE + "&to="
                + BASE.plus(HOUR.multipliedBy(5)), t.accessToken()).json();
        assertThat(answer.get("tracking").asText()).isEqualTo("serialized");
        assertThat(answer.get("booked")).hasSize(1);
        assertThat(answer.get("booked").get(0).get("rental_id").asLong()).isEqualTo(rental);
        assertThat(answer.get("booked").get(0).get("blocked_until").asText()).isEqualTo(BASE.plus(HOUR.multipliedBy(3)).toString());
        assertThat(answer.get("free")).extracting(f -> f.get("from").asText() + "/" + f.get("to").asText())
                .containsExactly(BASE + "/" + BASE.plus(HOUR), BASE.plus(HOUR.multipliedBy(3)) + "/" + BASE.plus(HOUR.multipliedBy(5)));
        assertThat(answer.get("free_quantity").asInt()).isZero();

        ApiResponse bad = TestApp.api().get("/v1/items/" + item + "/availability?from=yesterday", t.accessToken());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("invalid_parameter");
        ApiResponse backwards = TestApp.api().get("/v1/items/" + item + "/availability?from=" + BASE + "&to=" + BASE.minus(HOUR),
                t.accessToken());
        assertThat(backwards.status()).isEqualTo(400);
    }

    @Test
    void itemsMoveOnlyThroughAllowedStatusesAndRetiredOrMaintainedItemsDoNotGoOutAndHeldItemsDoNotRetire() {
        Tenant t = Tenants.register();
        long customer = RentalFixtures.customer(t);
        long item = RentalFixtures.serializedItem(t);
        long id = RentalFixtures.book(t, customer, BASE, BASE.plus(HOUR), item).get("id").asLong();
        assertThat(TestApp.api().patch("/v1/items/" + item, t.accessToken(), object("status", "maintenance")).status())
                .isEqualTo(200);
        ApiResponse out = post(t, "/v1/rentals/" + id + "/check_out", object());
        assertThat(out.status()).isEqualTo(409);
        assertThat(out.code()).isEqualTo("item_not_rentable");
        ApiResponse held = TestApp.api().patch("/v1/items/" + item, t.accessToken(), object("status", "retired"));
        assertThat(held.status()).as(held.toString()).isEqualTo(409);
        assertThat(held.code()).isEqualTo("item_has_live_rentals");
        assertThat(held.json().get("detail").asText()).startsWith("1 rental ");
        assertThat(post(t, "/v1/rentals/" + id + "/cancel", object()).status()).isEqualTo(200);
        assertThat(TestApp.api().patch("/v1/items/" + item, t.accessToken(), object("status", "retired")).status())
                .isEqualTo(200);
        ApiResponse back = TestApp.api().patch("/v1/items/" + item, t.accessToken(), object("status", "available"));
        assertThat(back.status()).isEqualTo(409);
        assertThat(back.code()).isEqualTo("invalid_item_transition");
        ApiResponse retired = book(t, customer, BASE.plus(Duration.ofDays(3)), BASE.plus(Duration.ofDays(4)), item, 1);
        assertThat(retired.status()).isEqualTo(409);
        assertThat(retired.code()).isEqualTo("item_not_rentable");
    }

    @Test
    void skusAreUniquePerOrganizationAndItemsAreFoundByTextCategoryAndLocation() {
        Tenant t = Tenants.register();
        long tools = RentalFixtures.category(t);
        long drills = post(t, "/v1/categories", object("name", "Drills", "parent_id", tools)).json().get("id").asLong();
        ApiResponse cycle = TestApp.api().patch("/v1/categories/" + tools, t.accessToken(), object("parent_id", drills));
        assertThat(cycle.status()).isEqualTo(422);
        long depot = RentalFixtures.location(t);
        String sku = "HD-" + UUID.randomUUID();
        long hammerDrill = item(t, object("name", "Hammer drill 100%", "sku", sku, "category_id", drills,
                "location_id", depot, "brand", "Bosch"));
        long ladder = item(t, object("name", "Ladder"));
        ApiResponse duplicate = post(t, "/v1/items", RentalFixtures.serializedItemBody().put("sku", sku));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.code()).isEqualTo("sku_taken");
        assertThat(Tenants.register()).satisfies(other -> assertThat(
                post(other, "/v1/items", RentalFixtures.serializedItemBody().put("sku", sku)).status()).isEqualTo(201));

        assertThat(ids(t, "/v1/items?category_id=" + tools)).containsExactly(hammerDrill);
        assertThat(ids(t, "/v1/items?location_id=" + depot)).containsExactly(hammerDrill);
        assertThat(ids(t, "/v1/items?q=100%25")).containsExactly(hammerDrill);
        assertThat(ids(t, "/v1/items?q=ladd")).containsExactly(ladder);
        assertThat(ids(t, "/v1/items?brand=bosch")).containsExactly(hammerDrill);
        assertThat(ids(t, "/v1/items?status=available")).containsExactly(ladder, hammerDrill);
        assertThat(ids(t, "/v1/items?limit=1&starting_after=" + ladder)).containsExactly(hammerDrill);
        assertThat(TestApp.api().get("/v1/items?status=lost", t.accessToken()).status()).isEqualTo(400);
        ApiResponse foreignCategory = post(Tenants.register(), "/v1/items",
                RentalFixtures.serializedItemBody().put("category_id", tools));
        assertThat(foreignCategory.status()).isEqualTo(404);
    }

    @Test
    void skusDifferingOnlyInCaseAreTheSameSkuWithinAnOrganization() {
        Tenant t = Tenants.register();
        String sku = "hd-" + UUID.randomUUID();
        item(t, object("sku", sku));
        ApiResponse upper = post(t, "/v1/items", RentalFixtures.serializedItemBody().put("sku", sku.toUpperCase()));
        assertThat(upper.status()).as(upper.toString()).isEqualTo(409);
        assertThat(upper.code()).isEqualTo("sku_taken");
        long other = item(t, object());
        ApiResponse renamed = TestApp.api().patch("/v1/items/" + other, t.accessToken(), object("sku", " HD" + sku.substring(2)));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(409);
        assertThat(renamed.code()).isEqualTo("sku_taken");
        assertThat(post(Tenants.register(), "/v1/items", RentalFixtures.serializedItemBody().put("sku", sku.toUpperCase()))
                .status()).isEqualTo(201);
    }

    private static List<Long> ids(Tenant t, String path) {
        ApiResponse response = TestApp.api().get(path, t.accessToken());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return java.util.stream.StreamSupport.stream(response.json().get("data").spliterator(), false)
                .map(n -> n.get("id").asLong()).toList();
    }

    @Test
    void aRetriedBookingWithTheSameIdempotencyKeyBooksOnce() {
        Tenant t = Tenants.register();
        long customer = RentalFixtures.customer(t);
        long item = RentalFixtures.serializedItem(t);
        ObjectNode body = RentalFixtures.rentalBody(customer, BASE, BASE.plus(HOUR), item, 1);
        ApiResponse first = TestApp.api().call("POST", "/v1/rentals").token(t.accessToken())
                .header("Idempotency-Key", "book-1").json(body).send();
        ApiResponse retry = TestApp.api().call("POST", "/v1/rentals").token(t.accessToken())
                .header("Idempotency-Key", "book-1").json(body).send();
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json().get("id").asLong()).isEqualTo(first.json().get("id").asLong());
        assertThat(ids(t, "/v1/rentals?item_id=" + item)).hasSize(1);
    }

    @Test
    void theDatabaseItselfRefusesOverlappingLiveLinesOfASerializedItem() {
        Tenant t = Tenants.register();
        long customer = RentalFixtures.customer(t);
        long item = RentalFixtures.serializedItem(t);
        long rental = RentalFixtures.book(t, customer, BASE, BASE.plus(HOUR.multipliedBy(2)), item).get("id").asLong();
        // bypass the service and its lock: a second live line over the same hours
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> TestApp.jdbi().useHandle(h -> h.createUpdate("""
                INSERT INTO rental_lines (org_id, rental_id, item_id, serialized, quantity, starts_at, ends_at,
                                          blocked_from, blocked_until, live, price, deposit)
                VALUES (:org, :rental, :item, TRUE, 1, :from, :to, :from, :to, TRUE, 0, 0)
                """).bind("org", t.orgId()).bind("rental", rental).bind("item", item)
                .bind("from", BASE.plus(HOUR)).bind("to", BASE.plus(HOUR.multipliedBy(3))).execute()));
        assertThat(refused).isNotNull();
        java.sql.SQLException sql = null;
        for (Throwable c = refused; c != null; c = c.getCause()) {
            if (c instanceof java.sql.SQLException s) {
                sql = s;
            }
        }
        assertThat(sql == null ? null : sql.getSQLState()).as(String.valueOf(refused)).isEqualTo("23P01");
        // a line that no longer holds the item (canceled, returned) may overlap
        TestApp.jdbi().useHandle(h -> h.createUpdate("""
                INSERT INTO rental_lines (org_id, rental_id, item_id, serialized, quantity, starts_at, ends_at,
                                          blocked_from, blocked_until, live, price, deposit)
                VALUES (:org, :rental, :item, TRUE, 1, :from, :to, :from, :to, FALSE, 0, 0)
                """).bind("org", t.orgId()).bind("rental", rental).bind("item", item)
                .bind("from", BASE.plus(HOUR)).bind("to", BASE.plus(HOUR.multipliedBy(3))).execute());
    }

    @Test
    void aConflictOnlyTheDatabaseCatchesIsStillA409NamingThePeriod() throws Exception {
        Tenant t = Tenants.register();
        long customer = RentalFixtures.customer(t);
        long item = RentalFixtures.serializedItem(t);
        long holder = RentalFixtures.book(t, customer, BASE.plus(Duration.ofDays(10)), BASE.plus(Duration.ofDays(11)), item)
                .get("id").asLong();
        var pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (org.jdbi.v3.core.Handle sneaky = TestApp.jdbi().open()) {
            // a writer that skips the item lock, and (as replication does) the foreign-key checks whose share
            // lock on the item would make the booking wait for it: its line is not committed yet, so the
            // service cannot see it, and only the exclusion constraint stands in the way
            sneaky.execute("SET session_replication_role = replica");
            sneaky.begin();
            sneaky.createUpdate("""
                    INSERT INTO rental_lines (org_id, rental_id, item_id, serialized, quantity, starts_at, ends_at,
                                              blocked_from, blocked_until, live, price, deposit)
                    VALUES (:org, :rental, :item, TRUE, 1, :from, :to, :from, :to, TRUE, 0, 0)
                    """).bind("org", t.orgId()).bind("rental", holder).bind("item", item)
                    .bind("from", BASE).bind("to", BASE.plus(HOUR.multipliedBy(2))).execute();
            var answer = pool.submit(() -> book(t, customer, BASE.plus(HOUR), BASE.plus(HOUR.multipliedBy(3)), item, 1));
            // the booking's insert now waits on the constraint for the sneaky transaction
            Instant deadline = Instant.now().plusSeconds(20);
            while (TestApp.jdbi().withHandle(h -> h.createQuery("""
                    SELECT count(*) FROM pg_stat_activity
                     WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%rental_lines%'
                    """).mapTo(Integer.class).one()) == 0) {
                assertThat(Instant.now()).as("the booking reached the constraint").isBefore(deadline);
                Thread.sleep(20);
            }
            sneaky.commit();
            ApiResponse refused = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
            assertThat(refused.code()).isEqualTo("rental_overlap");
            assertThat(refused.json().get("detail").asText()).contains(BASE.toString())
                    .contains(BASE.plus(HOUR.multipliedBy(2)).toString());
        } finally {
            pool.shutdownNow();
        }
        int rentals = TestApp.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM rentals WHERE org_id = :org").bind("org", t.orgId()).mapTo(Integer.class).one());
        assertThat(rentals).as("the refused booking left nothing behind").isEqualTo(1);
    }

    @Test
    void utilizationRevenueAndUnderusedItemsAreComputedFromBookings() {
        Tenant t = Tenants.register();
        long customer = RentalFixtures.customer(t);
        long busy = item(t, object("prices", object("daily", 1000, "currency", "EUR")));
        long idle = item(t, object("prices", object("daily", 1000, "currency", "EUR")));
        long chairs = RentalFixtures.bulkItem(t, 4);
        RentalFixtures.book(t, customer, BASE, BASE.plus(Duration.ofDays(1)), busy);
        book(t, customer, BASE.plus(Duration.ofDays(1)), BASE.plus(Duration.ofDays(2)), chairs, 2);
        long canceled = RentalFixtures.book(t, customer, BASE.plus(Duration.ofDays(1)), BASE.plus(Duration.ofDays(2)), idle)
                .get("id").asLong();
        post(t, "/v1/rentals/" + canceled + "/cancel", object());

        String range = "from=" + BASE + "&to=" + BASE.plus(Duration.ofDays(2));
        JsonNode utilization = TestApp.api().get("/v1/analytics/utilization?" + range, t.accessToken()).json();
        assertThat(utilization.get("data")).extracting(i -> i.get("item_id").asLong() + ":" + i.get("utilization").asDouble())
                .containsExactly(chairs + ":0.25", idle + ":0.0", busy + ":0.5");
        JsonNode overall = utilization.get("overall");
        assertThat(overall.get("booked_hours").asDouble()).isEqualTo(24 + 48);
        assertThat(overall.get("available_hours").asDouble()).isEqualTo(48 * 6);
        assertThat(overall.get("utilization").asDouble()).isEqualTo(0.25);

        JsonNode underused = TestApp.api().get("/v1/analytics/underused?below=0.3&" + range, t.accessToken()).json();
        assertThat(underused.get("data")).extracting(i -> i.get("item_id").asLong()).containsExactly(chairs, idle);

        JsonNode revenue = TestApp.api().get("/v1/analytics/revenue?granularity=day&" + range, t.accessToken()).json();
        assertThat(revenue.get("data")).extracting(p -> p.get("period_start").asText() + " " + p.get("rentals").asLong()
                        + " " + p.get("total").asLong() + " " + p.get("currency").asText())
                .containsExactly(BASE.truncatedTo(ChronoUnit.DAYS) + " 1 1000 EUR",
                        BASE.plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.DAYS) + " 1 600 EUR");
        JsonNode monthly = TestApp.api().get("/v1/analytics/revenue?granularity=month&" + range, t.accessToken()).json();
        assertThat(monthly.get("data")).extracting(p -> p.get("period_start").asText() + " " + p.get("total").asLong())
                .containsExactly("2031-03-01T00:00:00Z 1600");
        JsonNode weekly = TestApp.api().get("/v1/analytics/revenue?granularity=week&" + range, t.accessToken()).json();
        assertThat(weekly.get("data")).extracting(p -> p.get("period_start").asText() + " " + p.get("total").asLong())
                .containsExactly("2031-03-03T00:00:00Z 1600");
        assertThat(TestApp.api().get("/v1/analytics/revenue?granularity=year", t.accessToken()).status()).isEqualTo(400);
    }

    @Test
    void aReturnThatChangesAnItemsConditionAnnouncesTheItemUpdate() {
        Tenant t = Tenants.register();
        long customer = RentalFixtures.customer(t);
        long item = RentalFixtures.serializedItem(t);
        long id = RentalFixtures.book(t, customer, Instant.now(), Instant.now().plus(Duration.ofDays(1)), item).get("id").asLong();
        RentalFixtures.checkOutAndReturn(t, id, object("condition", "damaged"));

        List<String> payloads = TestApp.jdbi().withHandle(h -> h.createQuery(
                "SELECT payload FROM events WHERE org_id = :org AND type = 'item.updated' ORDER BY id")
                .bind("org", t.orgId()).mapTo(String.class).list());
        assertThat(payloads).hasSize(1);
        assertThat(payloads.get(0)).contains("\"id\":" + item).contains("\"condition\":\"damaged\"");
    }

    @Test
    void aBookingWhosePriceWouldOverflowIsA422OnTheQuantity() {
        Tenant t = Tenants.register();
        long customer = RentalFixtures.customer(t);
        long pallets = RentalFixtures.item(t, object("name", "Pallet", "sku", "p-" + UUID.randomUUID(), "tracking", "bulk",
                "stock", 1_000_000, "prices", object("hourly", 100_000_000_000L, "currency", "EUR")));
        ApiResponse huge = book(t, customer, BASE, BASE.plus(Duration.ofDays(5)), pallets, 1_000_000);
        assertThat(huge.status()).as(huge.toString()).isEqualTo(422);
        assertThat(huge.contentType()).startsWith("application/problem+json");
        assertThat(huge.code()).isEqualTo("validation_failed");
        assertThat(huge.json().get("errors").get(0).get("field").asText()).isEqualTo("lines[0].quantity");
    }

    @Test
    void anItemWithoutAnyRateCannotBeBooked() {
        Tenant t = Tenants.register();
        long customer = RentalFixtures.customer(t);
        long priceless = RentalFixtures.item(t, object("name", "Tent", "sku", "t-" + UUID.randomUUID(),
                "tracking", "serialized"));
        ApiResponse refused = book(t, customer, BASE, BASE.plus(Duration.ofDays(1)), priceless, 1);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("item_not_priced");
        assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("lines[0].item_id");
        assertThat(ids(t, "/v1/rentals?item_id=" + priceless)).isEmpty();
    }

    @Test
    void anotherOrganizationsItemOrCustomerIsNotFoundWhenBooking() {
        Tenant t = Tenants.register();
        Tenant other = Tenants.register();
        long customer = RentalFixtures.customer(t);
        long item = RentalFixtures.serializedItem(t);
        ApiResponse foreignItem = book(t, customer, BASE, BASE.plus(HOUR), RentalFixtures.serializedItem(other), 1);
        assertThat(foreignItem.status()).as(foreignItem.toString()).isEqualTo(404);
        assertThat(foreignItem.code()).isEqualTo("not_found");
        ApiResponse foreignCustomer = book(t, RentalFixtures.customer(other), BASE, BASE.plus(HOUR), item, 1);
        assertThat(foreignCustomer.status()).as(foreignCustomer.toString()).isEqualTo(404);
        assertThat(foreignCustomer.code()).isEqualTo("not_found");
        assertThat(ids(t, "/v1/rentals")).isEmpty();
    }
}
