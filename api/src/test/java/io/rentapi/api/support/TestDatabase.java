package io.rentapi.api.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL database the suite runs against: {@code DATABASE_URL} when given, otherwise
 * {@code rentapi_test} on 127.0.0.1:5432, created here when it does not exist yet.
 */
public final class TestDatabase {
    static final String DEFAULT_NAME = "rentapi_test";
    static final String USER = env("DATABASE_USER", "postgres");
    static final String PASSWORD = env("DATABASE_PASSWORD", "postgres");

    private TestDatabase() {
    }

    public static String jdbcUrl() {
        String given = System.getenv("DATABASE_URL");
        return given != null && !given.isBlank()
                ? io.rentapi.core.db.DatabaseUrls.parse(given).jdbcUrl()
                : "jdbc:postgresql://127.0.0.1:5432/" + DEFAULT_NAME;
    }

    static void ensureExists() {
        if (System.getenv("DATABASE_URL") != null && !System.getenv("DATABASE_URL").isBlank()) {
            return;
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", USER, PASSWORD);
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DEFAULT_NAME + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + DEFAULT_NAME);
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) { // created concurrently: fine
                throw new IllegalStateException("PostgreSQL is not reachable on 127.0.0.1:5432 ("
                        + e.getMessage() + "); run the suite with ./rentapi test, which starts it", e);
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
