package io.rentapi.api.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/** A webhook subscriber: a real local HTTP server that records what it receives and answers as told, per path. */
public final class Receiver implements AutoCloseable {
    /** One request as received. */
    public record Received(String path, Map<String, List<String>> headers, String body, Instant at) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** An answer: status, headers, body; {@code hang} holds the connection until the receiver closes. */
    public record Answer(int status, Map<String, String> headers, String body, boolean hangs) {
        public static Answer ok() {
            return new Answer(200, Map.of(), "{\"ok\":true}", false);
        }

        public static Answer status(int status) {
            return new Answer(status, Map.of(), "status " + status, false);
        }

        public static Answer hang() {
            return new Answer(0, Map.of(), "", true);
        }
    }

    static {
        // without it the JDK server's response waits on Nagle and the client's delayed ACK: ~40 ms a request
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(64);
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Function<Received, Answer>> answers = new ConcurrentHashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    public Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public Receiver answer(String path, Function<Received, Answer> answer) {
        answers.put(path, answer);
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, List<String>> headers = new java.util.HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), List.copyOf(v)));
        Received r = new Received(exchange.getRequestURI().getPath(), headers, new String(body, StandardCharsets.UTF_8),
                Instant.now());
        received.add(r);
        Answer answer = answers.getOrDefault(r.path(), x -> Answer.ok()).apply(r);
        if (answer.hangs()) {
            try {
                closing.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
        try (OutputStream o = exchange.getResponseBody()) {
            o.write(out);
        }
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    public List<Received> received(String path) {
        return received().stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Polls until the condition holds; fails with what was received otherwise. */
    public static void await(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
