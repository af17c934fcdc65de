package io.rentapi.api.billing;

import io.dropwizard.auth.Auth;
import io.rentapi.api.auth.Caller;
import io.rentapi.api.auth.Permission;
import io.rentapi.api.auth.RequiresPermission;
import io.rentapi.api.http.ListParams;
import io.rentapi.api.http.ListView;
import io.rentapi.api.orgs.Organization;
import io.rentapi.api.orgs.OrganizationDao;
import io.rentapi.billing.invoices.Invoice;
import io.rentapi.billing.invoices.InvoiceDao;
import io.rentapi.billing.invoices.InvoicePdf;
import io.rentapi.billing.payments.PaymentService;
import io.rentapi.core.error.ApiException;
import io.rentapi.core.page.PageRequest;
import io.rentapi.core.tenancy.OrgId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jdbi.v3.core.Jdbi;

@Path("/v1/invoices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Billing")
public final class InvoiceResource {
    static final String INVOICE_PDF = "application/pdf";
    private final Jdbi jdbi;
    private final PaymentService payments;

    public InvoiceResource(Jdbi jdbi, PaymentService payments) {
        this.jdbi = jdbi;
        this.payments = payments;
    }

    @GET
    @RequiresPermission(Permission.INVOICES_READ)
    @Operation(summary = "The organization's invoices, newest first")
    public ListView<InvoiceAnswer> list(@Auth Caller caller, @BeanParam ListParams list) {
        PageRequest page = list.toPageRequest();
        InvoiceDao invoices = jdbi.onDemand(InvoiceDao.class);
        return ListView.of(page.toPage(invoices.page(caller.orgId(), page.idAbove(), page.idBelow(), page.order(),
                page.fetch())), i -> InvoiceAnswer.of(jdbi, i));
    }

    @GET
    @Path("/{id}")
    @RequiresPermission(Permission.INVOICES_READ)
    @Operation(summary = "One invoice with its lines and its latest payment")
    public InvoiceAnswer get(@Auth Caller caller, @PathParam("id") long id) {
        return InvoiceAnswer.of(jdbi, find(caller.orgId(), id));
    }

    @GET
    @Path("/{id}.pdf")
    @Produces(INVOICE_PDF)
    @RequiresPermission(Permission.INVOICES_READ)
    @Operation(summary = "One invoice as a PDF document: the organization, number, status, dates, lines and totals")
    public Response pdf(@Auth Caller caller, @PathParam("id") long id) {
        Invoice invoice = find(caller.orgId(), id);
        InvoiceAnswer answer = InvoiceAnswer.of(jdbi, invoice);
        String organization = jdbi.onDemand(OrganizationDao.class).find(caller.orgId()).map(Organization::name)
                .orElseThrow(() -> ApiException.notFound("invoice"));
        return Response.ok(InvoicePdf.render(answer.invoice(), organization), INVOICE_PDF)
                .header("Content-Disposition", "inline; filename=\"" + invoice.number() + ".pdf\"")
                .build();
    }

    @POST
    @Path("/{id}/pay")
    @RequiresPermission(Permission.BILLING_MANAGE)
    @Operation(summary = "Collect an open invoice now: credit balance first, then the provider; a payment already in flight is returned instead of a second one")
    public InvoiceAnswer pay(@Auth Caller caller, @PathParam("id") long id) {
        find(caller.orgId(), id);
        payments.collect(caller.orgId(), id, false);
        return InvoiceAnswer.of(jdbi, find(caller.orgId(), id));
    }

    private Invoice find(OrgId orgId, long id) {
        return jdbi.onDemand(InvoiceDao.class).find(orgId, id).orElseThrow(() -> ApiException.notFound("invoice"));
    }
}
