import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Environment;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * The ceiling for the hot-path benchmark: a bare Dropwizard application answering GET /ping, with
 * nothing of the product in the way (no auth, no quota, no database). Run from the product's jar:
 * java -cp api/target/rentapi.jar bench/hotpath/BarePing.java server bench/hotpath/bare.yml
 */
public class BarePing extends Application<Configuration> {
    public static void main(String[] args) throws Exception {
        new BarePing().run(args);
    }

    @Path("/ping")
    @Produces(MediaType.APPLICATION_JSON)
    public static class PingResource {
        @GET
        public Map<String, String> ping() {
            return Map.of("object", "ping");
        }
    }

    @Override
    public void initialize(Bootstrap<Configuration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    }

    @Override
    public void run(Configuration configuration, Environment environment) {
        environment.jersey().register(new PingResource());
    }
}
