package io.rentapi.api.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.rentapi.api.command.ProcessRole;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.EnumSet;
import java.util.Set;

public class RentapiConfiguration extends Configuration {
    @Valid
    @NotNull
    @JsonProperty
    private DatabaseConfig database = new DatabaseConfig();

    @Valid
    @NotNull
    @JsonProperty
    private AuthConfig auth = new AuthConfig();

    @Valid
    @NotNull
    @JsonProperty
    private HttpConfig http = new HttpConfig();

    @Valid
    @NotNull
    @JsonProperty
    private RedisConfig redis = new RedisConfig();

    @Valid
    @NotNull
    @JsonProperty
    private DevConfig dev = new DevConfig();

    @Valid
    @NotNull
    @JsonProperty
    private ApiKeysConfig apiKeys = new ApiKeysConfig();

    @Valid
    @NotNull
    @JsonProperty
    private QuotaConfig quota = new QuotaConfig();

    @Valid
    @NotNull
    @JsonProperty
    private UsageConfig usage = new UsageConfig();

    @Valid
    @NotNull
    @JsonProperty
    private SecurityConfig security = new SecurityConfig();

    @JsonProperty
    private BillingConfig billing = new BillingConfig();

    @Valid
    @NotNull
    @JsonProperty
    private WebhooksConfig webhooks = new WebhooksConfig();

    /** Which parts this process runs; set by the command, not by the file. */
    @JsonIgnore
    private Set<ProcessRole> roles = EnumSet.of(ProcessRole.API);

    /** True under {@code rentapi dev}: development secrets are allowed and the demo data is seeded. */
    @JsonIgnore
    private boolean development = false;

    public DatabaseConfig getDatabase() {
        return database;
    }

    public AuthConfig getAuth() {
        return auth;
    }

    public HttpConfig getHttp() {
        return http;
    }

    public RedisConfig getRedis() {
        return redis;
    }

    public DevConfig getDev() {
        return dev;
    }

    public ApiKeysConfig getApiKeys() {
        return apiKeys;
    }

    public QuotaConfig getQuota() {
        return quota;
    }

    public UsageConfig getUsage() {
        return usage;
    }

    public SecurityConfig getSecurity() {
        return security;
    }

    public BillingConfig getBilling() {
        return billing;
    }

    public WebhooksConfig getWebhooks() {
        return webhooks;
    }

    public Set<ProcessRole> getRoles() {
        return roles;
    }

    public boolean isDevelopment() {
        return development;
    }

    public void setDevelopment(boolean development) {
        this.development = development;
    }

    public void setRoles(Set<ProcessRole> roles) {
        this.roles = EnumSet.copyOf(roles);
    }
}
