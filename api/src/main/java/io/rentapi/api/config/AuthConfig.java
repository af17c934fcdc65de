package io.rentapi.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

public class AuthConfig {
    /**
     * The development secret from config/dev.yml. The server and worker commands refuse to start
     * with it, so a copied development file cannot reach production unnoticed.
     */
    public static final String DEVELOPMENT_JWT_SECRET = "development-only-secret-do-not-use-in-production";

    @NotNull
    @JsonProperty
    private String jwtSecret = DEVELOPMENT_JWT_SECRET;

    @NotNull
    @JsonProperty
    private Duration accessTokenTtl = Duration.minutes(15);

    @NotNull
    @JsonProperty
    private Duration refreshTokenTtl = Duration.days(30);

    /** bcrypt work factor: 12 in production; tests lower it to stay fast. */
    @Min(4)
    @Max(16)
    @JsonProperty
    private int bcryptCost = 12;

    public String getJwtSecret() {
        return jwtSecret;
    }

    public Duration getAccessTokenTtl() {
        return accessTokenTtl;
    }

    public Duration getRefreshTokenTtl() {
        return refreshTokenTtl;
    }

    public int getBcryptCost() {
        return bcryptCost;
    }
}
