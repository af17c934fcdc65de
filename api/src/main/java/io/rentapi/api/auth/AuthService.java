package io.rentapi.api.auth;

import io.rentapi.api.audit.AuditTrail;
import io.rentapi.api.orgs.MembershipDao;
import io.rentapi.api.orgs.OrganizationDao;
import io.rentapi.api.orgs.OrganizationView;
import io.rentapi.api.security.AccountDao;
import io.rentapi.api.security.AccountSecurity;
import io.rentapi.api.users.User;
import io.rentapi.api.users.UserDao;
import io.rentapi.core.db.SqlErrors;
import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import io.rentapi.core.outbox.Outbox;
import io.rentapi.core.tenancy.OrgId;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Sign-up, log-in, token refresh with reuse detection, log-out, and switching organization. */
public final class AuthService {
    private final Jdbi jdbi;
    private final Passwords passwords;
    private final AccessTokens accessTokens;
    private final Duration refreshTtl;
    private final Outbox outbox;
    private final Clock clock;
    private final AccountSecurity security;

    public AuthService(Jdbi jdbi, Passwords passwords, AccessTokens accessTokens, Duration refreshTtl, Outbox outbox,
                       Clock clock, AccountSecurity security) {
        this.security = security;
        this.jdbi = jdbi;
        this.passwords = passwords;
        this.accessTokens = accessTokens;
        this.refreshTtl = refreshTtl;
        this.outbox = outbox;
        this.clock = clock;
    }

    public static String normalizeEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    public TokenResponse register(AuthRequests.Register request) {
        return register(request, false);
    }

    /**
     * @param emailVerified true when the address is known to be the person's (the dev demo owner);
     *                      otherwise a verification link is mailed
     */
    public TokenResponse register(AuthRequests.Register request, boolean emailVerified) {
        String email = normalizeEmail(request.email());
        Passwords.checkPolicy(request.password(), email);
        String hash = passwords.hash(request.password()); // slow on purpose: outside the transaction
        try {
            return jdbi.inTransaction(h -> {
                Instant now = clock.instant();
                long userId = h.attach(UserDao.class).insert(email, request.name().strip(), hash, now);
                OrgId orgId = new OrgId(h.attach(OrganizationDao.class).insert(request.organizationName().strip(), now));
                h.attach(MembershipDao.class).insert(orgId, userId, Role.OWNER.value(), now);
                outbox.append(h, orgId, "organization.created",
                        OrganizationView.of(h.attach(OrganizationDao.class).find(orgId).orElseThrow()));
                AuditTrail.change(orgId, "organization.created").actor(userId)
                        .target("organization", orgId.value()).after(Map.of("owner", email)).write(h, clock);
                if (emailVerified) {
                    h.attach(AccountDao.class).markEmailVerified(userId, now);
                } else {
                    security.sendVerification(h, userId, request.name().strip(), email);
                }
                return issue(h, userId, orgId, RefreshTokens.newFamily());
            });
        } catch (UnableToExecuteStatementException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new ApiException(ErrorCode.EMAIL_TAKEN, "An account with this e-mail already exists; log in instead.");
            }
            throw e;
        }
    }

    /**
     * Password, then the second factor when the person uses one. Failures count towards the
     * lockout of the account and of the address they come from.
     */
    public TokenResponse login(AuthRequests.Login request, InetAddress ip) {
        String email = normalizeEmail(request.email());
        security.beforeAttempt(email, ip);
        Optional<User> user = jdbi.onDemand(UserDao.class).findByEmail(email);
        if (user.isEmpty()) {
            passwords.burnTime(request.password());
            security.failed(email, ip, null, "unknown_account");
            throw invalidCredentials();
        }
        long userId = user.get().id();
        if (!passwords.matches(request.password(), user.get().passwordHash())) {
            security.failed(email, ip, userId, "password");
            throw invalidCredentials();
        }
        security.secondFactor(userId, email, ip, request.totpCode());
        return jdbi.inTransaction(h -> {
            MembershipDao memberships = h.attach(MembershipDao.class);
            OrgId orgId;
            if (request.organizationId() != null) {
                orgId = new OrgId(request.organizationId());
                memberships.roleOf(orgId, userId).orElseThrow(() -> ApiException.notFound("organization"));
            } else {
                orgId = memberships.firstOrganizationOf(userId).map(OrgId::new)
                        .orElseThrow(() -> new ApiException(ErrorCode.PERMISSION_DENIED,
                                "This account belongs to no organization."));
            }
            security.succeeded(h, email, userId, orgId);
            return issue(h, userId, orgId, RefreshTokens.newFamily());
        });
    }

    public TokenResponse refresh(String token) {
        RefreshTokens.Parsed parsed = RefreshTokens.parse(token).orElseThrow(AuthService::invalidRefreshToken);
        // A reuse must revoke the family *and* be refused, so the transaction commits the revocation
        // and reports it instead of throwing inside (which would roll it back).
        Optional<TokenResponse> issued = jdbi.inTransaction(h -> {
            RefreshTokenDao tokens = h.attach(RefreshTokenDao.class);
            RefreshToken current = tokens.findForUpdate(parsed.orgId(), parsed.hash()).orElse(null);
            Instant now = clock.instant();
            if (current == null || current.revokedAt() != null || !current.expiresAt().isAfter(now)) {
                throw invalidRefreshToken();
            }
            if (current.usedAt() != null) {
                tokens.revokeFamily(parsed.orgId(), current.familyId(), now);
                security.refreshTokenReused(h, parsed.orgId(), current.userId(), current.familyId());
                return Optional.empty();
            }
            if (h.attach(MembershipDao.class).roleOf(parsed.orgId(), current.userId()).isEmpty()) {
                throw invalidRefreshToken();
            }
            tokens.markUsed(parsed.orgId(), current.id(), now);
            return Optional.of(issue(h, current.userId(), parsed.orgId(), current.familyId()));
        });
        return issued.orElseThrow(() -> new ApiException(ErrorCode.REFRESH_TOKEN_REUSED,
                "This refresh token was already used; the session is revoked. Log in again."));
    }

    /** Revokes the session the refresh token belongs to. Unknown tokens are ignored: nothing to reveal. */
    public void logout(String token) {
        RefreshTokens.parse(token).ifPresent(parsed -> jdbi.useTransaction(h -> {
            RefreshTokenDao tokens = h.attach(RefreshTokenDao.class);
            tokens.findForUpdate(parsed.orgId(), parsed.hash())
                    .ifPresent(t -> tokens.revokeFamily(parsed.orgId(), t.familyId(), clock.instant()));
        }));
    }

    public TokenResponse switchTo(Caller caller, OrgId target) {
        return jdbi.inTransaction(h -> {
            h.attach(MembershipDao.class).roleOf(target, caller.userId())
                    .orElseThrow(() -> ApiException.notFound("organization"));
            return issue(h, caller.userId(), target, RefreshTokens.newFamily());
        });
    }

    /** A new session (token pair) for the person in the organization, inside the caller's transaction. */
    public TokenResponse startSession(Handle h, long userId, OrgId orgId) {
        return issue(h, userId, orgId, RefreshTokens.newFamily());
    }

    private TokenResponse issue(Handle h, long userId, OrgId orgId, long family) {
        Instant now = clock.instant();
        String refresh = RefreshTokens.generate(orgId);
        h.attach(RefreshTokenDao.class).insert(orgId, userId, family, RefreshTokens.sha256(refresh), now, now.plus(refreshTtl));
        return new TokenResponse(accessTokens.issue(userId, orgId), "Bearer", accessTokens.ttl().toSeconds(), refresh,
                orgId.value(), userId);
    }

    private static ApiException invalidCredentials() {
        return new ApiException(ErrorCode.INVALID_CREDENTIALS, "The e-mail or password is wrong.");
    }

    private static ApiException invalidRefreshToken() {
        return new ApiException(ErrorCode.INVALID_REFRESH_TOKEN, "The refresh token is not valid; log in again.");
    }
}
