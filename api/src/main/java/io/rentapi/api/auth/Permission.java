package io.rentapi.api.auth;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a caller may do, as {@code resource:action}. API key scopes are these same names. Roles map
 * to sets of them in {@link Role}, the one place that decides who may do what.
 */
public enum Permission {
    ORG_READ, ORG_MANAGE,
    MEMBERS_READ, MEMBERS_MANAGE, INVITATIONS_MANAGE, SECURITY_MANAGE, AUDIT_LOG_READ,
    API_KEYS_READ, API_KEYS_MANAGE, USAGE_READ,
    WEBHOOKS_READ, WEBHOOKS_MANAGE, EVENTS_READ,
    PLANS_READ, BILLING_READ, BILLING_MANAGE, SUBSCRIPTIONS_MANAGE, INVOICES_READ, PAYMENTS_READ, PAYMENTS_REFUND,
    ITEMS_READ, ITEMS_WRITE, CATEGORIES_READ, CATEGORIES_WRITE, LOCATIONS_READ, LOCATIONS_WRITE,
    BRANDS_READ, BRANDS_WRITE,
    CUSTOMERS_READ, CUSTOMERS_WRITE, AVAILABILITY_READ,
    RENTALS_READ, RENTALS_WRITE, RENTALS_CHECK_OUT, RENTALS_RETURN, RENTALS_CANCEL;

    private final String value;

    Permission() {
        String n = name().toLowerCase(Locale.ROOT);
        String resource = n.substring(0, n.lastIndexOf('_'));
        String action = n.substring(n.lastIndexOf('_') + 1);
        // two-word actions: rentals:check_out
        if (n.endsWith("_check_out")) {
            resource = n.substring(0, n.length() - "_check_out".length());
            action = "check_out";
        }
        this.value = resource + ":" + action;
    }

    @JsonValue
    public String value() {
        return value;
    }

    private static final java.util.Map<String, Permission> BY_VALUE = Arrays.stream(values())
            .collect(java.util.stream.Collectors.toUnmodifiableMap(Permission::value, p -> p));

    public static Optional<Permission> parse(String value) {
        return Optional.ofNullable(BY_VALUE.get(value));
    }

    public boolean isRead() {
        return value.endsWith(":read");
    }
}
