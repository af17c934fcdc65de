package io.rentapi.api.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.rentapi.api.support.Tenants;
import io.rentapi.api.support.Tenants.Tenant;
import io.rentapi.api.support.TestApp;
import io.rentapi.billing.BillingEngine;
import io.rentapi.billing.gateway.ChargeResult;
import io.rentapi.billing.payments.Payment;
import io.rentapi.core.tenancy.OrgId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every billing change locks the organization's billing account before its payments. A refund to
 * credit racing a provider's word on the same payment (settle) must then never deadlock: PostgreSQL
 * would abort one of them.
 */
@ExtendWith(TestApp.class)
class BillingLockOrderTest {
    private static final int ROUNDS = 40;

    @Test
    void refundsToCreditRacingSettlementsOfTheSamePaymentNeverDeadlock() throws Exception {
        BillingEngine billing = TestBilling.engine(Clock.systemUTC());
        Tenant tenant = Tenants.register();
        OrgId org = tenant.orgId();
        long paymentId = BillingFixtures.succeededPayment(tenant);
        Payment paid = billing.payments().get(org, paymentId);
        assertThat(paid.amount()).isGreaterThan(ROUNDS);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Throwable> failures = new ArrayList<>();
        try {
            for (int i = 0; i < ROUNDS; i++) {
                CyclicBarrier start = new CyclicBarrier(2);
                CompletableFuture<?> refund = CompletableFuture.runAsync(() -> {
                    await(start);
                    billing.payments().refund(org, paymentId, 1L, "race", true);
                }, pool);
                CompletableFuture<?> settle = CompletableFuture.runAsync(() -> {
                    await(start);
                    billing.payments().settle(org, paymentId, ChargeResult.succeeded(paid.providerRef()));
                }, pool);
                for (CompletableFuture<?> call : List.of(refund, settle)) {
                    call.handle((ok, failure) -> failure == null ? null : failures.add(failure)).join();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(failures).as("no call of any round failed (a deadlock aborts one)").isEmpty();
        Payment after = billing.payments().get(org, paymentId);
        assertThat(after.amountRefunded()).as("every refund counted once").isEqualTo(ROUNDS);
        assertThat(after.status()).isEqualTo("partially_refunded");
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
