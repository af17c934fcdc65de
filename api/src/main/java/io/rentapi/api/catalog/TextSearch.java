package io.rentapi.api.catalog;

import java.util.Locale;

/** Turns words a client searches for into a LIKE pattern matched with {@code ESCAPE '!'}, wildcards taken literally. */
public final class TextSearch {
    private TextSearch() {
    }

    /** Null for no search. */
    public static String likePattern(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return "%" + text.strip().toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}
