package io.rentapi.api.support;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Row counts of every table, to prove that a refused request wrote nothing. Tables that account
 * for requests themselves (usage counts, which refused requests rightly add to) are left out.
 */
public final class DatabaseSnapshot {
    private static final java.util.Set<String> REQUEST_ACCOUNTING = java.util.Set.of("api_key_usage");

    private DatabaseSnapshot() {
    }

    public static Map<String, Long> rowCounts() {
        return TestApp.jdbi().withHandle(h -> {
            List<String> tables = h.createQuery("""
                    SELECT table_name FROM information_schema.tables
                     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                       AND table_name NOT LIKE 'databasechangelog%'
                    """).mapTo(String.class).list();
            Map<String, Long> counts = new TreeMap<>();
            tables.removeAll(REQUEST_ACCOUNTING);
            for (String table : tables) {
                counts.put(table, h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
            }
            return counts;
        });
    }
}
