package io.rentapi.api.orgs;

import static io.rentapi.api.support.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.rentapi.api.support.ApiClient.ApiResponse;
import io.rentapi.api.support.TestApp;
import io.rentapi.api.support.Tenants;
import io.rentapi.api.support.Tenants.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestApp.class)
class MembersTest {
    @Test
    void anAdminChangesRolesAndTheChangeTakesEffectAtOnce() {
        Tenant owner = Tenants.register();
        Tenant admin = Tenants.addMember(owner, "admin");
        Tenant dev = Tenants.addMember(owner, "developer");

        assertThat(TestApp.api().get("/v1/org/members", dev.accessToken()).json().get("data")).hasSize(3);
        ApiResponse demoted = TestApp.api().patch("/v1/org/members/" + dev.userId(), admin.accessToken(), object("role", "viewer"));
        assertThat(demoted.status()).isEqualTo(200);
        assertThat(demoted.json().get("role").asText()).isEqualTo("viewer");
        assertThat(TestApp.api().get("/v1/me", dev.accessToken()).json().get("role").asText())
                .as("the same access token now carries the new role").isEqualTo("viewer");
    }

    @Test
    void aMemberWithoutThePermissionIsRefused() {
        Tenant owner = Tenants.register();
        Tenant viewer = Tenants.addMember(owner, "viewer");
        ApiResponse response = TestApp.api().patch("/v1/org/members/" + owner.userId(), viewer.accessToken(), object("role", "viewer"));
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.code()).isEqualTo("permission_denied");
        assertThat(TestApp.api().patch("/v1/org", viewer.accessToken(), object("name", "Mine now")).status()).isEqualTo(403);
    }

    @Test
    void onlyOwnersGrantOrTouchTheOwnerRole() {
        Tenant owner = Tenants.register();
        Tenant admin = Tenants.addMember(owner, "admin");
        Tenant dev = Tenants.addMember(owner, "developer");
        assertThat(TestApp.api().patch("/v1/org/members/" + dev.userId(), admin.accessToken(), object("role", "owner")).status())
                .isEqualTo(403);
        assertThat(TestApp.api().delete("/v1/org/members/" + owner.userId(), admin.accessToken()).status()).isEqualTo(403);
        assertThat(TestApp.api().patch("/v1/org/members/" + dev.userId(), owner.accessToken(), object("role", "owner")).status())
                .isEqualTo(200);
    }

    @Test
    void theLastOwnerCannotBeDemotedOrRemoved() {
        Tenant owner = Tenants.register();
        ApiResponse demote = TestApp.api().patch("/v1/org/members/" + owner.userId(), owner.accessToken(), object("role", "admin"));
        assertThat(demote.status()).isEqualTo(409);
        assertThat(demote.code()).isEqualTo("last_owner");
        ApiResponse remove = TestApp.api().delete("/v1/org/members/" + owner.userId(), owner.accessToken());
        assertThat(remove.status()).isEqualTo(409);
        assertThat(remove.code()).isEqualTo("last_owner");
    }

    @Test
    void twoOwnersDemotingEachOtherAtOnceLeaveOneOwner() throws Exception {
        for (int round = 0; round < 5; round++) {
            Tenant first = Tenants.register();
            Tenant second = Tenants.addMember(first, "owner");
            CyclicBarrier start = new CyclicBarrier(2);
            List<CompletableFuture<ApiResponse>> calls = new ArrayList<>();
            for (Tenant[] pair : new Tenant[][] {{first, second}, {second, first}}) {
                calls.add(CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return TestApp.api().patch("/v1/org/members/" + pair[1].userId(), pair[0].accessToken(),
                            object("role", "admin"));
                }));
            }
            List<Integer> statuses = calls.stream().map(CompletableFuture::join).map(ApiResponse::status).sorted().toList();
            assertThat(statuses).as("one demotion wins, the other is refused").containsAnyOf(200).doesNotContain(500);
            long owners = TestApp.jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM memberships WHERE org_id = :org AND role = 'owner'")
                    .bind("org", first.orgId()).mapTo(Long.class).one());
            assertThat(owners).isEqualTo(1);
        }
    }

    @Test
    void aRemovedMemberLosesAccessAtOnce() {
        Tenant owner = Tenants.register();
        Tenant dev = Tenants.addMember(owner, "developer");
        assertThat(TestApp.api().delete("/v1/org/members/" + dev.userId(), owner.accessToken()).status()).isEqualTo(204);
        ApiResponse after = TestApp.api().get("/v1/org", dev.accessToken());
        assertThat(after.status()).isEqualTo(401);
        assertThat(TestApp.api().post("/v1/auth/refresh", null, object("refresh_token", dev.refreshToken())).status())
                .isEqualTo(401);
    }

    @Test
    void membershipChangesAreRecordedInTheOutbox() {
        Tenant owner = Tenants.register();
        Tenant dev = Tenants.addMember(owner, "developer");
        TestApp.api().patch("/v1/org/members/" + dev.userId(), owner.accessToken(), object("role", "viewer"));
        TestApp.api().patch("/v1/org/members/" + owner.userId(), owner.accessToken(), object("role", "viewer")); // refused
        TestApp.api().delete("/v1/org/members/" + dev.userId(), owner.accessToken());
        List<String> types = TestApp.jdbi().withHandle(h -> h.createQuery(
                "SELECT type FROM events WHERE org_id = :org ORDER BY id").bind("org", owner.orgId()).mapTo(String.class).list());
        assertThat(types).containsExactly("organization.created", "member.updated", "member.removed");
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
