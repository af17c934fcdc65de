package io.rentapi.api.billing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.rentapi.billing.invoices.Invoice;
import io.rentapi.billing.invoices.InvoiceDao;
import io.rentapi.billing.invoices.InvoiceView;
import io.rentapi.billing.payments.Payment;
import io.rentapi.billing.payments.PaymentDao;
import io.rentapi.billing.payments.PaymentView;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** An invoice with its latest payment, if it has one. */
public record InvoiceAnswer(@JsonUnwrapped InvoiceView invoice,
                            @JsonInclude(JsonInclude.Include.NON_NULL) PaymentView latestPayment) {

    static InvoiceAnswer of(Jdbi jdbi, Invoice i) {
        return jdbi.withHandle(h -> {
            Payment latest = h.attach(InvoiceDao.class).latestPaymentId(i.orgId(), i.id())
                    .flatMap(id -> h.attach(PaymentDao.class).find(i.orgId(), id)).orElse(null);
            return new InvoiceAnswer(InvoiceView.of(i, h.attach(InvoiceDao.class).lines(i.orgId(), i.id())),
                    latest == null ? null : PaymentView.of(latest, List.of()));
        });
    }
}
