package io.rentapi.api.rentals;

import static io.rentapi.api.support.RentalFixtures.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.rentapi.api.support.ApiClient;
import io.rentapi.api.support.ApiClient.ApiResponse;
import io.rentapi.api.support.RentalFixtures;
import io.rentapi.api.support.TestApp;
import io.rentapi.api.support.Tenants;
import io.rentapi.api.support.Tenants.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Many clients booking the same item at the same moment, over HTTP, against one instance and
 * against two instances sharing the database: no more bookings succeed than the item can carry,
 * every other one is a 409 rental_overlap, and nothing else (no 500, no deadlock) happens.
 */
@ExtendWith(TestApp.class)
class RentalRaceTest {
    private static final int CLIENTS = 200;
    private static TestApp.Running second;

    @BeforeAll
    static void startSecondInstance() {
        // a small pool: the second instance shares the PostgreSQL server with the first
        second = TestApp.another(ConfigOverride.config("database.maxSize", "12"),
                ConfigOverride.config("database.minSize", "2"), ConfigOverride.config("database.initialSize", "2"));
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    enum Instances { ONE, TWO }

    /** 200 clients at once: a serialized item gets exactly one booking, a bulk item of stock 5 exactly five. */
    @ParameterizedTest(name = "{0} item, {1} instance(s)")
    @CsvSource({"serialized, ONE", "bulk, ONE", "serialized, TWO", "bulk, TWO"})
    void twoHundredClientsBookingOneItemForOverlappingPeriodsGetNoMoreThanItsStock(String tracking, Instances instances)
            throws Exception {
        Tenant t = Tenants.register();
        long customer = RentalFixtures.customer(t);
        int stock = tracking.equals("serialized") ? 1 : 5;
        long item = stock == 1 ? RentalFixtures.serializedItem(t) : RentalFixtures.bulkItem(t, stock);
        // several keys, so that the clients do not all queue on one quota bucket
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            keys.add(Tenants.apiKey(t, "rentals:write").secret());
        }
        Map<Integer, Long> outcome = race(i -> keys.get(i % keys.size()),
                i -> instances == Instances.TWO && i % 2 == 1 ? second.api() : TestApp.api(), customer, item);
        assertThat(outcome).containsEntry(201, (long) stock).containsEntry(409, (long) CLIENTS - stock).hasSize(2);
        assertThat(liveUnits(t, item)).isEqualTo(stock);
    }

    /**
     * Every client books a different period, all of which share the hour after BASE + 200 minutes,
     * so any two of them overlap; they start together behind a gate. Answers by status.
     */
    private static Map<Integer, Long> race(Function<Integer, String> keyOf, Function<Integer, ApiClient> clientOf,
                                           long customer, long item) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch ready = new CountDownLatch(CLIENTS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ApiResponse>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                int client = i;
                Instant start = BASE.plus(Duration.ofMinutes(client));
                Instant end = BASE.plus(Duration.ofMinutes(CLIENTS + 60 + client));
                answers.add(pool.submit(() -> {
                    ApiClient.Call call = clientOf.apply(client).call("POST", "/v1/rentals").token(keyOf.apply(client))
                            .json(RentalFixtures.rentalBody(customer, start, end, item, 1));
                    ready.countDown();
                    go.await();
                    return call.send();
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<ApiResponse> responses = new ArrayList<>();
            for (Future<ApiResponse> answer : answers) {
                responses.add(answer.get(60, TimeUnit.SECONDS));
            }
            responses.stream().filter(r -> r.status() == 409)
                    .forEach(r -> assertThat(r.code()).as(r.toString()).isEqualTo("rental_overlap"));
            return responses.stream().collect(Collectors.groupingBy(ApiResponse::status, Collectors.counting()));
        } finally {
            pool.shutdownNow();
        }
    }

    private static int liveUnits(Tenant t, long item) {
        return TestApp.jdbi().withHandle(h -> h.createQuery(
                "SELECT COALESCE(SUM(quantity), 0) FROM rental_lines WHERE org_id = :org AND item_id = :item AND live")
                .bind("org", t.orgId()).bind("item", item).mapTo(Integer.class).one());
    }
}
