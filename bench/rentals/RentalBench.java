import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The booking benchmark's Java side, run by run.sh:
 * <ul>
 * <li>{@code setup BASE_URL API_KEY ITEMS}: makes a customer and the items wrk books (book.lua);</li>
 * <li>{@code contend BASE_URL API_KEY CUSTOMER CLIENTS N}: N random overlapping bookings of a few
 *     items from many threads; prints the 201/409 split (run.sh then counts overlaps in the database).</li>
 * </ul>
 */
public class RentalBench {
    static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    static final Instant BASE = Instant.parse("2030-01-07T08:00:00Z");
    /** Every bookable item has a price: an item without one is refused (item_not_priced). */
    static final String PRICES = "\"prices\":{\"hourly\":100,\"daily\":900,\"weekly\":5000,\"deposit\":2000,\"currency\":\"EUR\"}";
    static HttpClient http;
    static String base;
    static String key;

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        base = args[1];
        key = args[2];
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(5)).build();
        if (mode.equals("setup")) {
            setup(Integer.parseInt(args[3]));
        } else {
            contend(Long.parseLong(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]));
        }
        System.exit(0);
    }

    /** A customer and {@code items} serialized items; prints "customer first_item_id" (the ids are consecutive). */
    static void setup(int items) throws Exception {
        long customer = create("/v1/customers", "{\"type\":\"business\",\"name\":\"Bench Co\"}");
        List<Long> ids = inParallel(32, items, i -> create("/v1/items",
                "{\"name\":\"Bench item " + i + "\",\"sku\":\"bench-" + i + "\",\"tracking\":\"serialized\","
                        + PRICES + "}"));
        long first = ids.stream().mapToLong(Long::longValue).min().orElseThrow();
        long last = ids.stream().mapToLong(Long::longValue).max().orElseThrow();
        if (last - first + 1 != items) {
            throw new IllegalStateException("item ids are not consecutive: " + first + ".." + last);
        }
        System.out.println(customer + " " + first);
    }

    /** {@code n} random overlapping bookings of 4 serialized items and 2 bulk items of stock 5 from many clients. */
    static void contend(long customer, int clients, int n) throws Exception {
        List<Long> hot = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            hot.add(create("/v1/items", "{\"name\":\"Hot " + i + "\",\"sku\":\"hot-" + i + "\",\"tracking\":\"serialized\","
                    + PRICES + "}"));
        }
        for (int i = 0; i < 2; i++) {
            hot.add(create("/v1/items", "{\"name\":\"Hot bulk " + i + "\",\"sku\":\"hot-bulk-" + i
                    + "\",\"tracking\":\"bulk\",\"stock\":5," + PRICES + "}"));
        }
        long c0 = System.nanoTime();
        Map<Integer, LongAdder> answers = book(clients, n, k -> {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            int pick = r.nextInt(hot.size());
            Instant from = BASE.plus(Duration.ofHours(r.nextInt(24 * 14)));
            Instant to = from.plus(Duration.ofHours(1 + r.nextInt(36)));
            return "{\"customer_id\":" + customer + ",\"starts_at\":\"" + from + "\",\"ends_at\":\"" + to
                    + "\",\"lines\":[{\"item_id\":" + hot.get(pick) + ",\"quantity\":" + (pick >= 4 ? 1 + r.nextInt(2) : 1) + "}]}";
        });
        double seconds = (System.nanoTime() - c0) / 1e9;
        System.out.printf("contended: %d overlapping bookings of 6 items by %d clients in %.1f s: %d booked (201), "
                        + "%d refused (409), other answers: %s%n", n, clients, seconds, count(answers, 201),
                count(answers, 409), others(answers, 201, 409));
    }

    interface Body {
        String of(int k) throws Exception;
    }

    /** Sends POST /v1/rentals for k = 0..n-1 from {@code clients} threads; answers counted by status. */
    static Map<Integer, LongAdder> book(int clients, int n, Body body) throws Exception {
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                for (int k = next.getAndIncrement(); k < n; k = next.getAndIncrement()) {
                    int status;
                    try {
                        status = post("/v1/rentals", body.of(k)).statusCode();
                    } catch (Exception e) {
                        status = -1;
                    }
                    statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                }
                return null;
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.MINUTES)) {
            throw new IllegalStateException("bookings did not finish");
        }
        return statuses;
    }

    interface Maker {
        long make(int i) throws Exception;
    }

    static List<Long> inParallel(int clients, int n, Maker maker) throws Exception {
        Long[] ids = new Long[n];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(clients, 32));
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int c = 0; c < Math.min(clients, 32); c++) {
            done.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    ids[i] = maker.make(i);
                }
                return null;
            }));
        }
        for (var f : done) {
            f.get();
        }
        pool.shutdown();
        return List.of(ids);
    }

    static long create(String path, String json) throws Exception {
        HttpResponse<String> response = post(path, json);
        if (response.statusCode() != 201) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        Matcher m = ID.matcher(response.body());
        if (!m.find()) {
            throw new IllegalStateException("no id in " + response.body());
        }
        return Long.parseLong(m.group(1));
    }

    static HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("X-API-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static long count(Map<Integer, LongAdder> statuses, int status) {
        LongAdder n = statuses.get(status);
        return n == null ? 0 : n.sum();
    }

    static String others(Map<Integer, LongAdder> statuses, Integer... expected) {
        Map<Integer, Long> rest = new java.util.TreeMap<>();
        statuses.forEach((s, n) -> {
            if (!List.of(expected).contains(s)) {
                rest.put(s, n.sum());
            }
        });
        return rest.isEmpty() ? "none" : rest.toString();
    }
}
