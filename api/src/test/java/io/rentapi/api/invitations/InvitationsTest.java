package io.rentapi.api.invitations;

import static io.rentapi.api.support.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rentapi.api.support.ApiClient.ApiResponse;
import io.rentapi.api.support.Mailbox;
import io.rentapi.api.support.TestApp;
import io.rentapi.api.support.Tenants;
import io.rentapi.api.support.Tenants.Tenant;
import jakarta.mail.internet.MimeMessage;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(TestApp.class)
class InvitationsTest {
    @RegisterExtension
    static final Mailbox MAILBOX = new Mailbox();

    private static String newAddress() {
        return "invitee-" + UUID.randomUUID() + "@example.com";
    }

    private static ApiResponse invite(Tenant by, String email, String role) {
        return TestApp.api().post("/v1/org/invitations", by.accessToken(), object("email", email, "role", role));
    }

    private static ApiResponse accept(Object body) {
        return TestApp.api().post("/v1/invitations/accept", null, body);
    }

    @Test
    void aNewPersonAcceptsWithNameAndPasswordAndArrivesVerifiedWithTheRole() {
        Tenant owner = Tenants.register("Rentals <&> Co");
        String email = newAddress();
        ApiResponse invited = invite(owner, email, "developer");
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        assertThat(invited.json().get("status").asText()).isEqualTo("pending");
        assertThat(invited.json().has("token")).as("the token travels only by mail").isFalse();

        MimeMessage mail = MAILBOX.only(email, "invites you to");
        assertThat(Mailbox.subject(mail)).isEqualTo("Test User invites you to Rentals <&> Co on rentapi");
        assertThat(Mailbox.part(mail, "text/plain")).contains("join Rentals <&> Co on rentapi as developer");
        assertThat(Mailbox.part(mail, "text/html")).contains("<strong>Rentals &lt;&amp;&gt; Co</strong>")
                .doesNotContain("Rentals <&> Co");
        String token = Mailbox.linkToken(mail);

        assertThat(accept(object("token", token, "password", "a fine new passphrase")).status())
                .as("a new account needs a name").isEqualTo(422);
        ApiResponse accepted = accept(object("token", token, "password", "a fine new passphrase", "name", "Nina New"));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        assertThat(accepted.json().get("organization_id").asLong()).isEqualTo(owner.orgId().value());
        JsonNode me = TestApp.api().get("/v1/me", accepted.json().get("access_token").asText()).json();
        assertThat(me.get("email").asText()).isEqualTo(email);
        assertThat(me.get("role").asText()).isEqualTo("developer");
        Object verified = TestApp.jdbi().withHandle(h -> h.createQuery("SELECT email_verified_at FROM users WHERE email = :e")
                .bind("e", email).mapTo(java.time.OffsetDateTime.class).one());
        assertThat(verified).as("the link proved the mailbox").isNotNull();

        ApiResponse again = accept(object("token", token, "password", "a fine new passphrase", "name", "Nina New"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("invitation_inactive");
        JsonNode listed = TestApp.api().get("/v1/org/invitations", owner.accessToken()).json().get("data").get(0);
        assertThat(listed.get("status").asText()).isEqualTo("accepted");
    }

    @Test
    void anInvitationAcceptedTwiceAtOnceMakesOneMember() throws Exception {
        Tenant owner = Tenants.register();
        String email = newAddress();
        invite(owner, email, "viewer");
        String token = Mailbox.linkToken(MAILBOX.only(email, "invites you to"));
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        java.util.List<java.util.concurrent.Future<ApiResponse>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(pool.submit(() -> {
                go.await();
                return accept(object("token", token, "password", "a fine new passphrase", "name", "Racer"));
            }));
        }
        go.countDown();
        java.util.List<Integer> statuses = new java.util.ArrayList<>();
        for (var answer : answers) {
            statuses.add(answer.get().status());
        }
        pool.shutdown();
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s != 201).allMatch(s -> s == 409);
        long accounts = TestApp.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM users WHERE email = :e")
                .bind("e", email).mapTo(Long.class).one());
        assertThat(accounts).isEqualTo(1);
    }

    @Test
    void anExistingAccountAcceptsWithItsPassword() {
        Tenant owner = Tenants.register();
        Tenant other = Tenants.register();
        assertThat(invite(owner, other.email().toUpperCase(), "viewer").status()).isEqualTo(201);
        String token = Mailbox.linkToken(MAILBOX.only(other.email(), "invites you to"));

        ApiResponse wrong = accept(object("token", token, "password", "not their password"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.code()).isEqualTo("invalid_credentials");
        ApiResponse accepted = accept(object("token", token, "password", Tenants.PASSWORD));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        assertThat(accepted.json().get("user_id").asLong()).isEqualTo(other.userId());
        ApiResponse member = TestApp.api().get("/v1/org/members/" + other.userId(), owner.accessToken());
        assertThat(member.json().get("role").asText()).isEqualTo("viewer");
        assertThat(invite(owner, other.email(), "admin").code()).isEqualTo("already_member");
    }

    @Test
    void revokedAndExpiredInvitationsCannotBeAccepted() {
        Tenant owner = Tenants.register();
        String revokedAddress = newAddress();
        long id = invite(owner, revokedAddress, "viewer").json().get("id").asLong();
        String revokedToken = Mailbox.linkToken(MAILBOX.only(revokedAddress, "invites you to"));
        ApiResponse revoked = TestApp.api().delete("/v1/org/invitations/" + id, owner.accessToken());
        assertThat(revoked.json().get("status").asText()).isEqualTo("revoked");
        assertThat(accept(object("token", revokedToken, "password", "a fine new passphrase", "name", "X")).code())
                .isEqualTo("invitation_inactive");

        String lateAddress = newAddress();
        long late = invite(owner, lateAddress, "viewer").json().get("id").asLong();
        assertThat(TestApp.api().get("/v1/org/invitations/" + late, owner.accessToken()).json().get("expires_at").asText())
                .as("seven days").isNotBlank();
        String lateToken = Mailbox.linkToken(MAILBOX.only(lateAddress, "invites you to"));
        TestApp.jdbi().useHandle(h -> h.createUpdate(
                "UPDATE invitations SET expires_at = created_at - interval '1 second' WHERE org_id = :o AND id = :i")
                .bind("o", owner.orgId().value()).bind("i", late).execute());
        assertThat(TestApp.api().get("/v1/org/invitations/" + late, owner.accessToken()).json().get("status").asText())
                .isEqualTo("expired");
        assertThat(accept(object("token", lateToken, "password", "a fine new passphrase", "name", "X")).code())
                .isEqualTo("invitation_inactive");
        assertThat(accept(object("token", "inv_1_" + "A".repeat(43), "password", "whatever passphrase")).code())
                .isEqualTo("invalid_account_token");
    }

    @Test
    void invitationsExpireAfterSevenDaysAndOnlyOwnersInviteOwners() {
        Tenant owner = Tenants.register();
        JsonNode created = invite(owner, newAddress(), "owner").json();
        assertThat(java.time.Duration.between(java.time.Instant.parse(created.get("created_at").asText()),
                java.time.Instant.parse(created.get("expires_at").asText()))).isEqualTo(java.time.Duration.ofDays(7));
        Tenant admin = Tenants.addMember(owner, "admin");
        assertThat(invite(admin, newAddress(), "owner").code()).isEqualTo("permission_denied");
        assertThat(invite(admin, newAddress(), "admin").status()).isEqualTo(201);
        Tenant developer = Tenants.addMember(owner, "developer");
        assertThat(invite(developer, newAddress(), "viewer").status()).isEqualTo(403);
    }

    @Test
    void aKeyCreatedByAnAdminCannotInviteAnOwner() {
        Tenant owner = Tenants.register();
        Tenant admin = Tenants.addMember(owner, "admin");
        Tenants.Key adminKey = Tenants.apiKey(admin, "invitations:manage");
        ApiResponse asOwner = TestApp.api().post("/v1/org/invitations", adminKey.secret(),
                object("email", newAddress(), "role", "owner"));
        assertThat(asOwner.status()).isEqualTo(403);
        assertThat(asOwner.code()).isEqualTo("permission_denied");
        assertThat(TestApp.api().post("/v1/org/invitations", adminKey.secret(),
                object("email", newAddress(), "role", "admin")).status()).isEqualTo(201);

        Tenants.Key ownerKey = Tenants.apiKey(owner, "invitations:manage");
        assertThat(TestApp.api().post("/v1/org/invitations", ownerKey.secret(),
                object("email", newAddress(), "role", "owner")).status()).as("an owner's key may").isEqualTo(201);
    }
}
