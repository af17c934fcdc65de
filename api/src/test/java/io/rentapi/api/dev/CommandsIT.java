package io.rentapi.api.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rentapi.api.config.AuthConfig;
import io.rentapi.api.support.ApiClient;
import io.rentapi.api.support.JarProcess;
import io.rentapi.api.support.TestDatabase;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production commands from the real jar, configured only by environment variables. */
class CommandsIT {
    private static final String PRODUCTION = "config/production.yml";

    @TempDir
    Path workDir;

    private Map<String, String> productionEnv() throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", TestDatabase.jdbcUrl());
        env.put("DATABASE_USER", System.getenv().getOrDefault("DATABASE_USER", "postgres"));
        env.put("DATABASE_PASSWORD", System.getenv().getOrDefault("DATABASE_PASSWORD", "postgres"));
        env.put("REDIS_URL", System.getenv().getOrDefault("REDIS_URL", "redis://127.0.0.1:6379"));
        env.put("JWT_SECRET", "an-operator-chosen-secret-of-plenty-of-bytes-0123456789");
        env.put("RENTAPI_PORT", Integer.toString(JarProcess.freePort()));
        env.put("RENTAPI_ADMIN_PORT", Integer.toString(JarProcess.freePort()));
        return env;
    }

    @Test
    void serverRefusesToStartWithoutItsEnvironmentAndSaysWhatIsMissing() throws Exception {
        try (JarProcess server = JarProcess.start(workDir, Map.of(), "server", PRODUCTION)) {
            assertThat(server.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(server.output()).contains("DATABASE_URL").doesNotContain("\tat ");
        }
    }

    @Test
    void serverRefusesTheDevelopmentSecret() throws Exception {
        Map<String, String> env = productionEnv();
        env.put("JWT_SECRET", AuthConfig.DEVELOPMENT_JWT_SECRET);
        try (JarProcess server = JarProcess.start(workDir, env, "server", PRODUCTION)) {
            assertThat(server.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(server.output()).contains("JWT_SECRET").contains("development secret");
        }
        env.put("JWT_SECRET", "too-short");
        try (JarProcess server = JarProcess.start(workDir, env, "server", PRODUCTION)) {
            assertThat(server.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(server.output()).contains("at least 32 bytes");
        }
    }

    @Test
    void migrateThenServeAndWorkFromTheProductionConfiguration() throws Exception {
        Map<String, String> env = productionEnv();
        try (JarProcess migrate = JarProcess.start(workDir, env, "db", "migrate", PRODUCTION)) {
            assertThat(migrate.awaitExit(Duration.ofSeconds(90))).as(migrate.output()).isZero();
        }
        int port = Integer.parseInt(env.get("RENTAPI_PORT"));
        int adminPort = Integer.parseInt(env.get("RENTAPI_ADMIN_PORT"));
        try (JarProcess server = JarProcess.start(workDir, env, "server", PRODUCTION)) {
            server.awaitLine(l -> l.contains("Started") && l.contains("Server"), Duration.ofSeconds(90));
            ApiClient api = new ApiClient(URI.create("http://127.0.0.1:" + port));
            assertThat(api.get("/v1/openapi.json", null).status()).isEqualTo(200);
            var health = new ApiClient(URI.create("http://127.0.0.1:" + adminPort)).get("/healthcheck", null);
            assertThat(health.status()).as(health.text()).isEqualTo(200);
            assertThat(health.json().has("redis")).isTrue();
            api.call("GET", "/v1/me").header("Request-Id", "trace-from-the-caller-1").send();
            String logLine = server.awaitLine(l -> l.contains("trace-from-the-caller-1"), Duration.ofSeconds(10));
            assertThat(new ObjectMapper().readTree(logLine).isObject()).as("production logs are JSON: " + logLine).isTrue();
            server.stop();
        }
        env.put("RENTAPI_ADMIN_PORT", Integer.toString(JarProcess.freePort()));
        adminPort = Integer.parseInt(env.get("RENTAPI_ADMIN_PORT"));
        // a pool smaller than Dropwizard's default initial size (10) is a valid choice for a small process
        env.put("DATABASE_POOL_SIZE", "4");
        try (JarProcess worker = JarProcess.start(workDir, env, "worker", PRODUCTION)) {
            worker.awaitLine(l -> l.contains("Started") && l.contains("Server"), Duration.ofSeconds(90));
            assertThat(new ApiClient(URI.create("http://127.0.0.1:" + adminPort)).get("/healthcheck", null).status())
                    .isEqualTo(200);
            assertThat(listening(port)).as("the worker serves no API").isFalse();
            worker.stop();
        }
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
