package io.rentapi.api.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The built executable jar run as a real process, as operators run it. */
public final class JarProcess implements AutoCloseable {
    private final Process process;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());

    private JarProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException e) {
                output.add("<output closed: " + e.getMessage() + ">");
            }
        }, "jar-output");
        reader.setDaemon(true);
        reader.start();
    }

    public static Path jar() {
        String path = System.getProperty("rentapi.jar");
        if (path == null || !Files.isRegularFile(Path.of(path))) {
            throw new IllegalStateException("run through `mvn verify`, which builds the jar first (rentapi.jar=" + path + ")");
        }
        return Path.of(path);
    }

    public static JarProcess start(Path workingDirectory, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true);
        for (String inherited : List.of("DATABASE_URL", "DATABASE_USER", "DATABASE_PASSWORD", "REDIS_URL", "JWT_SECRET")) {
            builder.environment().remove(inherited);
        }
        builder.environment().putAll(env);
        return new JarProcess(builder.start());
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Waits for a line of output that matches, and answers it. */
    public String awaitLine(Predicate<String> match, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        int seen = 0;
        while (Instant.now().isBefore(deadline)) {
            synchronized (output) {
                for (; seen < output.size(); seen++) {
                    if (match.test(output.get(seen))) {
                        return output.get(seen);
                    }
                }
            }
            if (!process.isAlive() && seen >= output.size()) {
                throw new AssertionError("process exited with " + process.exitValue() + ":\n" + output());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no matching line within " + timeout + ":\n" + output());
    }

    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("process still running after " + timeout + ":\n" + output());
        }
        Thread.sleep(100); // let the reader drain
        return process.exitValue();
    }

    public String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** SIGTERM, as a service manager stops it, then waits for a clean exit. */
    public int stop() throws InterruptedException {
        process.destroy();
        return awaitExit(Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
