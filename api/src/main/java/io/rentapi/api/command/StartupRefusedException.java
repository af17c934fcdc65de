package io.rentapi.api.command;

/** The configuration is complete but unsafe to run with; the message says what to change. */
public final class StartupRefusedException extends RuntimeException {
    public StartupRefusedException(String message) {
        super(message);
    }
}
