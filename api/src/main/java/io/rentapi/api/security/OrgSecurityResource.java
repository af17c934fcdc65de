package io.rentapi.api.security;

import io.dropwizard.auth.Auth;
import io.rentapi.api.audit.AuditTrail;
import io.rentapi.api.audit.Severity;
import io.rentapi.api.auth.Caller;
import io.rentapi.api.auth.Permission;
import io.rentapi.api.auth.RequiresPermission;
import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** The organization's security settings: whether its people must use two-factor authentication. */
@Path("/v1/org/security")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Organizations")
public final class OrgSecurityResource {
    private final Jdbi jdbi;
    private final TwoFactorEnforcement enforcement;
    private final Clock clock;

    public OrgSecurityResource(Jdbi jdbi, TwoFactorEnforcement enforcement, Clock clock) {
        this.jdbi = jdbi;
        this.enforcement = enforcement;
        this.clock = clock;
    }

    public record OrgSecurityView(String object, boolean requireTwoFactor) {
    }

    @GET
    @RequiresPermission(Permission.ORG_READ)
    @Operation(summary = "The organization's security settings")
    public OrgSecurityView get(@Auth Caller caller) {
        return new OrgSecurityView("organization_security", jdbi.onDemand(OrgSecurityDao.class).requiresTwoFactor(caller.orgId()));
    }

    @PATCH
    @RequiresPermission(Permission.SECURITY_MANAGE)
    @Operation(summary = "Require two-factor authentication of every member: those without it can then only set it up. "
            + "Whoever turns this on must use 2FA already")
    public OrgSecurityView update(@Auth Caller caller, @NotNull @Valid SecurityRequests.OrgSecurity request) {
        boolean require = request.requireTwoFactor();
        if (require && (caller.isApiKey() || !jdbi.onDemand(TwoFactorDao.class).isEnabled(caller.userId()).orElse(false))) {
            throw new ApiException(ErrorCode.TWO_FACTOR_ENROLLMENT_REQUIRED,
                    "Turn on two-factor authentication for yourself before requiring it of everyone.");
        }
        boolean before = jdbi.inTransaction(h -> {
            OrgSecurityDao dao = h.attach(OrgSecurityDao.class);
            boolean was = dao.lockRequiresTwoFactor(caller.orgId()).orElseThrow(() -> ApiException.notFound("organization"));
            dao.setRequireTwoFactor(caller.orgId(), require, clock.instant());
            AuditTrail.security(caller.orgId(), "organization.two_factor_requirement_changed",
                            require ? Severity.INFO : Severity.WARNING)
                    .target("organization", caller.orgId().value())
                    .before(Map.of("require_two_factor", was)).after(Map.of("require_two_factor", require))
                    .write(h, clock);
            return was;
        });
        enforcement.organizationChanged(caller.orgId());
        return new OrgSecurityView("organization_security", require);
    }
}
