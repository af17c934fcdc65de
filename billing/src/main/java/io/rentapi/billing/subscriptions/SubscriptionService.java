package io.rentapi.billing.subscriptions;

import io.rentapi.billing.BillingInterval;
import io.rentapi.billing.BillingMail;
import io.rentapi.billing.accounts.BillingAccount;
import io.rentapi.billing.accounts.BillingAccountDao;
import io.rentapi.billing.gateway.Gateways;
import io.rentapi.billing.invoices.Invoice;
import io.rentapi.billing.invoices.InvoiceDao;
import io.rentapi.billing.invoices.InvoiceLine;
import io.rentapi.billing.invoices.Invoicing;
import io.rentapi.billing.payments.Payment;
import io.rentapi.billing.payments.PaymentDao;
import io.rentapi.billing.payments.PaymentService;
import io.rentapi.billing.plans.CatalogDao;
import io.rentapi.billing.plans.CatalogPlan;
import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import io.rentapi.core.tenancy.OrgId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * An organization's subscription: subscribe, change plan (upgrades now with proration, downgrades at
 * period end), cancel, pause and resume, and the renewal of a period. Each change is one
 * transaction under the organization's billing account lock; invoices it opens are collected after
 * the commit.
 */
public final class SubscriptionService {
    private final Jdbi jdbi;
    private final Invoicing invoicing;
    private final PaymentService payments;
    private final Gateways gateways;
    private final SubscriptionEvents events;
    private final BillingMail mail;
    private final Clock clock;
    private final String defaultProvider;

    public SubscriptionService(Jdbi jdbi, Invoicing invoicing, PaymentService payments, Gateways gateways,
                               SubscriptionEvents events, BillingMail mail, Clock clock, String defaultProvider) {
        this.jdbi = jdbi;
        this.invoicing = invoicing;
        this.payments = payments;
        this.gateways = gateways;
        this.events = events;
        this.mail = mail;
        this.clock = clock;
        this.defaultProvider = defaultProvider;
    }

    /** A subscription after a change, with the invoice the change opened and its payment, if any. */
    public record Outcome(Subscription subscription, CatalogPlan plan, Invoice invoice, Payment payment) {
    }

    private record Change(long subscriptionId, Invoice invoice) {
    }

    public Outcome current(OrgId orgId) {
        Subscription s = jdbi.onDemand(SubscriptionDao.class).latest(orgId)
                .orElseThrow(() -> ApiException.notFound("subscription"));
        return new Outcome(s, plan(s.planId()), null, null);
    }

    public Outcome subscribe(OrgId orgId, long planId, String intervalName, boolean trial, String providerName) {
        BillingInterval interval = BillingInterval.parse(intervalName, "interval");
        String provider = providerName == null ? defaultProvider : providerName;
        gateways.require(provider, "provider");
        CatalogPlan plan = sellable(planId);
        if (trial && plan.trialDays() == 0) {
            throw ApiException.invalid("trial", "is not offered with this plan");
        }
        Instant now = clock.instant();
        Change change = jdbi.inTransaction(h -> {
            BillingAccount account = h.attach(BillingAccountDao.class).lockOrCreate(orgId, plan.currency(), now);
            SubscriptionDao subscriptions = h.attach(SubscriptionDao.class);
            Optional<Subscription> current = subscriptions.current(orgId);
            if (current.isPresent()) {
                if (current.get().hasPeriod()) {
                    throw new ApiException(ErrorCode.SUBSCRIPTION_EXISTS,
                            "The organization already has a " + current.get().status()
                                    + " subscription; change or cancel it.");
                }
                // a plan given before billing existed: the first real subscription replaces it
                subscriptions.cancelNow(orgId, current.get().id(), now);
            }
            if (!account.currency().equals(plan.currency()) && !h.attach(BillingAccountDao.class)
                    .adoptCurrency(orgId, plan.currency(), now)) {
                throw ApiException.invalid("plan_id", "is billed in " + plan.currency()
                        + " but the organization pays in " + account.currency());
            }
            if (trial) {
                Instant trialEnd = now.plus(Duration.ofDays(plan.trialDays()));
                long id = subscriptions.insert(orgId, plan.id(), SubscriptionStatus.TRIALING.value(), interval.value(),
                        provider, now, trialEnd, trialEnd, now);
                events.emit(h, orgId, id, "subscription.created");
                return new Change(id, null);
            }
            Instant end = interval.after(now);
            long id = subscriptions.insert(orgId, plan.id(), SubscriptionStatus.ACTIVE.value(), interval.value(),
                    provider, now, end, null, now);
            events.emit(h, orgId, id, "subscription.created");
            Invoice invoice = invoicing.issue(h, orgId, account, new Invoicing.Draft(id, "subscription_create",
                    plan.currency(), provider, now, end, renewalKey(id, now),
                    List.of(planLine(plan, interval, now, end))));
            return new Change(id, invoice);
        });
        return collected(orgId, change);
    }

    public Outcome change(OrgId orgId, long planId, String intervalName) {
        CatalogPlan target = sellable(planId);
        Instant now = clock.instant();
        Change change = jdbi.inTransaction(h -> {
            BillingAccount account = h.attach(BillingAccountDao.class).lockOrCreate(orgId, target.currency(), now);
            SubscriptionDao subscriptions = h.attach(SubscriptionDao.class);
            Subscription s = billable(subscriptions, orgId);
            if (s.state() != SubscriptionStatus.ACTIVE && s.state() != SubscriptionStatus.TRIALING) {
                throw new ApiException(ErrorCode.SUBSCRIPTION_STATE,
                        "A " + s.status() + " subscription cannot change plan.");
            }
            BillingInterval interval = intervalName == null ? s.interval()
                    : BillingInterval.parse(intervalName, "interval");
            CatalogPlan current = plan(s.planId());
            if (current.id() == target.id() && interval == s.interval()) {
                throw ApiException.invalid("plan_id", "is already the subscription's plan");
            }
            if (!target.currency().equals(current.currency())) {
                throw ApiException.invalid("plan_id", "is billed in another currency");
            }
            boolean upgrade = interval == s.interval() && target.priceMonth() > current.priceMonth();
            if (!upgrade) {
                subscriptions.schedulePlan(orgId, s.id(), target.id(), interval.value(), now);
                events.emit(h, orgId, s.id(), "subscription.updated");
                return new Change(s.id(), null);
            }
            subscriptions.changePlan(orgId, s.id(), target.id(), now);
            Invoice invoice = null;
            if (s.state() == SubscriptionStatus.ACTIVE && now.isBefore(s.currentPeriodEnd())) {
                invoice = invoicing.issue(h, orgId, account, new Invoicing.Draft(s.id(), "subscription_update",
                        target.currency(), s.provider(), now, s.currentPeriodEnd(), null,
                        proration(current, target, interval, s.currentPeriodStart(), s.currentPeriodEnd(), now)));
            }
            events.emit(h, orgId, s.id(), "subscription.updated");
            return new Change(s.id(), invoice);
        });
        return collected(orgId, change);
    }

    /**
     * Lines that credit the unused part of the period on the old plan and charge it on the new one,
     * to the second; each rounded half up in minor units.
     */
    static List<InvoiceLine> proration(CatalogPlan from, CatalogPlan to, BillingInterval interval, Instant start,
                                       Instant end, Instant now) {
        long whole = Duration.between(start, end).toSeconds();
        long left = Duration.between(now, end).toSeconds();
        long unused = Math.round((double) from.price(interval) * left / whole);
        long remaining = Math.round((double) to.price(interval) * left / whole);
        return List.of(
                InvoiceLine.of("proration", "Unused time on " + from.name(), -unused, now, end),
                InvoiceLine.of("proration", "Remaining time on " + to.name(), remaining, now, end));
    }

    /**
     * Cancels at period end, or now: then the subscription's open invoices are voided (giving back
     * the credit they had applied) and their payments in flight are canceled at the provider after
     * the commit, so that nobody pays for a plan the organization no longer has.
     */
    public Outcome cancel(OrgId orgId, boolean atPeriodEnd) {
        Instant now = clock.instant();
        List<Payment> inFlight = new ArrayList<>();
        Change change = jdbi.inTransaction(h -> {
            inFlight.clear(); // a retried transaction starts over
            lockAccount(h, orgId, now);
            SubscriptionDao subscriptions = h.attach(SubscriptionDao.class);
            Subscription s = subscriptions.current(orgId).orElseThrow(() -> ApiException.notFound("subscription"));
            s.state().require(SubscriptionStatus.CANCELED, "canceled");
            if (atPeriodEnd && s.hasPeriod() && s.state() != SubscriptionStatus.PAUSED) {
                subscriptions.setCancelAtPeriodEnd(orgId, s.id(), true, now);
                events.emit(h, orgId, s.id(), "subscription.updated");
            } else {
                subscriptions.cancelNow(orgId, s.id(), now);
                for (Invoice open : h.attach(InvoiceDao.class).openOfSubscription(orgId, s.id())) {
                    invoicing.close(h, orgId, open.id(), Invoice.VOID, "invoice.voided");
                    h.attach(PaymentDao.class).inFlight(orgId, open.id()).ifPresent(inFlight::add);
                }
                events.emit(h, orgId, s.id(), "subscription.canceled");
                mail.send(h, orgId, "billing-subscription-canceled", Map.of("detail",
                        "It was canceled at your organization's request."));
            }
            return new Change(s.id(), null);
        });
        inFlight.forEach(payments::abandon);
        return collected(orgId, change);
    }

    public Outcome pause(OrgId orgId) {
        Instant now = clock.instant();
        Change change = jdbi.inTransaction(h -> {
            lockAccount(h, orgId, now);
            SubscriptionDao subscriptions = h.attach(SubscriptionDao.class);
            Subscription s = billable(subscriptions, orgId);
            s.state().require(SubscriptionStatus.PAUSED, "paused");
            subscriptions.pause(orgId, s.id(), now);
            events.emit(h, orgId, s.id(), "subscription.paused");
            return new Change(s.id(), null);
        });
        return collected(orgId, change);
    }

    /** A resumed subscription starts a new period now, invoiced at once. */
    public Outcome resume(OrgId orgId) {
        Instant now = clock.instant();
        Change change = jdbi.inTransaction(h -> {
            SubscriptionDao subscriptions = h.attach(SubscriptionDao.class);
            BillingAccount account = lockAccount(h, orgId, now);
            Subscription s = billable(subscriptions, orgId);
            if (s.state() != SubscriptionStatus.PAUSED) {
                throw new ApiException(ErrorCode.SUBSCRIPTION_STATE, "Only a paused subscription can be resumed.");
            }
            Invoice invoice = startPeriod(h, account, s, now, "subscription_resume");
            events.emit(h, orgId, s.id(), "subscription.resumed");
            return new Change(s.id(), invoice);
        });
        return collected(orgId, change);
    }

    /**
     * Renews one subscription whose period has ended, or ends it when it was canceled at period end.
     * Two workers may both find it due: the one that gets the billing account lock renews, the other
     * skips it, and the renewal key makes a second invoice for the period impossible anyway.
     * Returns the invoice to collect.
     */
    public Optional<Invoice> renew(OrgId orgId, long subscriptionId) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            if (h.attach(BillingAccountDao.class).lockIfFree(orgId).isEmpty()) {
                return Optional.<Invoice>empty();
            }
            BillingAccount account = h.attach(BillingAccountDao.class).find(orgId).orElseThrow();
            SubscriptionDao subscriptions = h.attach(SubscriptionDao.class);
            Subscription s = subscriptions.lock(orgId, subscriptionId).orElseThrow();
            boolean due = (s.state() == SubscriptionStatus.ACTIVE || s.state() == SubscriptionStatus.TRIALING)
                    && s.hasPeriod() && !s.currentPeriodEnd().isAfter(now);
            if (!due) {
                return Optional.<Invoice>empty();
            }
            if (s.cancelAtPeriodEnd()) {
                subscriptions.cancelNow(orgId, s.id(), now);
                events.emit(h, orgId, s.id(), "subscription.canceled");
                mail.send(h, orgId, "billing-subscription-canceled", Map.of("detail",
                        "It was set to end with its billing period, which ended on " + s.currentPeriodEnd() + "."));
                return Optional.<Invoice>empty();
            }
            return Optional.ofNullable(startPeriod(h, account, s, s.currentPeriodEnd(), "subscription_cycle"));
        });
    }

    /** Starts the next period at {@code start} on the pending plan, if any, and invoices it once. */
    private Invoice startPeriod(Handle h, BillingAccount account, Subscription s, Instant start, String reason) {
        OrgId orgId = s.orgId();
        CatalogPlan plan = plan(s.pendingPlanId() != null ? s.pendingPlanId() : s.planId());
        BillingInterval interval = s.pendingInterval() != null ? BillingInterval.stored(s.pendingInterval())
                : s.interval() != null ? s.interval() : BillingInterval.MONTH;
        Instant end = interval.after(start);
        h.attach(SubscriptionDao.class).startPeriod(orgId, s.id(), plan.id(), interval.value(),
                SubscriptionStatus.ACTIVE.value(), start, end, clock.instant());
        events.emit(h, orgId, s.id(), "subscription.updated");
        String key = renewalKey(s.id(), start);
        Optional<Invoice> existing = h.attach(InvoiceDao.class).findByRenewalKey(orgId, key);
        if (existing.isPresent()) {
            return existing.get();
        }
        return invoicing.issue(h, orgId, account, new Invoicing.Draft(s.id(), reason, plan.currency(),
                s.provider() == null ? defaultProvider : s.provider(), start, end, key,
                List.of(planLine(plan, interval, start, end))));
    }

    /** The billing account lock, creating the account in the currency of the organization's plan. */
    private BillingAccount lockAccount(Handle h, OrgId orgId, Instant now) {
        String currency = h.attach(SubscriptionDao.class).current(orgId).map(s -> plan(s.planId()).currency())
                .orElse("USD");
        return h.attach(BillingAccountDao.class).lockOrCreate(orgId, currency, now);
    }

    private Outcome collected(OrgId orgId, Change change) {
        Payment payment = null;
        if (change.invoice() != null && change.invoice().isOpen()) {
            payment = payments.collect(orgId, change.invoice().id(), false).orElse(null);
        }
        Subscription s = jdbi.onDemand(SubscriptionDao.class).find(orgId, change.subscriptionId()).orElseThrow();
        Invoice invoice = change.invoice() == null ? null
                : jdbi.onDemand(InvoiceDao.class).find(orgId, change.invoice().id()).orElseThrow();
        return new Outcome(s, plan(s.planId()), invoice, payment);
    }

    private static Subscription billable(SubscriptionDao subscriptions, OrgId orgId) {
        Subscription s = subscriptions.current(orgId).orElseThrow(() -> ApiException.notFound("subscription"));
        if (!s.hasPeriod()) {
            throw new ApiException(ErrorCode.SUBSCRIPTION_STATE,
                    "This subscription predates billing; subscribe to a plan to replace it.");
        }
        return s;
    }

    private static InvoiceLine planLine(CatalogPlan plan, BillingInterval interval, Instant start, Instant end) {
        return InvoiceLine.of("plan", plan.name() + " (" + interval.value() + "ly)", plan.price(interval), start, end);
    }

    private static String renewalKey(long subscriptionId, Instant periodStart) {
        return "sub-" + subscriptionId + "-" + periodStart.getEpochSecond();
    }

    private CatalogPlan plan(long id) {
        return jdbi.onDemand(CatalogDao.class).find(id).orElseThrow();
    }

    private CatalogPlan sellable(long planId) {
        CatalogPlan plan = jdbi.onDemand(CatalogDao.class).find(planId)
                .filter(CatalogPlan::active)
                .orElseThrow(() -> ApiException.invalid("plan_id", "is not a plan of the catalog"));
        if (plan.isFree()) {
            throw ApiException.invalid("plan_id", "is free and needs no subscription; cancel instead");
        }
        return plan;
    }
}
