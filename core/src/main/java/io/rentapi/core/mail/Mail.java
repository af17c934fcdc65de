package io.rentapi.core.mail;

import io.rentapi.core.tenancy.OrgId;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One message to one person: which template, and the values its {@code {{placeholders}}} take.
 * Templates are resources {@code mail/<template>.subject}, {@code .txt} and {@code .html}; a
 * template's name is checked here, when the mail is queued, by the same rule the sender renders it
 * by, so a name the sender would refuse fails the change that queues it instead of the mail.
 *
 * @param orgId the organization the message concerns, or null for account mail (password reset)
 */
public record Mail(OrgId orgId, String to, String template, Map<String, String> model) {
    /** Lower case, digits, '-' and '_': part of a resource path, so never '/' or '.'; fits {@code mail_outbox.template}. */
    public static final Pattern TEMPLATE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,99}");

    public Mail {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(template, "template");
        if (!TEMPLATE_NAME.matcher(template).matches()) {
            throw new IllegalArgumentException("bad mail template name " + template);
        }
        model = Map.copyOf(model);
    }
}
