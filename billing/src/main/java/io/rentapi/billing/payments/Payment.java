package io.rentapi.billing.payments;

import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;

public record Payment(long id, OrgId orgId, long invoiceId, String provider, String status, long amount,
                      long amountRefunded, String currency, boolean offSession, String providerRef,
                      String approvalUrl, String clientSecret, String failureCode, String failureMessage,
                      Instant nextCheckAt, int checks, Instant createdAt, Instant updatedAt) {

    public PaymentStatus state() {
        return PaymentStatus.parse(status);
    }
}
