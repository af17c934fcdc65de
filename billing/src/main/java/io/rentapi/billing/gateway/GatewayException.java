package io.rentapi.billing.gateway;

/**
 * A provider call that did not give a clear answer. {@code uncertain} means the provider may have
 * acted (timeout, connection reset after sending): the payment becomes {@code unknown} and
 * reconciliation asks again later.
 */
public final class GatewayException extends RuntimeException {
    private final boolean uncertain;

    public GatewayException(String message, boolean uncertain, Throwable cause) {
        super(message, cause);
        this.uncertain = uncertain;
    }

    public boolean uncertain() {
        return uncertain;
    }
}
