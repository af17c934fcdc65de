package io.rentapi.api.support;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The PostgreSQL database a test run uses: {@code DATABASE_URL} when given, otherwise a fresh
 * database of its own on 127.0.0.1:5432, created at the start of the run and dropped at its end.
 * Runs side by side (two checkouts, CI and a developer) never see each other's rows or migrations.
 */
public final class TestDatabase {
    static final String PREFIX = "rentapi_test_";
    public static final String USER = env("DATABASE_USER", "postgres");
    public static final String PASSWORD = env("DATABASE_PASSWORD", "postgres");
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static String url;

    private TestDatabase() {
    }

    /** A bare Jdbi on the test database, configured as the application configures its own. */
    public static org.jdbi.v3.core.Jdbi newJdbi() {
        return newJdbi(jdbcUrl());
    }

    /** The same on another database of the server, such as a {@link #freshDatabase()}. */
    public static org.jdbi.v3.core.Jdbi newJdbi(String url) {
        return org.jdbi.v3.core.Jdbi.create(url, USER, PASSWORD)
                .installPlugin(new org.jdbi.v3.sqlobject.SqlObjectPlugin())
                .installPlugin(new io.rentapi.core.db.OrgIdPlugin());
    }

    public static synchronized String jdbcUrl() {
        if (url == null) {
            String given = System.getenv("DATABASE_URL");
            url = given != null && !given.isBlank() ? io.rentapi.core.db.DatabaseUrls.parse(given).jdbcUrl() : createFresh();
        }
        return url;
    }

    /** An empty database of its own on 127.0.0.1:5432, for a test that migrates step by step; dropped at the run's end. */
    public static String freshDatabase() {
        return createFresh();
    }

    private static String createFresh() {
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        // the creation time in the name lets other runs tell a fresh database from an abandoned one
        String name = PREFIX + (System.currentTimeMillis() / 1000) + "_" + HexFormat.of().formatHex(random);
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
             Statement s = c.createStatement()) {
            dropAbandoned(s);
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not reachable on 127.0.0.1:5432 (" + e.getMessage()
                    + "); run the suite with ./rentapi test, which starts it", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(name), "drop-test-database"));
        return SERVER + name;
    }

    /**
     * Databases of earlier runs that died before dropping theirs: over an hour old, and nobody is
     * connected to them. A run that has just created its database is never taken for one.
     */
    private static void dropAbandoned(Statement s) throws SQLException {
        List<String> abandoned = new ArrayList<>();
        long hourAgo = System.currentTimeMillis() / 1000 - 3600;
        try (ResultSet rs = s.executeQuery("""
                SELECT d.datname FROM pg_database d
                 WHERE d.datname LIKE 'rentapi\\_test\\_%'
                   AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)
                """)) {
            while (rs.next()) {
                String name = rs.getString(1);
                String[] parts = name.substring(PREFIX.length()).split("_");
                if (parts.length == 2 && parts[0].matches("\\d+") && Long.parseLong(parts[0]) < hourAgo) {
                    abandoned.add(name);
                }
            }
        }
        for (String name : abandoned) {
            s.execute("DROP DATABASE IF EXISTS " + name);
        }
    }

    private static void drop(String name) {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop test database " + name + ": " + e.getMessage());
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
