package io.rentapi.billing.accounts;

import io.rentapi.core.tenancy.OrgId;

/** An organization's billing state: credit, invoice counter and its customer at Stripe. */
public record BillingAccount(OrgId orgId, String currency, long creditBalance, long lastInvoiceNumber,
                             String stripeCustomerId, String stripePaymentMethodId) {
}
