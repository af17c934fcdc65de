package io.rentapi.core.error;

/**
 * Every error the API can answer, with its stable {@code code}. Clients branch on the code, so a
 * code, once published, never changes meaning. The HTTP status lives here too because it is part
 * of that contract; only the mappers in {@code api} turn it into a response.
 */
public enum ErrorCode {
    MALFORMED_JSON(400, "Malformed JSON"),
    INVALID_FIELD_TYPE(400, "A field has the wrong type"),
    UNKNOWN_FIELD(400, "Unknown field"),
    MISSING_BODY(400, "Request body required"),
    INVALID_PARAMETER(400, "Invalid parameter"),
    INVALID_IDEMPOTENCY_KEY(400, "Invalid Idempotency-Key"),
    BAD_REQUEST(400, "Bad request"),
    UNAUTHENTICATED(401, "Authentication required"),
    INVALID_CREDENTIALS(401, "Invalid credentials"),
    INVALID_TOKEN(401, "Invalid access token"),
    TOKEN_EXPIRED(401, "Access token expired"),
    INVALID_REFRESH_TOKEN(401, "Invalid refresh token"),
    REFRESH_TOKEN_REUSED(401, "Refresh token reused"),
    INVALID_API_KEY(401, "Invalid API key"),
    API_KEY_REVOKED(401, "API key revoked"),
    API_KEY_EXPIRED(401, "API key expired"),
    API_KEY_IP_NOT_ALLOWED(403, "API key not allowed from this address"),
    PERMISSION_DENIED(403, "Permission denied"),
    PEOPLE_ONLY(403, "Only people can do this"),
    NOT_FOUND(404, "Not found"),
    ROUTE_NOT_FOUND(404, "No such route"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    EMAIL_TAKEN(409, "E-mail already registered"),
    ALREADY_MEMBER(409, "Already a member"),
    LAST_OWNER(409, "An organization needs an owner"),
    API_KEY_INACTIVE(409, "API key is revoked or expired"),
    IDEMPOTENCY_REQUEST_IN_PROGRESS(409, "A request with this Idempotency-Key is in progress"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    VALIDATION_FAILED(422, "Validation failed"),
    IDEMPOTENCY_KEY_REUSED(422, "Idempotency-Key reused with a different request"),
    RATE_LIMITED(429, "Too many requests"),
    INTERNAL_ERROR(500, "Internal error"),
    SERVICE_UNAVAILABLE(503, "Service unavailable"),

    // ---- rentals ----
    RENTAL_OVERLAP(409, "The item is already booked for that period"),
    INVALID_RENTAL_TRANSITION(409, "The rental cannot make this change in its current status"),
    INVALID_ITEM_TRANSITION(409, "The item cannot move to that status"),
    ITEM_NOT_RENTABLE(409, "The item cannot be rented now"),
    CUSTOMER_BLOCKED(409, "The customer is blocked"),
    SKU_TAKEN(409, "SKU already used"),
    BRAND_NAME_TAKEN(409, "Brand name already used"),
    BRAND_IN_USE(409, "The brand is used by items"),
    CURRENCY_MISMATCH(422, "Items priced in different currencies"),
    ITEM_STILL_OUT(409, "The item is still out on another rental"),
    ITEM_HAS_LIVE_RENTALS(409, "Live rentals still hold the item"),
    ITEM_NOT_PRICED(422, "The item has no rate to price a rental"),

    // ---- webhooks ----
    WEBHOOK_ENDPOINT_DISABLED(409, "Webhook endpoint is disabled"),
    WEBHOOK_DELIVERY_PENDING(409, "Webhook delivery is still pending"),

    // ---- billing ----
    SUBSCRIPTION_EXISTS(409, "The organization already has a subscription"),
    SUBSCRIPTION_STATE(409, "Not allowed in the subscription's state"),
    PROVIDER_NOT_CONFIGURED(422, "Payment provider not configured"),
    INVOICE_NOT_PAYABLE(409, "Invoice cannot be paid"),
    PAYMENT_NOT_REFUNDABLE(409, "Payment cannot be refunded"),
    PAYMENT_METHOD_NOT_FOUND(404, "No saved payment method"),
    PAYMENT_PROVIDER_ERROR(502, "Payment provider error"),
    INVALID_WEBHOOK_SIGNATURE(400, "Invalid webhook signature"),
    PLAN_CODE_TAKEN(409, "Plan code already used"),

    // ---- account security ----
    TWO_FACTOR_REQUIRED(401, "Two-factor code required") {
        @Override
        public String code() {
            return "2fa_required";
        }
    },
    INVALID_TWO_FACTOR_CODE(401, "Invalid two-factor code"),
    TWO_FACTOR_ALREADY_ENABLED(409, "Two-factor authentication already enabled"),
    TWO_FACTOR_NOT_SET_UP(409, "Two-factor authentication not set up"),
    TWO_FACTOR_ENROLLMENT_REQUIRED(403, "The organization requires two-factor authentication"),
    LOGIN_LOCKED(429, "Too many failed log-ins"),
    INVALID_ACCOUNT_TOKEN(400, "Invalid or expired link"),
    EMAIL_NOT_VERIFIED(403, "E-mail address not verified"),
    INVITATION_INACTIVE(409, "Invitation no longer valid"),

    ;

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    /** The stable, snake_case code clients see. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
