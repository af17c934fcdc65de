package io.rentapi.api.invitations;

import io.rentapi.api.audit.AuditTrail;
import io.rentapi.api.auth.AuthService;
import io.rentapi.api.auth.Caller;
import io.rentapi.api.auth.Passwords;
import io.rentapi.api.auth.Role;
import io.rentapi.api.auth.TokenResponse;
import io.rentapi.api.orgs.MemberView;
import io.rentapi.api.orgs.MembershipDao;
import io.rentapi.api.orgs.Organization;
import io.rentapi.api.orgs.OrganizationDao;
import io.rentapi.api.security.AccountDao;
import io.rentapi.api.security.AccountSecurity;
import io.rentapi.api.security.AccountTokens;
import io.rentapi.api.users.User;
import io.rentapi.api.users.UserDao;
import io.rentapi.core.db.SqlErrors;
import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import io.rentapi.core.mail.Mail;
import io.rentapi.core.mail.MailOutbox;
import io.rentapi.core.outbox.Outbox;
import io.rentapi.core.page.Page;
import io.rentapi.core.page.PageRequest;
import io.rentapi.core.tenancy.OrgId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Inviting people into an organization by e-mail. The link carries {@code inv_<org id>_<secret>};
 * only the secret's hash is stored. Accepting adds the existing account (proved by its password)
 * or creates one, whose address the link itself verifies.
 */
public final class InvitationService {
    private final Jdbi jdbi;
    private final Passwords passwords;
    private final AuthService auth;
    private final AccountSecurity security;
    private final MailOutbox mail;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration ttl;

    public InvitationService(Jdbi jdbi, Passwords passwords, AuthService auth, AccountSecurity security, MailOutbox mail,
                             Outbox outbox, Clock clock, Duration ttl) {
        this.jdbi = jdbi;
        this.passwords = passwords;
        this.auth = auth;
        this.security = security;
        this.mail = mail;
        this.outbox = outbox;
        this.clock = clock;
        this.ttl = ttl;
    }

    public Invitation invite(Caller caller, InvitationRequests.Create request) {
        String email = AuthService.normalizeEmail(request.email());
        return jdbi.inTransaction(h -> {
            Organization org = h.attach(OrganizationDao.class).find(caller.orgId())
                    .orElseThrow(() -> ApiException.notFound("organization"));
            h.attach(OrganizationDao.class).lock(caller.orgId());
            // for a key, userId is its creator: the key acts with no more than the creator's current role
            if (request.role() == Role.OWNER
                    && h.attach(MembershipDao.class).roleOf(caller.orgId(), caller.userId()).orElse(null) != Role.OWNER) {
                throw new ApiException(ErrorCode.PERMISSION_DENIED, "Only an owner can invite an owner.");
            }
            Optional<User> existing = h.attach(UserDao.class).findByEmail(email);
            if (existing.isPresent() && h.attach(MembershipDao.class).roleOf(caller.orgId(), existing.get().id()).isPresent()) {
                throw new ApiException(ErrorCode.ALREADY_MEMBER, "This person is already a member.");
            }
            InvitationDao invitations = h.attach(InvitationDao.class);
            Instant now = clock.instant();
            invitations.revokePendingFor(caller.orgId(), email, now);
            String token = "inv_" + caller.orgId().value() + "_" + AccountTokens.generate();
            long id = invitations.insert(caller.orgId(), email, request.role().value(), AccountTokens.hash(token),
                    caller.userId(), now, now.plus(ttl));
            String inviter = h.attach(UserDao.class).find(caller.userId()).map(User::name).orElse("A colleague");
            mail.enqueue(h, new Mail(caller.orgId(), email, "invitation", Map.of(
                    "organization", org.name(), "inviter", inviter, "role", request.role().value(),
                    "link", security.link("accept-invitation", token), "expires_in", ttl.toDays() + " days",
                    "existing_account", existing.isPresent() ? "yes" : "no")));
            Invitation invitation = invitations.find(caller.orgId(), id).orElseThrow();
            AuditTrail.change(caller.orgId(), "invitation.created").target("invitation", id)
                    .after(Map.of("email", email, "role", request.role().value())).write(h, clock);
            return invitation;
        });
    }

    public Page<Invitation> list(OrgId orgId, PageRequest page) {
        return page.toPage(jdbi.onDemand(InvitationDao.class)
                .page(orgId, page.idAbove(), page.idBelow(), page.order(), page.fetch()));
    }

    public Invitation get(OrgId orgId, long id) {
        return jdbi.onDemand(InvitationDao.class).find(orgId, id).orElseThrow(() -> ApiException.notFound("invitation"));
    }

    public Invitation revoke(OrgId orgId, long id) {
        return jdbi.inTransaction(h -> {
            InvitationDao invitations = h.attach(InvitationDao.class);
            Invitation invitation = invitations.lock(orgId, id).orElseThrow(() -> ApiException.notFound("invitation"));
            if (invitation.acceptedAt() != null) {
                throw new ApiException(ErrorCode.INVITATION_INACTIVE, "This invitation was accepted; remove the member instead.");
            }
            if (invitation.revokedAt() == null) {
                invitations.revoke(orgId, id, clock.instant());
                AuditTrail.change(orgId, "invitation.revoked").target("invitation", id)
                        .before(Map.of("status", invitation.status(clock.instant()))).after(Map.of("status", "revoked"))
                        .write(h, clock);
            }
            return invitations.find(orgId, id).orElseThrow();
        });
    }

    public TokenResponse accept(InvitationRequests.Accept request) {
        Parsed parsed = parse(request.token()).orElseThrow(InvitationService::invalid);
        Invitation pending = jdbi.withHandle(h -> h.attach(InvitationDao.class).lockByToken(parsed.orgId, parsed.hash))
                .orElseThrow(InvitationService::invalid);
        requirePending(pending);
        Optional<User> existing = jdbi.onDemand(UserDao.class).findByEmail(pending.email());
        String newHash = null;
        if (existing.isPresent()) {
            if (!passwords.matches(request.password(), existing.get().passwordHash())) {
                throw new ApiException(ErrorCode.INVALID_CREDENTIALS,
                        "An account with this address exists: send its password to accept.");
            }
        } else {
            if (request.name() == null || request.name().isBlank()) {
                throw ApiException.invalid("name", "is required to create your account");
            }
            Passwords.checkPolicy(request.password(), pending.email());
            newHash = passwords.hash(request.password());
        }
        String passwordHash = newHash;
        try {
            return jdbi.inTransaction(h -> {
                Invitation invitation = h.attach(InvitationDao.class).lockByToken(parsed.orgId, parsed.hash)
                        .orElseThrow(InvitationService::invalid);
                requirePending(invitation);
                Instant now = clock.instant();
                long userId;
                if (existing.isPresent()) {
                    userId = existing.get().id();
                    if (h.attach(MembershipDao.class).roleOf(invitation.orgId(), userId).isPresent()) {
                        throw new ApiException(ErrorCode.ALREADY_MEMBER, "You are already a member.");
                    }
                } else {
                    userId = h.attach(UserDao.class).insert(invitation.email(), request.name().strip(), passwordHash, now);
                    // the link reached this mailbox: the address is verified
                    h.attach(AccountDao.class).markEmailVerified(userId, now);
                }
                h.attach(OrganizationDao.class).lock(invitation.orgId());
                h.attach(MembershipDao.class).insert(invitation.orgId(), userId, invitation.role().value(), now);
                h.attach(InvitationDao.class).accept(invitation.orgId(), invitation.id(), userId, now);
                AuditTrail.change(invitation.orgId(), "invitation.accepted").actor(userId).target("invitation", invitation.id())
                        .after(Map.of("user_id", userId, "role", invitation.role().value(),
                                "new_account", existing.isEmpty()))
                        .write(h, clock);
                outbox.append(h, invitation.orgId(), "member.added",
                        MemberView.of(h.attach(MembershipDao.class).find(invitation.orgId(), userId).orElseThrow()));
                return auth.startSession(h, userId, invitation.orgId());
            });
        } catch (UnableToExecuteStatementException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new ApiException(ErrorCode.EMAIL_TAKEN, "An account with this address was created meanwhile; accept again.");
            }
            throw e;
        }
    }

    private void requirePending(Invitation invitation) {
        if (!"pending".equals(invitation.status(clock.instant()))) {
            throw new ApiException(ErrorCode.INVITATION_INACTIVE,
                    "This invitation is " + invitation.status(clock.instant()) + "; ask for a new one.");
        }
    }

    private record Parsed(OrgId orgId, String hash) {
    }

    private static Optional<Parsed> parse(String token) {
        String[] parts = token.split("_", 3);
        if (parts.length != 3 || !parts[0].equals("inv") || parts[2].length() != 43) {
            return Optional.empty();
        }
        try {
            long org = Long.parseLong(parts[1]);
            return org > 0 ? Optional.of(new Parsed(new OrgId(org), AccountTokens.hash(token))) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static ApiException invalid() {
        return new ApiException(ErrorCode.INVALID_ACCOUNT_TOKEN, "This invitation link is not valid.");
    }
}
