package io.rentapi.api.billing;

import io.dropwizard.lifecycle.Managed;
import io.rentapi.api.Wiring;
import io.rentapi.api.config.BillingConfig;
import io.rentapi.billing.BillingMail;
import io.rentapi.billing.gateway.Gateways;
import io.rentapi.billing.gateway.ManualGateway;
import io.rentapi.billing.gateway.PayPalGateway;
import io.rentapi.billing.gateway.PaymentGateway;
import io.rentapi.billing.gateway.StripeGateway;
import io.rentapi.billing.inbound.ProviderWebhooks;
import io.rentapi.billing.invoices.Invoicing;
import io.rentapi.billing.jobs.DunningJob;
import io.rentapi.billing.jobs.ReconciliationJob;
import io.rentapi.billing.jobs.RenewalJob;
import io.rentapi.billing.payments.PaymentService;
import io.rentapi.billing.subscriptions.Dunning;
import io.rentapi.billing.subscriptions.SubscriptionEvents;
import io.rentapi.billing.subscriptions.SubscriptionService;
import io.rentapi.worker.PeriodicJob;
import java.util.ArrayList;
import java.util.List;

/** Builds billing from the configuration: providers with keys, services, resources and worker jobs. */
public final class Billing {
    private final Wiring w;
    private final BillingConfig config;
    private final Gateways gateways;
    private final PayPalGateway paypal;
    private final PaymentService payments;
    private final SubscriptionService subscriptions;
    private final Dunning dunning;

    public Billing(Wiring w) {
        this.w = w;
        this.config = w.config().getBilling();
        List<PaymentGateway> configured = new ArrayList<>();
        config.getStripe().getSecretKey().ifPresent(key -> configured.add(new StripeGateway(key,
                config.getStripe().getApiBase(), config.getStripe().getTimeout().toJavaDuration())));
        BillingConfig.PayPal pp = config.getPaypal();
        this.paypal = pp.isConfigured() ? new PayPalGateway(pp.getClientId(), pp.getClientSecret(), pp.getBaseUrl(),
                pp.getWebUrl(), pp.getTimeout().toJavaDuration()) : null;
        if (paypal != null) {
            configured.add(paypal);
        }
        this.gateways = new Gateways(configured);
        Invoicing invoicing = new Invoicing(w.outbox(), w.clock(), config.getTaxRateBasisPoints());
        SubscriptionEvents events = new SubscriptionEvents(w.outbox());
        BillingMail mail = new BillingMail(w.mail());
        this.dunning = new Dunning(config.getDunningRetries().stream().map(d -> d.toJavaDuration()).toList(),
                invoicing, events, mail, w.clock());
        this.payments = new PaymentService(w.jdbi(), gateways, invoicing, dunning, events, mail, w.outbox(), w.clock());
        String defaultProvider = !config.getDefaultProvider().isEmpty() ? config.getDefaultProvider()
                : gateways.has(StripeGateway.NAME) ? StripeGateway.NAME : ManualGateway.NAME;
        this.subscriptions = new SubscriptionService(w.jdbi(), invoicing, payments, gateways, events, mail, w.clock(),
                defaultProvider);
    }

    public List<Object> resources() {
        ProviderWebhooks webhooks = new ProviderWebhooks(w.jdbi(), payments,
                config.getStripe().getWebhookSecret().orElse(null), paypal,
                config.getPaypal().getWebhookId().orElse(null), w.clock());
        return List.of(
                new PlatformAdminFeature(w.jdbi()),
                new PlanResource(w.jdbi()),
                new SubscriptionResource(subscriptions, w.jdbi()),
                new InvoiceResource(w.jdbi(), payments),
                new PaymentResource(payments),
                new ProviderWebhookResource(webhooks),
                new AdminBillingResource(w.jdbi(), payments, w.clock()));
    }

    public List<Managed> jobs() {
        ReconciliationJob reconciliation = new ReconciliationJob(w.jdbi(), gateways, payments, w.clock());
        return List.of(
                new PeriodicJob("billing-renewals", config.getRenewalInterval().toJavaDuration(),
                        new RenewalJob(w.jdbi(), subscriptions, payments, w.clock())),
                new PeriodicJob("billing-dunning", config.getDunningInterval().toJavaDuration(),
                        new DunningJob(w.jdbi(), payments, dunning, w.clock())),
                new PeriodicJob("billing-reconciliation", config.getReconciliationInterval().toJavaDuration(),
                        reconciliation::checkInFlight),
                new PeriodicJob("billing-comparison", config.getComparisonInterval().toJavaDuration(),
                        () -> reconciliation.compareRecent(config.getComparisonLookBack().toJavaDuration())));
    }
}
