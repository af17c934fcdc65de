package io.rentapi.api.billing;

import static io.rentapi.api.billing.BillingFixtures.planId;
import static org.assertj.core.api.Assertions.assertThat;

import io.rentapi.api.support.TestApp;
import io.rentapi.api.support.Tenants;
import io.rentapi.billing.BillingEngine;
import io.rentapi.core.tenancy.OrgId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two workers, each with its own connections, renew the same due subscriptions, or collect the same
 * forgotten renewal invoices, at the same moment.
 */
@ExtendWith(TestApp.class)
class RenewalRaceTest {
    private static final Instant START = Instant.parse("2037-01-01T00:00:00Z");
    private static final Instant RENEWAL = Instant.parse("2037-02-01T00:00:00Z");

    @Test
    void twoWorkersRenewingAtOnceMakeOneInvoicePerPeriod() throws Exception {
        MutableClock clock = new MutableClock(START);
        List<OrgId> orgs = subscribed(TestBilling.engine(clock), 12);
        clock.set(RENEWAL);

        int total = race(clock, worker -> worker.renewals().runOnce());

        for (OrgId org : orgs) {
            assertThat(TestBilling.value(org, """
                    SELECT COUNT(*) FROM invoices WHERE org_id = :org AND reason = 'subscription_cycle'
                    """, Long.class)).as("renewal invoices of org %s", org).isEqualTo(1);
            assertThat(TestBilling.column(org, """
                    SELECT period_start FROM invoices WHERE org_id = :org AND reason = 'subscription_cycle'
                    """, Instant.class)).containsExactly(RENEWAL);
            assertThat(TestBilling.column(org, "SELECT number FROM invoices WHERE org_id = :org ORDER BY id",
                    String.class)).containsExactly("INV-000001", "INV-000002");
            assertThat(renewalPayments(org)).as("one collection per renewal").isEqualTo(1);
        }
        assertThat(total).as("between them the workers renewed every subscription once")
                .isGreaterThanOrEqualTo(orgs.size());
    }

    @Test
    void aRenewalInvoiceLeftUncollectedIsChargedOnceByTheNextRunsAfterAGrace() throws Exception {
        Instant start = Instant.parse("2038-01-01T00:00:00Z");
        Instant renewal = Instant.parse("2038-02-01T00:00:00Z");
        MutableClock clock = new MutableClock(start);
        BillingEngine setUp = TestBilling.engine(clock);
        List<OrgId> orgs = subscribed(setUp, 8);
        clock.set(renewal);
        for (OrgId org : orgs) {
            // the worker stops between committing the renewal and collecting it
            long subscriptionId = setUp.subscriptions().current(org).subscription().id();
            assertThat(setUp.subscriptions().renew(org, subscriptionId)).isPresent();
        }

        clock.set(renewal.plus(Duration.ofMinutes(5)));
        setUp.renewals().runOnce();
        for (OrgId org : orgs) {
            assertThat(renewalPayments(org)).as("left to its own worker for a while").isZero();
        }

        clock.set(renewal.plus(Duration.ofMinutes(11)));
        race(clock, worker -> worker.renewals().runOnce());

        for (OrgId org : orgs) {
            assertThat(renewalPayments(org)).as("org %s charged once", org).isEqualTo(1);
            assertThat(TestBilling.value(org, """
                    SELECT p.amount FROM payments p JOIN invoices i ON i.org_id = p.org_id AND i.id = p.invoice_id
                     WHERE p.org_id = :org AND i.reason = 'subscription_cycle'
                    """, Long.class)).isEqualTo(1900);
        }
    }

    private static List<OrgId> subscribed(BillingEngine billing, int count) {
        List<OrgId> orgs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            OrgId org = Tenants.register().orgId();
            billing.subscriptions().subscribe(org, planId("basic"), "month", false, "manual");
            orgs.add(org);
        }
        return orgs;
    }

    /** Two workers, each on connections of its own, run three passes of the job at the same moment. */
    private static int race(MutableClock clock, ToIntFunction<BillingEngine> pass) throws Exception {
        List<BillingEngine> workers = List.of(TestBilling.engine(TestBilling.newJdbi(), clock),
                TestBilling.engine(TestBilling.newJdbi(), clock));
        CyclicBarrier together = new CyclicBarrier(workers.size());
        ExecutorService threads = Executors.newFixedThreadPool(workers.size());
        List<Future<Integer>> results = new ArrayList<>();
        for (BillingEngine worker : workers) {
            results.add(threads.submit(() -> {
                together.await(10, TimeUnit.SECONDS);
                int total = 0;
                for (int i = 0; i < 3; i++) {
                    total += pass.applyAsInt(worker);
                }
                return total;
            }));
        }
        int total = 0;
        for (Future<Integer> f : results) {
            total += f.get(120, TimeUnit.SECONDS);
        }
        threads.shutdown();
        return total;
    }

    private static long renewalPayments(OrgId org) {
        return TestBilling.value(org, """
                SELECT COUNT(*) FROM payments p JOIN invoices i ON i.org_id = p.org_id AND i.id = p.invoice_id
                 WHERE p.org_id = :org AND i.reason = 'subscription_cycle'
                """, Long.class);
    }
}
