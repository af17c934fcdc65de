package io.rentapi.billing.methods;

import io.rentapi.billing.accounts.BillingAccountDao;
import io.rentapi.billing.gateway.GatewayException;
import io.rentapi.billing.gateway.StripeGateway;
import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import io.rentapi.core.outbox.Outbox;
import io.rentapi.core.tenancy.OrgId;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payment method renewals are charged with, saved at Stripe ahead of any invoice: a SetupIntent
 * for Stripe.js or a Checkout Session in setup mode starts it, and Stripe's signed webhook saves the
 * result ({@link #saveFromStripe}). As everywhere in billing, no provider call happens inside a
 * transaction, and each creating call carries a key made from a row committed before it.
 */
public final class PaymentMethodService {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentMethodService.class);
    /** The account's currency until its first paid plan sets it (see BillingAccountDao#adoptCurrency). */
    private static final String FIRST_CURRENCY = "USD";

    private final Jdbi jdbi;
    private final StripeGateway stripe;
    private final Outbox outbox;
    private final Clock clock;

    /** @param stripe null when this deployment has no Stripe keys */
    public PaymentMethodService(Jdbi jdbi, StripeGateway stripe, Outbox outbox, Clock clock) {
        this.jdbi = jdbi;
        this.stripe = stripe;
        this.outbox = outbox;
        this.clock = clock;
    }

    public record SetupIntentStarted(String clientSecret, String setupIntentId) {
    }

    public record CheckoutStarted(String url, String id) {
    }

    public SetupIntentStarted startSetupIntent(OrgId orgId) {
        StripeGateway gateway = requireStripe();
        String customer = customer(orgId, gateway);
        long setupId = jdbi.withHandle(h -> h.attach(PaymentMethodDao.class).insertSetup(orgId, StripeGateway.NAME,
                "setup_intent", clock.instant()));
        StripeGateway.SetupStart start = call(() -> gateway.createSetupIntent(customer, orgId.value(), setupKey(setupId)));
        jdbi.useHandle(h -> h.attach(PaymentMethodDao.class).recordSetup(orgId, setupId, start.id(), clock.instant()));
        return new SetupIntentStarted(start.clientSecret(), start.id());
    }

    public CheckoutStarted startCheckout(OrgId orgId, String successUrl, String cancelUrl) {
        String success = absoluteUrl("success_url", successUrl);
        String cancel = absoluteUrl("cancel_url", cancelUrl);
        StripeGateway gateway = requireStripe();
        String customer = customer(orgId, gateway);
        String currency = jdbi.withHandle(h -> h.attach(BillingAccountDao.class).find(orgId).orElseThrow().currency());
        long setupId = jdbi.withHandle(h -> h.attach(PaymentMethodDao.class).insertSetup(orgId, StripeGateway.NAME,
                "checkout_session", clock.instant()));
        StripeGateway.CheckoutStart start = call(() -> gateway.createSetupCheckout(customer, orgId.value(), currency,
                success, cancel, setupKey(setupId)));
        jdbi.useHandle(h -> h.attach(PaymentMethodDao.class).recordSetup(orgId, setupId, start.id(), clock.instant()));
        return new CheckoutStarted(start.url(), start.id());
    }

    /** The saved method; one saved without its details (the card of a payment) is described by Stripe first. */
    public SavedPaymentMethod current(OrgId orgId) {
        SavedPaymentMethod saved = saved(orgId).orElseThrow(() -> new ApiException(ErrorCode.PAYMENT_METHOD_NOT_FOUND,
                "The organization has no saved payment method."));
        if (saved.paymentMethodType() != null || stripe == null) {
            return saved;
        }
        try {
            StripeGateway.MethodDetails details = stripe.paymentMethod(saved.stripePaymentMethodId());
            jdbi.useHandle(h -> h.attach(PaymentMethodDao.class).describe(orgId, details.id(), details.type(),
                    details.cardBrand(), details.cardLast4(), integer(details.cardExpMonth()),
                    integer(details.cardExpYear()), clock.instant()));
            return saved(orgId).orElse(saved);
        } catch (GatewayException e) {
            LOG.warn("org {}: cannot describe payment method {}: {}", orgId, saved.stripePaymentMethodId(),
                    e.getMessage());
            return saved;
        }
    }

    /** Detaches the saved method at Stripe and forgets it; renewals then fail with no_payment_method. */
    public void remove(OrgId orgId) {
        SavedPaymentMethod saved = saved(orgId).orElseThrow(() -> new ApiException(ErrorCode.PAYMENT_METHOD_NOT_FOUND,
                "The organization has no saved payment method."));
        StripeGateway gateway = requireStripe();
        call(() -> {
            gateway.detach(saved.stripePaymentMethodId());
            return null;
        });
        jdbi.useTransaction(h -> {
            if (h.attach(PaymentMethodDao.class).forget(orgId, saved.stripePaymentMethodId(), clock.instant()) == 1) {
                outbox.append(h, orgId, "billing.payment_method.deleted", PaymentMethodView.of(saved));
            }
        });
    }

    /**
     * Saves what a Stripe setup event says as the organization's payment method, and makes it the
     * customer's default at Stripe too. Ignored when the customer is not the organization's, or when
     * a newer event already saved a method. Answers whether the method was saved. {@code claim} runs
     * first in the transaction that saves; when it answers false (the event was processed already),
     * nothing is saved.
     */
    public boolean saveFromStripe(OrgId orgId, String customer, String paymentMethodId, String source,
                                  Instant eventAt, Predicate<Handle> claim) {
        if (stripe == null || paymentMethodId == null) {
            return false;
        }
        Optional<SavedPaymentMethod> account = jdbi.withHandle(h -> h.attach(PaymentMethodDao.class).account(orgId));
        if (account.isEmpty() || account.get().stripeCustomerId() == null
                || !account.get().stripeCustomerId().equals(customer)) {
            LOG.warn("org {}: a Stripe setup for customer {} is not the organization's; ignored", orgId, customer);
            return false;
        }
        Instant savedAt = account.get().paymentMethodEventAt();
        if (savedAt != null && eventAt.isBefore(savedAt)) {
            LOG.info("org {}: payment method {} set up at {} is older than the saved one's {}; ignored", orgId,
                    paymentMethodId, eventAt, savedAt);
            return false;
        }
        StripeGateway.MethodDetails details = call(() -> stripe.paymentMethod(paymentMethodId));
        call(() -> {
            stripe.makeDefault(customer, paymentMethodId);
            return null;
        });
        return jdbi.inTransaction(h -> {
            if (!claim.test(h)) {
                return false;
            }
            PaymentMethodDao methods = h.attach(PaymentMethodDao.class);
            boolean changed = !paymentMethodId.equals(account.get().stripePaymentMethodId());
            if (methods.save(orgId, paymentMethodId, details.type(), details.cardBrand(), details.cardLast4(),
                    integer(details.cardExpMonth()), integer(details.cardExpYear()), source, eventAt,
                    clock.instant()) != 1) {
                return false; // a newer event won the race
            }
            if (changed) {
                outbox.append(h, orgId, "billing.payment_method.updated",
                        PaymentMethodView.of(methods.account(orgId).orElseThrow()));
            }
            return true;
        });
    }

    /** The payment method a succeeded SetupIntent saved (for Checkout, whose event names only the intent). */
    public String setupIntentPaymentMethod(String setupIntentId) {
        return call(() -> requireStripe().setupIntentPaymentMethod(setupIntentId));
    }

    private Optional<SavedPaymentMethod> saved(OrgId orgId) {
        return jdbi.withHandle(h -> h.attach(PaymentMethodDao.class).account(orgId))
                .filter(m -> m.stripePaymentMethodId() != null);
    }

    /** The organization's Stripe customer, created (and its billing account opened) on first use. */
    private String customer(OrgId orgId, StripeGateway gateway) {
        String existing = jdbi.inTransaction(h -> {
            BillingAccountDao accounts = h.attach(BillingAccountDao.class);
            accounts.ensure(orgId, FIRST_CURRENCY, clock.instant());
            return accounts.find(orgId).orElseThrow().stripeCustomerId();
        });
        if (existing != null) {
            return existing;
        }
        String created = call(() -> gateway.ensureCustomer(orgId.value(), null).orElseThrow());
        jdbi.useHandle(h -> h.attach(BillingAccountDao.class).setStripeCustomer(orgId, created, clock.instant()));
        // a concurrent first use may have stored its customer first (the same one, by idempotency key)
        return jdbi.withHandle(h -> h.attach(BillingAccountDao.class).find(orgId).orElseThrow().stripeCustomerId());
    }

    private StripeGateway requireStripe() {
        if (stripe == null) {
            throw new ApiException(ErrorCode.PROVIDER_NOT_CONFIGURED,
                    "This deployment has no stripe keys; payment methods are saved at Stripe.");
        }
        return stripe;
    }

    private static <T> T call(java.util.function.Supplier<T> providerCall) {
        try {
            return providerCall.get();
        } catch (GatewayException e) {
            throw new ApiException(ErrorCode.PAYMENT_PROVIDER_ERROR, "Stripe did not answer as expected; try again. ("
                    + e.getMessage() + ")");
        }
    }

    static String setupKey(long setupId) {
        return "rentapi-setup-" + setupId;
    }

    private static Integer integer(Long value) {
        return value == null ? null : Math.toIntExact(value);
    }

    /**
     * Where Stripe sends the buyer back: an absolute http(s) URL with a host. Stripe's
     * {CHECKOUT_SESSION_ID} placeholder is allowed, as Stripe fills it in.
     */
    static String absoluteUrl(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.invalid(field, "must not be blank");
        }
        URI uri;
        try {
            uri = new URI(raw.strip().replace("{CHECKOUT_SESSION_ID}", "CHECKOUT_SESSION_ID"));
        } catch (URISyntaxException e) {
            throw ApiException.invalid(field, "is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw ApiException.invalid(field, "must be an absolute http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw ApiException.invalid(field, "must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw ApiException.invalid(field, "must not carry credentials");
        }
        return raw.strip();
    }
}
