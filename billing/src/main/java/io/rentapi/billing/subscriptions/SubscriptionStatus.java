package io.rentapi.billing.subscriptions;

import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The states of a subscription and the only moves between them. */
public enum SubscriptionStatus {
    TRIALING, ACTIVE, PAST_DUE, CANCELED, PAUSED;

    /** States in which the organization has its plan; the quota code reads the same list in SQL. */
    public static final Set<SubscriptionStatus> LIVE = EnumSet.of(TRIALING, ACTIVE, PAST_DUE);

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SubscriptionStatus parse(String stored) {
        return valueOf(stored.toUpperCase(Locale.ROOT));
    }

    public Set<SubscriptionStatus> next() {
        return switch (this) {
            case TRIALING -> EnumSet.of(ACTIVE, PAST_DUE, CANCELED);
            case ACTIVE -> EnumSet.of(PAST_DUE, CANCELED, PAUSED);
            case PAST_DUE -> EnumSet.of(ACTIVE, CANCELED);
            case PAUSED -> EnumSet.of(ACTIVE, CANCELED);
            case CANCELED -> EnumSet.noneOf(SubscriptionStatus.class);
        };
    }

    public boolean canMoveTo(SubscriptionStatus to) {
        return next().contains(to);
    }

    /** Refuses a move the state machine does not allow, with a 409 the caller can read. */
    public void require(SubscriptionStatus to, String action) {
        if (!canMoveTo(to)) {
            throw new ApiException(ErrorCode.SUBSCRIPTION_STATE,
                    "A " + value() + " subscription cannot be " + action + ".");
        }
    }
}
