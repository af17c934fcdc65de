package io.rentapi.api.auth;

import static io.rentapi.api.auth.Permission.*;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** A member's role in an organization, and the permissions it grants. */
public enum Role {
    OWNER(EnumSet.allOf(Permission.class)),
    /** Runs the organization, but money moves only through owners and billing members. */
    ADMIN(EnumSet.complementOf(EnumSet.of(BILLING_MANAGE, SUBSCRIPTIONS_MANAGE, PAYMENTS_REFUND))),
    /** Builds against the API: keys, webhooks, the whole rental domain; reads the rest. */
    DEVELOPER(developer()),
    BILLING(EnumSet.of(ORG_READ, MEMBERS_READ, PLANS_READ, BILLING_READ, BILLING_MANAGE, SUBSCRIPTIONS_MANAGE,
            INVOICES_READ, PAYMENTS_READ, PAYMENTS_REFUND, USAGE_READ)),
    VIEWER(EnumSet.of(ORG_READ, MEMBERS_READ, PLANS_READ, ITEMS_READ, CATEGORIES_READ, LOCATIONS_READ,
            BRANDS_READ, CUSTOMERS_READ, AVAILABILITY_READ, RENTALS_READ, EVENTS_READ, USAGE_READ));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = java.util.Collections.unmodifiableSet(EnumSet.copyOf(permissions));
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a stored role; JSON uses {@link #value()} both ways through Jackson's enum support. */
    public static Role parse(String value) {
        return Arrays.stream(values()).filter(r -> r.value().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown role " + value));
    }

    private static Set<Permission> reads() {
        EnumSet<Permission> reads = EnumSet.noneOf(Permission.class);
        for (Permission p : Permission.values()) {
            if (p.isRead()) {
                reads.add(p);
            }
        }
        return reads;
    }

    private static Set<Permission> developer() {
        Set<Permission> developer = reads();
        developer.remove(AUDIT_LOG_READ);
        developer.addAll(EnumSet.of(API_KEYS_MANAGE, WEBHOOKS_MANAGE, ITEMS_WRITE, CATEGORIES_WRITE, LOCATIONS_WRITE,
                BRANDS_WRITE, CUSTOMERS_WRITE, RENTALS_WRITE, RENTALS_CHECK_OUT, RENTALS_RETURN, RENTALS_CANCEL));
        return developer;
    }
}
