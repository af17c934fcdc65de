package io.rentapi.api.keys;

import io.rentapi.core.error.ApiException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** A list of IPv4/IPv6 addresses and CIDR ranges; empty means any address. */
public final class IpAllowlist {
    /** Dotted-quad IPv4 or IPv6 text, optionally with a prefix: never a name, never inet_aton's short forms. */
    private static final Pattern LITERAL =
            Pattern.compile("(\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*)(/\\d{1,3})?");
    private final List<String> entries;
    private final List<Range> ranges;

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            BigInteger mask = BigInteger.ONE.shiftLeft(address.length * 8).subtract(BigInteger.ONE)
                    .shiftRight(prefix).not();
            return new BigInteger(1, address).and(mask).equals(new BigInteger(1, network).and(mask));
        }
    }

    private IpAllowlist(List<String> entries, List<Range> ranges) {
        this.entries = List.copyOf(entries);
        this.ranges = List.copyOf(ranges);
    }

    public static IpAllowlist any() {
        return new IpAllowlist(List.of(), List.of());
    }

    /** Parses what a client sent; each bad entry is a field error under {@code field}. */
    public static IpAllowlist parse(List<String> values, String field) {
        List<String> entries = new ArrayList<>();
        List<Range> ranges = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i) == null ? "" : values.get(i).strip();
            Range range = toRange(value);
            if (range == null) {
                throw ApiException.invalid(field + "[" + i + "]", "is not an IP address or CIDR range");
            }
            entries.add(value);
            ranges.add(range);
        }
        return new IpAllowlist(entries, ranges);
    }

    /** Reads the stored, space-separated form. */
    public static IpAllowlist stored(String stored) {
        return stored == null || stored.isBlank() ? any() : parse(Arrays.asList(stored.split(" ")), "allowed_ips");
    }

    public String toStored() {
        return entries.isEmpty() ? null : String.join(" ", entries);
    }

    public List<String> entries() {
        return entries;
    }

    /** True when the list restricts nothing, so the caller's address need not be worked out. */
    public boolean isAny() {
        return ranges.isEmpty();
    }

    public boolean allows(InetAddress address) {
        return ranges.isEmpty() || ranges.stream().anyMatch(r -> r.contains(address.getAddress()));
    }

    private static Range toRange(String value) {
        if (!LITERAL.matcher(value).matches()) {
            return null; // refuse names: InetAddress would resolve them
        }
        String[] parts = value.split("/", 2);
        try {
            byte[] address = InetAddress.getByName(parts[0]).getAddress();
            int max = address.length * 8;
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : max;
            return prefix < 0 || prefix > max ? null : new Range(address, prefix);
        } catch (UnknownHostException | NumberFormatException e) {
            return null;
        }
    }
}
