package io.rentapi.api.security;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The security side of accounts, which are global (a person may belong to several organizations). */
@RegisterConstructorMapper(AccountToken.class)
public interface AccountDao {
    @SqlQuery("SELECT email_verified_at FROM users WHERE id = :userId")
    Optional<Instant> emailVerifiedAt(long userId);

    @SqlUpdate("UPDATE users SET email_verified_at = :now, updated_at = :now WHERE id = :userId")
    int markEmailVerified(long userId, Instant now);

    @SqlUpdate("UPDATE users SET email = :email, email_verified_at = :now, updated_at = :now WHERE id = :userId")
    int changeEmail(long userId, String email, Instant now);

    @SqlUpdate("UPDATE users SET password_hash = :passwordHash, updated_at = :now WHERE id = :userId")
    int changePassword(long userId, String passwordHash, Instant now);

    @SqlQuery("SELECT count(*) FROM users WHERE email = :email")
    int countWithEmail(String email);

    @SqlUpdate("""
        INSERT INTO account_tokens (user_id, purpose, token_hash, email, created_at, expires_at)
        VALUES (:userId, :purpose, :tokenHash, :email, :now, :expiresAt)
        """)
    void insertToken(long userId, String purpose, String tokenHash, String email, Instant now, Instant expiresAt);

    @SqlQuery("""
        SELECT id, user_id, purpose, email, expires_at, used_at FROM account_tokens
         WHERE token_hash = :tokenHash AND purpose = :purpose
           FOR UPDATE
        """)
    Optional<AccountToken> lockToken(String tokenHash, String purpose);

    @SqlQuery("SELECT max(created_at) FROM account_tokens WHERE user_id = :userId AND purpose = :purpose")
    Optional<Instant> lastTokenAt(long userId, String purpose);

    @SqlQuery("SELECT user_id FROM account_tokens WHERE token_hash = :tokenHash AND purpose = :purpose")
    Optional<Long> tokenOwner(String tokenHash, String purpose);

    @SqlUpdate("UPDATE account_tokens SET used_at = :now WHERE id = :id")
    void useToken(long id, Instant now);

    /** A new link makes the older ones of the same kind worthless. */
    @SqlUpdate("""
        UPDATE account_tokens SET used_at = :now
         WHERE user_id = :userId AND purpose = :purpose AND used_at IS NULL
        """)
    int retireTokens(long userId, String purpose, Instant now);

    @SqlUpdate("DELETE FROM account_tokens WHERE expires_at < :before")
    int purgeTokens(Instant before);

    /** Ends every session of the person, in every organization. */
    @io.rentapi.core.tenancy.CrossTenant("a person's sessions span all their organizations; a password change ends them all")
    @SqlUpdate("UPDATE refresh_tokens SET revoked_at = :now WHERE user_id = :userId AND revoked_at IS NULL")
    int revokeSessions(long userId, Instant now);
}
