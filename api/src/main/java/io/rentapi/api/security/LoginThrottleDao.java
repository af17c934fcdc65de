package io.rentapi.api.security;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(LoginThrottleDao.Row.class)
public interface LoginThrottleDao {
    record Row(String subject, int failures, Instant windowStart, int lockouts, Instant lockedUntil, Instant updatedAt) {
    }

    @SqlQuery("SELECT max(locked_until) FROM login_throttles WHERE subject IN (<subjects>) AND locked_until > :now")
    Optional<Instant> lockedUntil(@BindList("subjects") List<String> subjects, Instant now);

    @SqlUpdate("""
        INSERT INTO login_throttles (subject, failures, window_start, lockouts, updated_at)
        VALUES (:subject, 0, :now, 0, :now)
        ON CONFLICT DO NOTHING
        """)
    void ensure(String subject, Instant now);

    @SqlQuery("""
        SELECT subject, failures, window_start, lockouts, locked_until, updated_at
          FROM login_throttles WHERE subject = :subject FOR UPDATE
        """)
    Row lock(String subject);

    @SqlUpdate("""
        UPDATE login_throttles
           SET failures = :failures, window_start = :windowStart, lockouts = :lockouts, locked_until = :lockedUntil,
               updated_at = :now
         WHERE subject = :subject
        """)
    void update(String subject, int failures, Instant windowStart, int lockouts, Instant lockedUntil, Instant now);

    @SqlUpdate("DELETE FROM login_throttles WHERE subject = :subject")
    void clear(String subject);

    @SqlUpdate("DELETE FROM login_throttles WHERE updated_at < :before AND (locked_until IS NULL OR locked_until < :before)")
    int purge(Instant before);
}
