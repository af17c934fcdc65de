package io.rentapi.api.billing;

import io.rentapi.api.http.ListParams;
import io.rentapi.api.http.ListView;
import io.rentapi.billing.invoices.InvoiceDao;
import io.rentapi.billing.jobs.ReconciliationIssue;
import io.rentapi.billing.jobs.ReconciliationIssueDao;
import io.rentapi.billing.payments.PaymentService;
import io.rentapi.billing.plans.CatalogDao;
import io.rentapi.billing.plans.CatalogPlan;
import io.rentapi.core.db.SqlErrors;
import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import io.rentapi.core.page.PageRequest;
import io.rentapi.core.tenancy.OrgId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;

/** The platform operators' billing routes: the plans catalog, manual payments, reconciliation issues. */
@Path("/v1/admin")
@PlatformAdmin
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Platform administration")
public final class AdminBillingResource {
    private final org.jdbi.v3.core.Jdbi jdbi;
    private final PaymentService payments;
    private final Clock clock;

    public AdminBillingResource(org.jdbi.v3.core.Jdbi jdbi, PaymentService payments, Clock clock) {
        this.jdbi = jdbi;
        this.payments = payments;
        this.clock = clock;
    }

    @GET
    @Path("/plans")
    @Operation(summary = "Every plan, retired ones too (platform admins only)")
    public ListView<PlanView> plans() {
        return ListView.of(new io.rentapi.core.page.Page<>(jdbi.onDemand(CatalogDao.class).all(), false), PlanView::of);
    }

    @POST
    @Path("/plans")
    @Operation(summary = "Add a plan to the catalog (platform admins only)")
    public Response createPlan(@NotNull @Valid BillingRequests.CreatePlan request) {
        var q = request.quotas();
        if (q.requestsPerDay() < q.requestsPerHour()) {
            throw ApiException.invalid("quotas.requests_per_day", "must be at least requests_per_hour");
        }
        CatalogDao plans = jdbi.onDemand(CatalogDao.class);
        long id;
        try {
            id = plans.insert(request.code(), request.name().strip(),
                    request.description() == null ? "" : request.description(), request.priceMonth(),
                    request.priceYear(), request.currency() == null ? "USD" : request.currency(),
                    request.trialDays() == null ? 0 : request.trialDays(), q.requestsPerHour(), q.requestsPerDay(),
                    q.burstPerSecond(), true, clock.instant());
        } catch (RuntimeException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new ApiException(ErrorCode.PLAN_CODE_TAKEN, "A plan with code " + request.code() + " exists.");
            }
            throw e;
        }
        return Response.status(Response.Status.CREATED).entity(PlanView.of(plans.find(id).orElseThrow())).build();
    }

    @PATCH
    @Path("/plans/{id}")
    @Operation(summary = "Change a plan: quotas apply at once, prices to periods that start later; active=false retires it from the catalog (platform admins only)")
    public PlanView updatePlan(@PathParam("id") long id, @NotNull @Valid BillingRequests.UpdatePlan request) {
        CatalogDao plans = jdbi.onDemand(CatalogDao.class);
        CatalogPlan p = plans.find(id).orElseThrow(() -> ApiException.notFound("plan"));
        var q = request.quotas();
        long perHour = q == null ? p.requestsPerHour() : q.requestsPerHour();
        long perDay = q == null ? p.requestsPerDay() : q.requestsPerDay();
        if (perDay < perHour) {
            throw ApiException.invalid("quotas.requests_per_day", "must be at least requests_per_hour");
        }
        if (io.rentapi.billing.plans.Plan.FREE.equals(p.code()) && Boolean.FALSE.equals(request.active())) {
            throw ApiException.invalid("active", "cannot retire the free plan every organization falls back to");
        }
        Instant now = clock.instant();
        plans.update(id, request.name() == null ? p.name() : request.name().strip(),
                request.description() == null ? p.description() : request.description(),
                request.priceMonth() == null ? p.priceMonth() : request.priceMonth(),
                request.priceYear() == null ? p.priceYear() : request.priceYear(),
                request.trialDays() == null ? p.trialDays() : request.trialDays(), perHour, perDay,
                q == null ? p.burstPerSecond() : q.burstPerSecond(),
                request.active() == null ? p.active() : request.active(), now);
        return PlanView.of(plans.find(id).orElseThrow());
    }

    @POST
    @Path("/invoices/{id}/mark_paid")
    @Operation(summary = "Record an invoice paid out of band, e.g. by bank transfer (platform admins only)")
    public InvoiceAnswer markPaid(@PathParam("id") long id) {
        OrgId orgId = jdbi.onDemand(InvoiceDao.class).orgOf(id).orElseThrow(() -> ApiException.notFound("invoice"));
        payments.markPaidManually(orgId, id);
        return InvoiceAnswer.of(jdbi, jdbi.onDemand(InvoiceDao.class).find(orgId, id).orElseThrow());
    }

    @GET
    @Path("/reconciliation_issues")
    @Operation(summary = "Disagreements between the providers' records and ours found by the nightly comparison, newest first (platform admins only)")
    public ListView<ReconciliationIssue> issues(@BeanParam ListParams list) {
        PageRequest page = list.toPageRequest();
        return ListView.of(page.toPage(jdbi.onDemand(ReconciliationIssueDao.class).page(page.idAbove(), page.idBelow(),
                page.order(), page.fetch())), i -> i);
    }
}
