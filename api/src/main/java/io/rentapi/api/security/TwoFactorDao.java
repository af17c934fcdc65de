package io.rentapi.api.security;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(TwoFactorDao.State.class)
public interface TwoFactorDao {
    record State(long userId, String secretEncrypted, Instant enabledAt, long lastStep) {
        public boolean enabled() {
            return enabledAt != null;
        }
    }

    @SqlQuery("SELECT user_id, secret_encrypted, enabled_at, last_step FROM two_factor WHERE user_id = :userId")
    Optional<State> find(long userId);

    /** Serializes code checks of one person, so two requests cannot both spend one code. */
    @SqlQuery("SELECT user_id, secret_encrypted, enabled_at, last_step FROM two_factor WHERE user_id = :userId FOR UPDATE")
    Optional<State> lock(long userId);

    @SqlQuery("SELECT enabled_at IS NOT NULL FROM two_factor WHERE user_id = :userId")
    Optional<Boolean> isEnabled(long userId);

    @SqlUpdate("DELETE FROM two_factor WHERE user_id = :userId")
    int delete(long userId);

    @SqlUpdate("""
        INSERT INTO two_factor (user_id, secret_encrypted, enabled_at, last_step, created_at)
        VALUES (:userId, :secretEncrypted, NULL, 0, :now)
        """)
    void insertPending(long userId, String secretEncrypted, Instant now);

    @SqlUpdate("UPDATE two_factor SET enabled_at = :now, last_step = :step WHERE user_id = :userId")
    void enable(long userId, long step, Instant now);

    @SqlUpdate("UPDATE two_factor SET last_step = :step WHERE user_id = :userId")
    void acceptStep(long userId, long step);

    @SqlUpdate("DELETE FROM two_factor_backup_codes WHERE user_id = :userId")
    void deleteBackupCodes(long userId);

    @SqlBatch("INSERT INTO two_factor_backup_codes (user_id, code_hash) VALUES (:userId, :codeHash)")
    void insertBackupCodes(long userId, List<String> codeHash);

    @SqlUpdate("""
        UPDATE two_factor_backup_codes SET used_at = :now
         WHERE user_id = :userId AND code_hash = :codeHash AND used_at IS NULL
        """)
    int useBackupCode(long userId, String codeHash, Instant now);

    @SqlQuery("SELECT count(*) FROM two_factor_backup_codes WHERE user_id = :userId AND used_at IS NULL")
    int backupCodesLeft(long userId);
}
