import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark's subscriber: answers 204 at once on every path of its port and keeps, per path,
 * the time from each event's created_at to the first request that carried it. A second port
 * accepts connections and never answers (the endpoint that times out).
 *
 * GET /stats?healthy=1 : {"received":n,"first_ms":..,"last_ms":..,"p50_ms":..,"p99_ms":..,"max_ms":..}
 * POST /reset          : forget everything
 */
public final class BenchReceiver {
    private static final Pattern CREATED = Pattern.compile("\"created_at\":\"([^\"]+)\"");
    private static final Set<String> seen = ConcurrentHashMap.newKeySet();
    private static final List<Long> latencies = new ArrayList<>();
    private static long first = Long.MAX_VALUE;
    private static long last;
    private static long received;

    public static void main(String[] args) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int port = Integer.parseInt(args[0]);
        int deadPort = Integer.parseInt(args[1]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 4096);
        server.setExecutor(Executors.newFixedThreadPool(32));
        server.createContext("/", BenchReceiver::handle);
        server.start();
        ServerSocket dead = new ServerSocket(deadPort, 4096, java.net.InetAddress.getByName("127.0.0.1"));
        List<Socket> held = new ArrayList<>();
        Thread holder = new Thread(() -> {
            while (true) {
                try {
                    held.add(dead.accept()); // never read, never answered
                } catch (IOException e) {
                    return;
                }
            }
        });
        holder.setDaemon(true);
        holder.start();
        System.out.println("receiver listening on " + port + ", dead endpoint on " + deadPort);
    }

    private static void handle(HttpExchange exchange) throws IOException {
        long now = System.currentTimeMillis();
        String path = exchange.getRequestURI().getPath();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String answer = "";
        if (path.equals("/stats")) {
            answer = stats();
        } else if (path.equals("/reset")) {
            synchronized (latencies) {
                latencies.clear();
                seen.clear();
                first = Long.MAX_VALUE;
                last = 0;
                received = 0;
            }
        } else {
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            if (id != null && seen.add(path + " " + id)) {
                Matcher m = CREATED.matcher(new String(body, StandardCharsets.UTF_8));
                long created = m.find() ? Instant.parse(m.group(1)).toEpochMilli() : now;
                synchronized (latencies) {
                    latencies.add(now - created);
                    first = Math.min(first, now);
                    last = Math.max(last, now);
                    received++;
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return;
        }
        byte[] out = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, out.length == 0 ? -1 : out.length);
        try (OutputStream o = exchange.getResponseBody()) {
            o.write(out);
        }
    }

    private static String stats() {
        synchronized (latencies) {
            long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            return String.format("{\"received\":%d,\"first_ms\":%d,\"last_ms\":%d,\"p50_ms\":%d,\"p99_ms\":%d,\"max_ms\":%d}",
                    received, received == 0 ? 0 : first, last, pct(sorted, 0.50), pct(sorted, 0.99),
                    sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
        }
    }

    private static long pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }
}
