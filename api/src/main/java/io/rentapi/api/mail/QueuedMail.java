package io.rentapi.api.mail;

/** A row of {@code mail_outbox} claimed for sending. */
public record QueuedMail(long id, Long orgId, String recipient, String template, String model, int attempts) {
}
