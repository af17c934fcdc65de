package io.rentapi.api.users;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** People are global: one account can belong to several organizations. */
@RegisterConstructorMapper(User.class)
public interface UserDao {
    @SqlUpdate("""
        INSERT INTO users (email, name, password_hash, created_at, updated_at)
        VALUES (:email, :name, :passwordHash, :now, :now)
        """)
    @GetGeneratedKeys("id")
    long insert(String email, String name, String passwordHash, Instant now);

    @SqlQuery("SELECT id, email, name, password_hash, created_at, updated_at FROM users WHERE email = :email")
    Optional<User> findByEmail(String email);

    @SqlQuery("SELECT id, email, name, password_hash, created_at, updated_at FROM users WHERE id = :id")
    Optional<User> find(long id);
}
