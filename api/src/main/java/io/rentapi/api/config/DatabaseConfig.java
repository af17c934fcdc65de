package io.rentapi.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.db.DataSourceFactory;
import io.rentapi.core.db.DatabaseUrls;

/**
 * Dropwizard's data source settings, plus {@code migrateOnStart}; {@code url} may also be a
 * {@code postgres://user:password@host/db} URL as hosting platforms hand it out.
 */
public class DatabaseConfig extends DataSourceFactory {
    @JsonProperty
    private boolean migrateOnStart = false;

    /** Credentials written into the URL win over the separate user/password settings, in any order. */
    private boolean credentialsFromUrl;

    public DatabaseConfig() {
        // every borrowed connection starts in auto-commit, so JDBI's transactions are real ones
        setAutoCommitByDefault(true);
    }

    public boolean isMigrateOnStart() {
        return migrateOnStart;
    }

    @Override
    @JsonProperty
    public void setUrl(String url) {
        DatabaseUrls.Parsed parsed = DatabaseUrls.parse(url);
        super.setUrl(parsed.jdbcUrl());
        parsed.user().ifPresent(super::setUser);
        parsed.password().ifPresent(super::setPassword);
        credentialsFromUrl = parsed.user().isPresent();
        if (parsed.jdbcUrl().startsWith("jdbc:postgresql:")) {
            setDriverClass("org.postgresql.Driver");
        } else if (parsed.jdbcUrl().startsWith("jdbc:h2:")) {
            setDriverClass("org.h2.Driver");
        }
    }

    @Override
    @JsonProperty
    public void setUser(String user) {
        if (!credentialsFromUrl) {
            super.setUser(user);
        }
    }

    @Override
    @JsonProperty
    public void setPassword(String password) {
        if (!credentialsFromUrl) {
            super.setPassword(password);
        }
    }

    public boolean isH2() {
        return getUrl() != null && getUrl().startsWith("jdbc:h2:");
    }
}
