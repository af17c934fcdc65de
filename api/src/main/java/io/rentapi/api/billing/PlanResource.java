package io.rentapi.api.billing;

import io.rentapi.api.auth.Public;
import io.rentapi.api.http.ListView;
import io.rentapi.billing.plans.CatalogDao;
import io.rentapi.core.page.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jdbi.v3.core.Jdbi;

@Path("/v1/plans")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Billing")
public final class PlanResource {
    private final Jdbi jdbi;

    public PlanResource(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @GET
    @Public
    @Operation(summary = "The public plans catalog: prices per month and per year, quotas and trial days, cheapest first")
    public ListView<PlanView> list() {
        // the catalog is a handful of rows kept by platform admins; it is answered whole
        return ListView.of(new Page<>(jdbi.onDemand(CatalogDao.class).active(), false), PlanView::of);
    }
}
