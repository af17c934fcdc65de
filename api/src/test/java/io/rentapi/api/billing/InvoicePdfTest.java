package io.rentapi.api.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rentapi.api.support.ApiClient;
import io.rentapi.api.support.Tenants;
import io.rentapi.api.support.Tenants.Tenant;
import io.rentapi.api.support.TestApp;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** GET /v1/invoices/{id}.pdf: a real PDF, read back with PDFBox, that says what the JSON invoice says. */
@ExtendWith(TestApp.class)
class InvoicePdfTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void anInvoiceReadsAsAPdfWithItsNumberLinesAndTotals() throws Exception {
        // a name the standard PDF fonts cannot show in full still renders
        Tenant tenant = Tenants.register("Zürich Rentals 東京");
        long invoiceId = BillingFixtures.openInvoice(tenant);
        JsonNode invoice = TestApp.api().get("/v1/invoices/" + invoiceId, tenant.accessToken()).json();

        HttpResponse<byte[]> answer = pdf(tenant, invoiceId);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(answer.headers().firstValue("Content-Disposition"))
                .hasValue("inline; filename=\"" + invoice.get("number").asText() + ".pdf\"");
        try (PDDocument document = Loader.loadPDF(answer.body())) {
            assertThat(document.getDocumentInformation().getTitle()).isEqualTo("Invoice " + invoice.get("number").asText());
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Invoice " + invoice.get("number").asText())
                    .contains("Zürich Rentals ??")
                    .contains("open")
                    .contains(invoice.get("lines").get(0).get("description").asText())
                    .contains("Total")
                    .contains(money(invoice.get("total").asLong(), invoice.get("currency").asText()))
                    .contains("Remaining");
        }
    }

    @Test
    void anotherOrganizationsInvoiceIsNotFoundAndTheRouteNeedsCredentials() throws Exception {
        Tenant owner = Tenants.register();
        long invoiceId = BillingFixtures.openInvoice(owner);
        Tenant stranger = Tenants.register();

        HttpResponse<byte[]> foreign = pdf(stranger, invoiceId);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(ApiClient.JSON.readTree(foreign.body()).get("code").asText()).isEqualTo("not_found");

        assertThat(HTTP.send(HttpRequest.newBuilder(TestApp.api().base().resolve("/v1/invoices/" + invoiceId + ".pdf"))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
        assertThat(pdf(owner, Long.MAX_VALUE).statusCode()).isEqualTo(404);
    }

    private static HttpResponse<byte[]> pdf(Tenant tenant, long invoiceId) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(TestApp.api().base().resolve("/v1/invoices/" + invoiceId + ".pdf"))
                .header("Authorization", "Bearer " + tenant.accessToken()).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String money(long minor, String currency) {
        return java.math.BigDecimal.valueOf(minor, java.util.Currency.getInstance(currency).getDefaultFractionDigits())
                .toPlainString() + " " + currency;
    }
}
