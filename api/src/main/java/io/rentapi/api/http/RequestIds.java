package io.rentapi.api.http;

import java.util.concurrent.ThreadLocalRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/** The request id of the request this thread is serving, as the logs and problem documents show it. */
public final class RequestIds {
    public static final String HEADER = "Request-Id";
    public static final String MDC_KEY = "request_id";
    /** A caller's own id is kept when it is short and plain, so it can be logged safely. */
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{8,128}");

    private RequestIds() {
    }

    public static String current() {
        return MDC.get(MDC_KEY);
    }

    static String acceptOrCreate(String fromCaller) {
        if (fromCaller != null && ACCEPTABLE.matcher(fromCaller).matches()) {
            return fromCaller;
        }
        // unique, not secret: no need for the (contended) SecureRandom on every request
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "req_" + HexFormat.of().toHexDigits(random.nextLong()).substring(8) + HexFormat.of().toHexDigits(random.nextLong());
    }
}
