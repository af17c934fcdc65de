package io.rentapi.api.billing;

import io.dropwizard.lifecycle.Managed;
import io.rentapi.api.Wiring;
import io.rentapi.api.config.BillingConfig;
import io.rentapi.billing.BillingEngine;
import io.rentapi.billing.gateway.Gateways;
import io.rentapi.billing.gateway.ManualGateway;
import io.rentapi.billing.gateway.PayPalGateway;
import io.rentapi.billing.gateway.PaymentGateway;
import io.rentapi.billing.gateway.StripeGateway;
import io.rentapi.billing.inbound.ProviderWebhooks;
import io.rentapi.core.tenancy.OrgId;
import io.rentapi.worker.PeriodicJob;
import java.util.ArrayList;
import java.util.List;

/** Builds billing from the configuration: the providers that have keys, then resources and worker jobs. */
public final class Billing {
    private final Wiring w;
    private final BillingConfig config;
    private final PayPalGateway paypal;
    private final BillingEngine engine;

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
        Gateways gateways = new Gateways(configured);
        String defaultProvider = !config.getDefaultProvider().isEmpty() ? config.getDefaultProvider()
                : gateways.has(StripeGateway.NAME) ? StripeGateway.NAME : ManualGateway.NAME;
        this.engine = new BillingEngine(w.jdbi(), w.outbox(), w.mail(), w.clock(), gateways,
                config.getTaxRateBasisPoints(),
                config.getDunningRetries().stream().map(d -> d.toJavaDuration()).toList(), defaultProvider,
                config.getBuyerActionTimeout().toJavaDuration());
    }

    public List<Object> resources() {
        ProviderWebhooks webhooks = new ProviderWebhooks(w.jdbi(), engine.payments(), engine.paymentMethods(),
                config.getStripe().getWebhookSecret().orElse(null), paypal,
                config.getPaypal().getWebhookId().orElse(null), w.clock());
        return List.of(
                new PlatformAdminFeature(w.jdbi()),
                new PlanResource(w.jdbi()),
                new SubscriptionResource(engine.subscriptions(), w.jdbi()),
                new InvoiceResource(w.jdbi(), engine.payments()),
                new PaymentResource(engine.payments()),
                new PaymentMethodResource(engine.paymentMethods()),
                new ProviderWebhookResource(webhooks),
                new AdminBillingResource(w.jdbi(), engine.payments(), w.clock()));
    }

    /** Starts the plan's trial for an organization, paid out of band afterwards (the dev demo's plan). */
    public void startTrial(OrgId orgId, String planCode) {
        long planId = w.jdbi().withHandle(h -> h.createQuery("SELECT id FROM plans WHERE code = :code")
                .bind("code", planCode).mapTo(Long.class).one());
        engine.subscriptions().subscribe(orgId, planId, "month", true, ManualGateway.NAME);
    }

    public List<Managed> jobs() {
        return List.of(
                new PeriodicJob("billing-renewals", config.getRenewalInterval().toJavaDuration(), engine.renewals()),
                new PeriodicJob("billing-dunning", config.getDunningInterval().toJavaDuration(), engine.dunning()),
                new PeriodicJob("billing-reconciliation", config.getReconciliationInterval().toJavaDuration(),
                        engine.reconciliation()::checkInFlight),
                new PeriodicJob("billing-comparison", config.getComparisonInterval().toJavaDuration(),
                        () -> engine.reconciliation().compareRecent(config.getComparisonLookBack().toJavaDuration())));
    }
}
