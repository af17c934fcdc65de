package io.rentapi.billing;

import io.rentapi.billing.accounts.Credits;
import io.rentapi.billing.gateway.Gateways;
import io.rentapi.billing.gateway.StripeGateway;
import io.rentapi.billing.invoices.Invoicing;
import io.rentapi.billing.jobs.DunningJob;
import io.rentapi.billing.jobs.ReconciliationJob;
import io.rentapi.billing.jobs.RenewalJob;
import io.rentapi.billing.methods.PaymentMethodService;
import io.rentapi.billing.payments.PaymentService;
import io.rentapi.billing.subscriptions.Dunning;
import io.rentapi.billing.subscriptions.SubscriptionEvents;
import io.rentapi.billing.subscriptions.SubscriptionService;
import io.rentapi.core.mail.MailOutbox;
import io.rentapi.core.outbox.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Billing's services and jobs, built from the operator's choices.
 *
 * @param taxRateBasisPoints tax added to every invoice, in hundredths of a percent (1900 = 19 %)
 * @param dunningRetries     when a failed subscription payment is retried, counted from the first failure
 * @param defaultProvider    the provider of subscriptions that name none
 * @param buyerActionTimeout how long a payment may wait for its buyer before it is abandoned
 */
public final class BillingEngine {
    private final Gateways gateways;
    private final PaymentService payments;
    private final PaymentMethodService paymentMethods;
    private final SubscriptionService subscriptions;
    private final RenewalJob renewals;
    private final DunningJob dunningJob;
    private final ReconciliationJob reconciliation;

    public BillingEngine(Jdbi jdbi, Outbox outbox, MailOutbox mailOutbox, Clock clock, Gateways gateways,
                         int taxRateBasisPoints, List<Duration> dunningRetries, String defaultProvider,
                         Duration buyerActionTimeout) {
        this.gateways = gateways;
        Credits credits = new Credits(outbox);
        Invoicing invoicing = new Invoicing(outbox, credits, clock, taxRateBasisPoints);
        SubscriptionEvents events = new SubscriptionEvents(outbox);
        BillingMail mail = new BillingMail(mailOutbox);
        Dunning dunning = new Dunning(dunningRetries, invoicing, events, mail, clock);
        this.payments = new PaymentService(jdbi, gateways, invoicing, dunning, credits, events, mail, outbox, clock);
        this.paymentMethods = new PaymentMethodService(jdbi, gateways.has(StripeGateway.NAME)
                && gateways.get(StripeGateway.NAME) instanceof StripeGateway stripe ? stripe : null, outbox, clock);
        this.subscriptions = new SubscriptionService(jdbi, invoicing, payments, gateways, events, mail, clock,
                defaultProvider);
        this.renewals = new RenewalJob(jdbi, subscriptions, payments, clock);
        this.dunningJob = new DunningJob(jdbi, payments, dunning, clock);
        this.reconciliation = new ReconciliationJob(jdbi, gateways, payments, clock, buyerActionTimeout);
    }

    public Gateways gateways() {
        return gateways;
    }

    public PaymentService payments() {
        return payments;
    }

    public PaymentMethodService paymentMethods() {
        return paymentMethods;
    }

    public SubscriptionService subscriptions() {
        return subscriptions;
    }

    public RenewalJob renewals() {
        return renewals;
    }

    public DunningJob dunning() {
        return dunningJob;
    }

    public ReconciliationJob reconciliation() {
        return reconciliation;
    }
}
