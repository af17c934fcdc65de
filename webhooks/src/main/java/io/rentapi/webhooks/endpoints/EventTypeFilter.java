package io.rentapi.webhooks.endpoints;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** Exact event types and {@code prefix.*} wildcards; an empty filter lets every type through. */
public record EventTypeFilter(List<String> entries) {
    private static final Pattern ENTRY = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*(\\.\\*)?");

    public EventTypeFilter {
        entries = List.copyOf(entries);
    }

    public static EventTypeFilter parse(String stored) {
        return new EventTypeFilter(stored == null || stored.isBlank() ? List.of()
                : Arrays.asList(stored.trim().split(" +")));
    }

    public static boolean isValidEntry(String entry) {
        return entry != null && entry.length() <= 100 && ENTRY.matcher(entry).matches();
    }

    public String toStored() {
        return String.join(" ", entries);
    }

    public boolean matches(String type) {
        if (entries.isEmpty()) {
            return true;
        }
        for (String entry : entries) {
            if (entry.endsWith(".*") ? type.startsWith(entry.substring(0, entry.length() - 1)) : entry.equals(type)) {
                return true;
            }
        }
        return false;
    }
}
