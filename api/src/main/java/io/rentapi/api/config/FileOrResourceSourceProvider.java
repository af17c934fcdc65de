package io.rentapi.api.config;

import io.dropwizard.configuration.ConfigurationSourceProvider;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a configuration file from disk, or, when no such file exists, the same path from the jar,
 * where the config/ examples are bundled. So {@code rentapi dev} works from any directory.
 */
public final class FileOrResourceSourceProvider implements ConfigurationSourceProvider {
    @Override
    public InputStream open(String path) throws IOException {
        Path file = Path.of(path);
        if (Files.isRegularFile(file)) {
            return new FileInputStream(file.toFile());
        }
        InputStream resource = getClass().getClassLoader().getResourceAsStream(path.replace('\\', '/'));
        if (resource == null) {
            throw new FileNotFoundException("no configuration file " + path);
        }
        return resource;
    }
}
