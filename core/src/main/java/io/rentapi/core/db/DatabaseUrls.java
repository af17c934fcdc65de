package io.rentapi.core.db;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Accepts the database address in either form operators meet: a JDBC URL, or the
 * {@code postgres://user:password@host:port/db?params} URL that hosting platforms put in
 * {@code DATABASE_URL}.
 */
public final class DatabaseUrls {
    private DatabaseUrls() {
    }

    public record Parsed(String jdbcUrl, Optional<String> user, Optional<String> password) {
    }

    public static Parsed parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("database url is empty");
        }
        if (url.startsWith("jdbc:")) {
            return new Parsed(url, Optional.empty(), Optional.empty());
        }
        if (!url.startsWith("postgres://") && !url.startsWith("postgresql://")) {
            throw new IllegalArgumentException("database url must start with jdbc:, postgres:// or postgresql://");
        }
        URI uri = URI.create(url);
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("database url has no host");
        }
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/postgres" : uri.getRawPath();
        String jdbc = "jdbc:postgresql://" + host + ":" + port + path
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            user = Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                password = Optional.of(decode(userInfo.substring(colon + 1)));
            }
        }
        return new Parsed(jdbc, user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
