package io.rentapi.api.rentals;

import static io.rentapi.api.support.RentalFixtures.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import io.rentapi.api.support.ApiClient.ApiResponse;
import io.rentapi.api.support.RentalFixtures;
import io.rentapi.api.support.TestApp;
import io.rentapi.api.support.Tenants;
import io.rentapi.api.support.Tenants.Tenant;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A booking that races with blocking its customer never commits once the block has. */
@ExtendWith(TestApp.class)
class CustomerBlockRaceTest {

    @Test
    void aBookingMadeWhileItsCustomerIsBeingBlockedWaitsForTheBlockAndIsRefused() throws Exception {
        Tenant t = Tenants.register();
        long customer = RentalFixtures.customer(t);
        long item = RentalFixtures.serializedItem(t);
        ExecutorService client = Executors.newSingleThreadExecutor();
        try (Handle blocking = TestApp.jdbi().open()) {
            // the block, as the customer update writes it, committed only once the booking has started
            blocking.begin();
            blocking.createUpdate("UPDATE customers SET blocked = TRUE, blocked_reason = 'unpaid' WHERE org_id = :org AND id = :id")
                    .bind("org", t.orgId()).bind("id", customer).execute();
            Future<ApiResponse> booking = client.submit(() -> TestApp.api().post("/v1/rentals", t.accessToken(),
                    RentalFixtures.rentalBody(customer, BASE, BASE.plus(Duration.ofHours(1)), item, 1)));
            assertThat(waitUntilSomeoneWaitsForALock()).as("the booking waits for the customer row").isTrue();
            assertThat(booking.isDone()).isFalse();
            blocking.commit();

            ApiResponse answer = booking.get(30, TimeUnit.SECONDS);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(409);
            assertThat(answer.code()).isEqualTo("customer_blocked");
            assertThat(answer.json().get("detail").asText()).contains("unpaid");
        } finally {
            client.shutdownNow();
        }
    }

    private static boolean waitUntilSomeoneWaitsForALock() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            int waiting = TestApp.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM pg_locks WHERE NOT granted")
                    .mapTo(Integer.class).one());
            if (waiting > 0) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}
