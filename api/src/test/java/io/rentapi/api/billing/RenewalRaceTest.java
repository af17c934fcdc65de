package io.rentapi.api.billing;

import static io.rentapi.api.billing.BillingFixtures.planId;
import static org.assertj.core.api.Assertions.assertThat;

import io.rentapi.api.support.TestApp;
import io.rentapi.api.support.Tenants;
import io.rentapi.billing.BillingEngine;
import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two workers, each with its own connections, renew the same due subscriptions at the same moment. */
@ExtendWith(TestApp.class)
class RenewalRaceTest {
    private static final Instant START = Instant.parse("2037-01-01T00:00:00Z");
    private static final Instant RENEWAL = Instant.parse("2037-02-01T00:00:00Z");

    @Test
    void twoWorkersRenewingAtOnceMakeOneInvoicePerPeriod() throws Exception {
        MutableClock clock = new MutableClock(START);
        BillingEngine setUp = TestBilling.engine(clock);
        List<OrgId> orgs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            OrgId org = Tenants.register().orgId();
            setUp.subscriptions().subscribe(org, planId("basic"), "month", false, "manual");
            orgs.add(org);
        }
        clock.set(RENEWAL);
        List<BillingEngine> workers = List.of(TestBilling.engine(TestBilling.newJdbi(), clock),
                TestBilling.engine(TestBilling.newJdbi(), clock));

        CyclicBarrier together = new CyclicBarrier(workers.size());
        ExecutorService threads = Executors.newFixedThreadPool(workers.size());
        List<Future<Integer>> renewed = new ArrayList<>();
        for (BillingEngine worker : workers) {
            renewed.add(threads.submit(() -> {
                together.await(10, TimeUnit.SECONDS);
                int total = 0;
                for (int pass = 0; pass < 3; pass++) {
                    total += worker.renewals().runOnce();
                }
                return total;
            }));
        }
        int total = 0;
        for (Future<Integer> f : renewed) {
            total += f.get(120, TimeUnit.SECONDS);
        }
        threads.shutdown();

        for (OrgId org : orgs) {
            assertThat(TestBilling.value(org, """
                    SELECT COUNT(*) FROM invoices WHERE org_id = :org AND reason = 'subscription_cycle'
                    """, Long.class)).as("renewal invoices of org %s", org).isEqualTo(1);
            assertThat(TestBilling.column(org, """
                    SELECT period_start FROM invoices WHERE org_id = :org AND reason = 'subscription_cycle'
                    """, Instant.class)).containsExactly(RENEWAL);
            assertThat(TestBilling.column(org, "SELECT number FROM invoices WHERE org_id = :org ORDER BY id",
                    String.class)).containsExactly("INV-000001", "INV-000002");
            assertThat(TestBilling.value(org, """
                    SELECT COUNT(*) FROM payments p JOIN invoices i ON i.org_id = p.org_id AND i.id = p.invoice_id
                     WHERE p.org_id = :org AND i.reason = 'subscription_cycle'
                    """, Long.class)).as("one collection per renewal").isEqualTo(1);
        }
        assertThat(total).as("between them the workers renewed every subscription once")
                .isGreaterThanOrEqualTo(orgs.size());
    }
}
