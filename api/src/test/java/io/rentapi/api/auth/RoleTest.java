package io.rentapi.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RoleTest {
    @Test
    void permissionsAreNamedResourceColonAction() {
        assertThat(Permission.values()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(Arrays.stream(Permission.values()).map(Permission::value))
                .allMatch(v -> v.matches("[a-z_]+:[a-z_]+"))
                .contains("rentals:write", "api_keys:manage", "billing:manage", "members:manage", "webhooks:manage",
                        "rentals:check_out", "audit_log:read");
    }

    @Test
    void rolesGrantWhatTheirNamesPromise() {
        assertThat(Role.OWNER.permissions()).containsExactlyInAnyOrder(Permission.values());
        assertThat(Role.ADMIN.permissions()).contains(Permission.MEMBERS_MANAGE).doesNotContain(Permission.BILLING_MANAGE);
        assertThat(Role.DEVELOPER.permissions()).contains(Permission.API_KEYS_MANAGE, Permission.RENTALS_WRITE)
                .doesNotContain(Permission.MEMBERS_MANAGE, Permission.BILLING_MANAGE, Permission.AUDIT_LOG_READ);
        assertThat(Role.BILLING.permissions()).contains(Permission.BILLING_MANAGE).doesNotContain(Permission.RENTALS_WRITE);
        assertThat(Role.VIEWER.permissions()).allMatch(Permission::isRead);
    }
}
