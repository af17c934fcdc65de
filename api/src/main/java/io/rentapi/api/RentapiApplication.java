package io.rentapi.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.migrations.MigrationsBundle;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.rentapi.api.auth.AccessTokens;
import io.rentapi.api.auth.AuthResource;
import io.rentapi.api.auth.AuthService;
import io.rentapi.api.auth.AuthenticationFilter;
import io.rentapi.api.auth.Caller;
import io.rentapi.api.auth.Passwords;
import io.rentapi.api.auth.PermissionFeature;
import io.rentapi.api.auth.PingResource;
import io.rentapi.api.http.ClientAddress;
import io.rentapi.api.keys.ApiKeyResource;
import io.rentapi.api.keys.ApiKeyService;
import io.rentapi.api.keys.ApiKeyVerifier;
import io.rentapi.api.quota.PlanLimits;
import io.rentapi.api.quota.QuotaFilter;
import io.rentapi.api.quota.QuotaService;
import io.rentapi.api.redis.KeyInvalidationChannel;
import io.rentapi.api.redis.RedisClients;
import io.rentapi.api.usage.UsageRecorder;
import io.rentapi.api.usage.UsageResource;
import io.rentapi.api.usage.UsageService;
import io.rentapi.billing.plans.Plans;
import io.dropwizard.lifecycle.Managed;
import java.util.Optional;
import io.rentapi.api.command.ProcessRole;
import io.rentapi.api.command.RentapiCommand;
import io.rentapi.api.command.StartupRefusedException;
import io.rentapi.api.config.AuthConfig;
import io.rentapi.api.config.DatabaseConfig;
import io.rentapi.api.config.FileOrResourceSourceProvider;
import io.rentapi.api.config.RentapiConfiguration;
import io.rentapi.api.dev.DemoSeed;
import io.rentapi.api.docs.DocsResource;
import io.rentapi.api.docs.OpenApiResource;
import io.rentapi.api.health.RedisHealthCheck;
import io.rentapi.api.http.ApiExceptionMapper;
import io.rentapi.api.http.ApiJson;
import io.rentapi.api.http.BodySizeLimitFilter;
import io.rentapi.api.http.CredentialRedaction;
import io.rentapi.api.http.IdempotencyFilter;
import io.rentapi.api.http.JsonExceptionMapper;
import io.rentapi.api.http.ParameterNames;
import io.rentapi.api.http.ProblemErrorHandler;
import io.rentapi.api.http.RequestIdFilter;
import io.rentapi.api.http.UnexpectedExceptionMapper;
import io.rentapi.api.http.ValidationExceptionMapper;
import io.rentapi.api.http.WebApplicationExceptionMapper;
import io.rentapi.api.orgs.MemberResource;
import io.rentapi.api.orgs.OrganizationResource;
import io.rentapi.api.orgs.OrganizationService;
import io.rentapi.api.security.SecurityWiring;
import io.rentapi.api.users.MeResource;
import io.rentapi.core.db.Migrations;
import io.rentapi.core.db.OrgIdPlugin;
import io.rentapi.core.db.SqlObjects;
import io.rentapi.core.idempotency.IdempotencyStore;
import io.rentapi.core.mail.MailOutbox;
import io.rentapi.core.outbox.Outbox;
import io.rentapi.core.tenancy.OrgId;
import io.rentapi.worker.PeriodicJob;
import io.rentapi.worker.WorkerJobs;
import io.rentapi.api.auth.RefreshTokenDao;
import io.rentapi.api.billing.Billing;
import java.time.Duration;
import jakarta.servlet.DispatcherType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.glassfish.jersey.server.ServerProperties;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import org.jdbi.v3.core.statement.SqlStatements;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** Wires the product by hand, in one place: no container, no static state. */
public final class RentapiApplication extends Application<RentapiConfiguration> {
    /** The development secret is allowed only under {@code dev}; anything shorter than this is refused everywhere. */
    private static final int MIN_SECRET_BYTES = 32;

    private final Clock clock;

    public RentapiApplication() {
        this(Clock.systemUTC());
    }

    public RentapiApplication(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String getName() {
        return "rentapi";
    }

    @Override
    public void initialize(Bootstrap<RentapiConfiguration> bootstrap) {
        bootstrap.setObjectMapper(ApiJson.newMapper());
        bootstrap.setValidatorFactory(ParameterNames.validatorFactory());
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                new FileOrResourceSourceProvider(), new EnvironmentVariableSubstitutor(true)));
        bootstrap.addBundle(new MigrationsBundle<>() {
            @Override
            public DataSourceFactory getDataSourceFactory(RentapiConfiguration configuration) {
                return configuration.getDatabase();
            }

            @Override
            public String getMigrationsFileName() {
                return Migrations.MASTER_CHANGELOG;
            }
        });
        bootstrap.addCommand(RentapiCommand.worker(this));
        bootstrap.addCommand(RentapiCommand.dev(this));
    }

    @Override
    protected void addDefaultCommands(Bootstrap<RentapiConfiguration> bootstrap) {
        bootstrap.addCommand(RentapiCommand.server(this));
        bootstrap.addCommand(new CheckCommand<>(this));
    }

    @Override
    public void run(RentapiConfiguration config, Environment env) {
        refuseUnsafeSecrets(config);
        // The bootstrap mapper has already read the configuration; from here on it speaks the API's JSON.
        ObjectMapper json = ApiJson.configure(env.getObjectMapper());

        DatabaseConfig database = config.getDatabase();
        if (database.isMigrateOnStart()) {
            Migrations.migrate(database.getUrl(), database.getUser(), database.getPassword());
        }
        Jdbi jdbi = new JdbiFactory().build(env, database, "database");
        jdbi.installPlugin(new OrgIdPlugin());
        // Dropwizard's name-prepending engine parses every statement's template again on each
        // execution; JDBI's own engine is parsed once per statement and cached
        jdbi.getConfig(SqlStatements.class).setTemplateEngine(new DefinedAttributeTemplateEngine());
        // one anchor class per module that holds DAOs
        SqlObjects.warm(jdbi, OrgId.class, Plans.class, io.rentapi.webhooks.delivery.DeliveryDao.class,
                RentapiApplication.class);

        Optional<RedisClient> redis = config.getRedis().getUrl()
                .map(url -> RedisClients.create(url, 64, config.getRedis().getPoolMaxWait().toJavaDuration()));
        redis.ifPresent(client -> {
            env.lifecycle().manage(new Managed() {
                @Override
                public void stop() {
                    client.close();
                }
            });
            env.healthChecks().register("redis", new RedisHealthCheck(client));
        });

        PrometheusRegistry prometheus = new PrometheusRegistry();
        DropwizardExports.builder().dropwizardRegistry(env.metrics()).register(prometheus);
        env.admin().addServlet("prometheus", new PrometheusMetricsServlet(prometheus)).addMapping("/metrics");

        Outbox outbox = new Outbox(json, clock);
        IdempotencyStore idempotency = new IdempotencyStore(jdbi, clock);
        Wiring wiring = new Wiring(config, env, json, jdbi, redis, outbox, new MailOutbox(json, clock), idempotency, clock);

        // one billing engine per process, shared by its resources, its jobs and the dev seed
        Billing billing = new Billing(wiring);

        if (config.getRoles().contains(ProcessRole.API)) {
            runApi(config, env, json, jdbi, redis, outbox, idempotency, wiring, billing);
        }
        if (config.getRoles().contains(ProcessRole.WORKER)) {
            List<Managed> jobs = new ArrayList<>(WorkerJobs.all(idempotency));
            // used, revoked and expired refresh tokens are kept a week for reuse detection and forensics
            jobs.add(new PeriodicJob("refresh-token-purge", Duration.ofHours(1),
                    () -> jdbi.onDemand(RefreshTokenDao.class).purge(clock.instant().minus(Duration.ofDays(7)))));
            jobs.addAll(rentalJobs(wiring));

            jobs.addAll(webhookJobs(wiring));

            jobs.addAll(billing.jobs());

            jobs.addAll(securityJobs(wiring));
            jobs.forEach(env.lifecycle()::manage);
        }
    }

    // ---- rentals: catalog, customers, bookings, analytics ----

    private static List<Object> rentalResources(Wiring w) {
        return io.rentapi.api.rentals.RentalFeature.resources(w);
    }

    private static List<Managed> rentalJobs(Wiring w) {
        return List.of();
    }

    // ---- webhooks: endpoints, events, deliveries ----

    private static List<Object> webhookResources(Wiring w) {
        return io.rentapi.api.webhooks.Webhooks.resources(w);
    }

    private static List<Managed> webhookJobs(Wiring w) {
        return List.of(io.rentapi.api.webhooks.Webhooks.worker(w));
    }

    // ---- billing: plans, subscriptions, invoices, payments, provider webhooks ----

    // built in run(): Billing (resources, jobs) is shared by both roles and the dev seed

    // ---- account security: 2FA, lockout, password reset, verification, invitations, mail, audit ----

    private static List<Object> securityResources(Wiring w) {
        return SecurityWiring.resources(w);
    }

    private static List<Managed> securityJobs(Wiring w) {
        return SecurityWiring.jobs(w);
    }

    private void runApi(RentapiConfiguration config, Environment env, ObjectMapper json, Jdbi jdbi,
                        Optional<RedisClient> redis, Outbox outbox, IdempotencyStore idempotency, Wiring wiring,
                        Billing billing) {
        AuthConfig authConfig = config.getAuth();
        Passwords passwords = new Passwords(authConfig.getBcryptCost());
        AccessTokens accessTokens = new AccessTokens(authConfig.getJwtSecret(),
                authConfig.getAccessTokenTtl().toJavaDuration(), clock);
        AuthService auth = new AuthService(jdbi, passwords, accessTokens,
                authConfig.getRefreshTokenTtl().toJavaDuration(), outbox, clock,
                SecurityWiring.accountSecurity(wiring, passwords));
        OrganizationService organizations = new OrganizationService(jdbi, outbox, clock);
        Plans plans = new Plans(jdbi);

        ApiKeyVerifier apiKeyVerifier = new ApiKeyVerifier(jdbi, clock, config.getApiKeys().getCacheTtl().toJavaDuration());
        redis.ifPresent(client -> {
            KeyInvalidationChannel channel = new KeyInvalidationChannel(client, config.getRedis().getKeyPrefix(),
                    apiKeyVerifier::invalidateLocally);
            apiKeyVerifier.onInvalidate(channel::publish);
            env.lifecycle().manage(channel);
        });
        ApiKeyService apiKeys = new ApiKeyService(jdbi, apiKeyVerifier, plans, outbox, clock,
                config.getApiKeys().getPrefix(), config.getApiKeys().getDefaultGracePeriod().toJavaDuration());
        QuotaService quotas = new QuotaService(redis.map(r -> (UnifiedJedis) r), config.getRedis().getKeyPrefix(),
                config.getQuota(), clock, env.metrics());
        PlanLimits planLimits = new PlanLimits(plans, config.getQuota().getPlanCacheTtl().toJavaDuration());
        UsageRecorder usage = new UsageRecorder(jdbi, clock, config.getUsage().getFlushInterval().toJavaDuration());
        env.lifecycle().manage(usage);
        UsageService usageReports = new UsageService(jdbi, clock);

        env.servlets().addFilter("request-id", new RequestIdFilter())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        ProblemErrorHandler errors = new ProblemErrorHandler(json);
        env.getApplicationContext().setErrorHandler(errors);
        env.lifecycle().addServerLifecycleListener(server -> server.setErrorHandler(errors));
        if (config.getServerFactory() instanceof DefaultServerFactory server) {
            server.setRegisterDefaultExceptionMappers(false);
        }

        var jersey = env.jersey();
        jersey.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        jersey.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        List.of(new ApiExceptionMapper(), new WebApplicationExceptionMapper(), new ValidationExceptionMapper(),
                new JsonExceptionMapper(json), new UnexpectedExceptionMapper()).forEach(jersey::register);
        jersey.register(new BodySizeLimitFilter(config.getHttp().getMaxBodySize().toBytes()));
        jersey.register(new AuthenticationFilter(accessTokens, apiKeyVerifier,
                new ClientAddress(config.getHttp().getTrustedProxies()), jdbi));
        jersey.register(new QuotaFilter(quotas, planLimits, usage));
        jersey.register(new PermissionFeature());
        jersey.register(new AuthValueFactoryProvider.Binder<>(Caller.class));
        jersey.register(new IdempotencyFilter(idempotency, new CredentialRedaction(json)).onPosts());

        Set<Object> resources = new LinkedHashSet<>(List.of(
                new AuthResource(auth, SecurityWiring.clientAddress(wiring)),
                new MeResource(jdbi),
                new OrganizationResource(organizations),
                new MemberResource(organizations),
                new PingResource(),
                new ApiKeyResource(apiKeys, usageReports, clock),
                new UsageResource(usageReports, clock)));
        resources.addAll(rentalResources(wiring));

        resources.addAll(webhookResources(wiring));

        resources.addAll(billing.resources());

        resources.addAll(securityResources(wiring));
        resources.forEach(jersey::register);
        Set<Class<?>> described = new LinkedHashSet<>();
        resources.forEach(r -> described.add(r.getClass()));
        jersey.register(OpenApiResource.describing(described));
        jersey.register(new DocsResource());

        if (config.isDevelopment() && config.getDev().isSeedDemo()) {
            env.lifecycle().addServerLifecycleListener(server -> new DemoSeed(jdbi, auth,
                    org -> billing.startTrial(org, "pro")).seedIfEmpty(
                    "http://localhost:" + applicationPort(server)));
        }
    }

    private static int applicationPort(org.eclipse.jetty.server.Server server) {
        for (var connector : server.getConnectors()) {
            if ("application".equals(connector.getName()) && connector instanceof org.eclipse.jetty.server.ServerConnector sc) {
                return sc.getLocalPort();
            }
        }
        return 0;
    }

    private static void refuseUnsafeSecrets(RentapiConfiguration config) {
        String secret = config.getAuth().getJwtSecret();
        if (!config.isDevelopment() && AuthConfig.DEVELOPMENT_JWT_SECRET.equals(secret)) {
            throw new StartupRefusedException(
                    "auth.jwtSecret is the development secret; set JWT_SECRET to at least 32 random bytes");
        }
        if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new StartupRefusedException("auth.jwtSecret (JWT_SECRET) must be at least " + MIN_SECRET_BYTES
                    + " bytes; generate one with: openssl rand -base64 48");
        }
    }

}
