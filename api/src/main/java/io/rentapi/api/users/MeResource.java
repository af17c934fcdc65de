package io.rentapi.api.users;

import io.dropwizard.auth.Auth;
import io.rentapi.api.auth.Caller;
import io.rentapi.api.auth.PeopleOnly;
import io.rentapi.api.auth.Permission;
import io.rentapi.api.auth.Role;
import io.rentapi.api.security.AccountDao;
import io.rentapi.api.security.TwoFactorDao;
import io.rentapi.core.error.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

@Path("/v1/me")
@PeopleOnly
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Account")
public final class MeResource {
    private final Jdbi jdbi;

    public MeResource(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public record MeView(long id, String object, String email, String name, long organizationId, Role role,
                         List<String> permissions, boolean emailVerified, boolean twoFactorEnabled, Instant createdAt) {
    }

    @GET
    @Operation(summary = "The calling user, the organization they act for, their role and permissions")
    public MeView me(@Auth Caller caller) {
        User user = jdbi.onDemand(UserDao.class).find(caller.userId()).orElseThrow(() -> ApiException.notFound("user"));
        boolean verified = jdbi.onDemand(AccountDao.class).emailVerifiedAt(user.id()).isPresent();
        boolean twoFactor = jdbi.onDemand(TwoFactorDao.class).isEnabled(user.id()).orElse(false);
        return new MeView(user.id(), "user", user.email(), user.name(), caller.orgId().value(), caller.role(),
                caller.permissions().stream().map(Permission::value).sorted().toList(), verified, twoFactor,
                user.createdAt());
    }
}
