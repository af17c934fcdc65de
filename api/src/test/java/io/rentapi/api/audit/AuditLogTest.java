package io.rentapi.api.audit;

import static io.rentapi.api.support.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rentapi.api.support.ApiClient.ApiResponse;
import io.rentapi.api.support.RentalFixtures;
import io.rentapi.api.support.TestApp;
import io.rentapi.api.support.Tenants;
import io.rentapi.api.support.Tenants.Tenant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestApp.class)
class AuditLogTest {
    private static List<JsonNode> entries(Tenant admin, String query) {
        ApiResponse response = TestApp.api().get("/v1/audit_log?limit=100" + query, admin.accessToken());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return StreamSupport.stream(response.json().get("data").spliterator(), false).toList();
    }

    private static JsonNode only(Tenant admin, String action) {
        List<JsonNode> found = entries(admin, "").stream().filter(e -> e.get("action").asText().equals(action)).toList();
        assertThat(found).as(action).hasSize(1);
        return found.get(0);
    }

    @Test
    void aChangeRecordsWhoFromWhereInWhichRequestAndTheBeforeAndAfter() {
        Tenant owner = Tenants.register();
        ApiResponse renamed = TestApp.api().call("PATCH", "/v1/org").token(owner.accessToken())
                .header("User-Agent", "audit-test/1.0").header("X-Forwarded-For", "203.0.113.9")
                .json(object("name", "Renamed Rentals")).send();
        assertThat(renamed.status()).isEqualTo(200);

        JsonNode entry = only(owner, "organization.renamed");
        assertThat(entry.get("category").asText()).isEqualTo("change");
        assertThat(entry.get("actor").get("type").asText()).isEqualTo("user");
        assertThat(entry.get("actor").get("id").asLong()).isEqualTo(owner.userId());
        assertThat(entry.get("target").get("id").asText()).isEqualTo(Long.toString(owner.orgId().value()));
        assertThat(entry.get("ip").asText()).isEqualTo("203.0.113.9");
        assertThat(entry.get("user_agent").asText()).isEqualTo("audit-test/1.0");
        assertThat(entry.get("request_id").asText()).isEqualTo(renamed.header("Request-Id"));
        assertThat(entry.get("before").get("name").asText()).startsWith("org-");
        assertThat(entry.get("after").get("name").asText()).isEqualTo("Renamed Rentals");
    }

    @Test
    void roleChangesAndRemovalsKeepTheirBeforeAndAfter() {
        Tenant owner = Tenants.register();
        Tenant member = Tenants.addMember(owner, "developer");
        TestApp.api().patch("/v1/org/members/" + member.userId(), owner.accessToken(), object("role", "viewer"));
        JsonNode changed = only(owner, "member.role_changed");
        assertThat(changed.get("before").get("role").asText()).isEqualTo("developer");
        assertThat(changed.get("after").get("role").asText()).isEqualTo("viewer");
        assertThat(changed.get("target").get("id").asText()).isEqualTo(Long.toString(member.userId()));

        TestApp.api().delete("/v1/org/members/" + member.userId(), owner.accessToken());
        assertThat(only(owner, "member.removed").get("before").get("email").asText()).isEqualTo(member.email());
    }

    @Test
    void everyOtherStateChangingCallIsRecordedByTheFilterButReadsAreNot() {
        Tenant owner = Tenants.register();
        int before = entries(owner, "").size();
        TestApp.api().get("/v1/org", owner.accessToken());
        TestApp.api().get("/v1/org/members", owner.accessToken());
        assertThat(entries(owner, "")).hasSize(before);

        ApiResponse created = TestApp.api().post("/v1/orgs", owner.accessToken(), object("name", "Second Org"));
        assertThat(created.status()).isEqualTo(201);
        JsonNode entry = only(owner, "POST /v1/orgs");
        assertThat(entry.get("status").asInt()).isEqualTo(201);
        assertThat(entry.get("target").get("id").asText()).isEqualTo(created.json().get("id").asText());
        assertThat(entry.get("request_id").asText()).isEqualTo(created.header("Request-Id"));
    }

    @Test
    void rentalChangesAreRecordedInTheirOwnTransactionOnceAndRefusedOnesNot() {
        Tenant owner = Tenants.register();
        Tenants.Key key = Tenants.apiKey(owner, "rentals:write", "rentals:cancel");
        long customer = RentalFixtures.customer(owner);
        long item = RentalFixtures.serializedItem(owner);
        ObjectNode body = RentalFixtures.rentalBody(customer, RentalFixtures.BASE, RentalFixtures.BASE.plusSeconds(86_400), item, 1);
        ApiResponse booked = TestApp.api().call("POST", "/v1/rentals").token(key.secret()).json(body).send();
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        ApiResponse refused = TestApp.api().call("POST", "/v1/rentals").token(key.secret()).json(body).send();
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);

        JsonNode created = only(owner, "rental.created");
        assertThat(created.get("actor").get("type").asText()).isEqualTo("api_key");
        assertThat(created.get("actor").get("id").asLong()).isEqualTo(key.id());
        assertThat(created.get("target").get("id").asText()).isEqualTo(booked.json().get("id").asText());
        assertThat(created.get("request_id").asText()).isEqualTo(booked.header("Request-Id"));
        assertThat(entries(owner, "").stream().map(e -> e.get("action").asText()))
                .as("the change is recorded once, not again by the filter; the refused booking not at all")
                .doesNotContain("POST /v1/rentals", "POST /v1/rentals/{id}/cancel");

        ApiResponse canceled = TestApp.api().call("POST", "/v1/rentals/" + booked.json().get("id").asLong() + "/cancel")
                .token(key.secret()).json(object()).send();
        assertThat(canceled.status()).as(canceled.toString()).isEqualTo(200);
        assertThat(only(owner, "rental.canceled").get("target").get("id").asText()).isEqualTo(booked.json().get("id").asText());
    }

    @Test
    void securityEventsCarryASeverity() {
        Tenant owner = Tenants.register();
        Tenants.Key key = Tenants.apiKey(owner, "org:read");
        TestApp.api().delete("/v1/api_keys/" + key.id(), owner.accessToken());
        assertThat(only(owner, "api_key.created").get("severity").asText()).isEqualTo("info");
        JsonNode revoked = only(owner, "api_key.revoked");
        assertThat(revoked.get("category").asText()).isEqualTo("security");
        assertThat(revoked.get("severity").asText()).isEqualTo("warning");
        assertThat(revoked.get("after").has("secret")).isFalse();

        TestApp.api().post("/v1/auth/login", null, object("email", owner.email(), "password", "wrong guess"));
        JsonNode failed = only(owner, "login.failed");
        assertThat(failed.get("severity").asText()).isEqualTo("warning");
        assertThat(failed.get("after").get("reason").asText()).isEqualTo("password");

        String refresh = owner.refreshToken();
        TestApp.api().post("/v1/auth/refresh", null, object("refresh_token", refresh));
        TestApp.api().post("/v1/auth/refresh", null, object("refresh_token", refresh));
        assertThat(only(owner, "refresh_token.reused").get("severity").asText()).isEqualTo("critical");

        Tenant viewer = Tenants.addMember(owner, "viewer");
        assertThat(TestApp.api().patch("/v1/org", viewer.accessToken(), object("name", "Hijacked")).status()).isEqualTo(403);
        JsonNode denied = only(owner, "permission.denied: PATCH /v1/org");
        assertThat(denied.get("actor").get("id").asLong()).isEqualTo(viewer.userId());
        assertThat(denied.get("severity").asText()).isEqualTo("warning");

        List<JsonNode> critical = entries(owner, "&severity=critical");
        assertThat(critical).extracting(e -> e.get("action").asText()).containsExactly("refresh_token.reused");
        assertThat(entries(owner, "&action=api_key.*")).extracting(e -> e.get("action").asText())
                .containsExactly("api_key.revoked", "api_key.created");
        assertThat(entries(owner, "&category=security&actor_id=" + viewer.userId()))
                .extracting(e -> e.get("action").asText())
                .containsExactly("permission.denied: PATCH /v1/org", "login.succeeded");
    }

    @Test
    void accountChangesReachTheTrailOfEveryOrganizationOfThePerson() {
        Tenant first = Tenants.register();
        Tenant second = Tenants.register();
        Tenant person = Tenants.addMember(second, "admin"); // in their own organization and in the second
        String secret = TestApp.api().post("/v1/me/2fa/setup", person.accessToken(), null).json().get("secret").asText();
        String code = io.rentapi.api.security.Rfc6238Codes.now(secret);
        assertThat(TestApp.api().post("/v1/me/2fa/enable", person.accessToken(), object("code", code)).status()).isEqualTo(200);
        assertThat(TestApp.api().post("/v1/me/password", person.accessToken(), object("current_password", Tenants.PASSWORD,
                "new_password", "a changed passphrase 9")).status()).isEqualTo(200);

        JsonNode enabled = only(second, "two_factor.enabled");
        assertThat(enabled.get("category").asText()).isEqualTo("security");
        assertThat(enabled.get("actor").get("id").asLong()).isEqualTo(person.userId());
        assertThat(only(second, "password.changed").get("target").get("id").asText()).isEqualTo(Long.toString(person.userId()));
        assertThat(entries(first, "")).noneMatch(e -> e.get("action").asText().startsWith("password."));

        String invitee = "audited-" + java.util.UUID.randomUUID() + "@example.com";
        long invitation = TestApp.api().post("/v1/org/invitations", first.accessToken(), object("email", invitee, "role", "viewer"))
                .json().get("id").asLong();
        JsonNode invited = only(first, "invitation.created");
        assertThat(invited.get("target").get("id").asText()).isEqualTo(Long.toString(invitation));
        assertThat(invited.get("after").get("email").asText()).isEqualTo(invitee);
    }

    @Test
    void onlyPeopleWithTheAuditPermissionReadTheTrailAndFiltersAreChecked() {
        Tenant owner = Tenants.register();
        Tenant developer = Tenants.addMember(owner, "developer");
        ApiResponse denied = TestApp.api().get("/v1/audit_log", developer.accessToken());
        assertThat(denied.status()).isEqualTo(403);
        ApiResponse bad = TestApp.api().get("/v1/audit_log?severity=loud", owner.accessToken());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("invalid_parameter");
        assertThat(TestApp.api().get("/v1/audit_log?since=yesterday", owner.accessToken()).code()).isEqualTo("invalid_parameter");
        assertThat(TestApp.api().get("/v1/audit_log?since=2020-01-01T00:00:00Z&limit=1", owner.accessToken()).json()
                .get("has_more").asBoolean()).isTrue();
    }
}
