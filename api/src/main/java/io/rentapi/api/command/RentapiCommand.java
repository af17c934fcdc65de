package io.rentapi.api.command;

import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.UndefinedEnvironmentVariableException;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.rentapi.api.config.RentapiConfiguration;
import io.rentapi.core.db.Migrations;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * The long-running commands: {@code server} (the API), {@code worker} (background work, admin port
 * only) and {@code dev} (both, with the bundled development configuration).
 */
public final class RentapiCommand extends ServerCommand<RentapiConfiguration> {
    /** The configuration {@code dev} reads when none is named: config/dev.yml, bundled in the jar. */
    public static final String DEV_CONFIG = "config/dev.yml";

    private final Set<ProcessRole> roles;
    private final boolean development;

    private RentapiCommand(Application<RentapiConfiguration> application, String name, String description,
                           Set<ProcessRole> roles, boolean development) {
        super(application, name, description);
        this.roles = EnumSet.copyOf(roles);
        this.development = development;
    }

    public static RentapiCommand server(Application<RentapiConfiguration> application) {
        return new RentapiCommand(application, "server", "Runs the HTTP API",
                EnumSet.of(ProcessRole.API), false);
    }

    public static RentapiCommand worker(Application<RentapiConfiguration> application) {
        return new RentapiCommand(application, "worker",
                "Runs background work (webhook delivery, billing jobs, clean-ups); admin port only",
                EnumSet.of(ProcessRole.WORKER), false);
    }

    public static RentapiCommand dev(Application<RentapiConfiguration> application) {
        return new RentapiCommand(application, "dev",
                "Runs API and worker in one process on an embedded H2 database (config/dev.yml unless a file is named)",
                EnumSet.allOf(ProcessRole.class), true);
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        if (development && namespace.getString("file") == null) {
            Map<String, Object> attributes = new HashMap<>(namespace.getAttrs());
            attributes.put("file", DEV_CONFIG);
            namespace = new Namespace(attributes);
        }
        super.run(bootstrap, namespace);
    }

    @Override
    protected void run(Bootstrap<RentapiConfiguration> bootstrap, Namespace namespace,
                       RentapiConfiguration configuration) throws Exception {
        configuration.setRoles(roles);
        configuration.setDevelopment(development);
        if (!roles.contains(ProcessRole.API) && configuration.getServerFactory() instanceof DefaultServerFactory server) {
            server.setApplicationConnectors(List.of());
        }
        super.run(bootstrap, namespace, configuration);
    }

    /** Configuration mistakes are the operator's to fix: say what is wrong, without a stack trace. */
    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof ConfigurationException || cause instanceof UndefinedEnvironmentVariableException
                    || cause instanceof StartupRefusedException || cause instanceof Migrations.MigrationException) {
                cli.getStdErr().println("rentapi " + getName() + ": cannot start: " + cause.getMessage());
                return;
            }
            cause = cause.getCause();
        }
        super.onError(cli, namespace, e);
    }
}
