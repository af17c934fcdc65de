package io.rentapi.core.mail;

import io.rentapi.core.tenancy.OrgId;
import java.util.Map;
import java.util.Objects;

/**
 * One message to one person: which template, and the values its {@code {{placeholders}}} take.
 * Templates are resources {@code mail/<template>.subject}, {@code .txt} and {@code .html}.
 *
 * @param orgId the organization the message concerns, or null for account mail (password reset)
 */
public record Mail(OrgId orgId, String to, String template, Map<String, String> model) {
    public Mail {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(template, "template");
        model = Map.copyOf(model);
    }
}
