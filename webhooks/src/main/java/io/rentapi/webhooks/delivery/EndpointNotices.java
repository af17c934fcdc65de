package io.rentapi.webhooks.delivery;

import io.rentapi.core.mail.Mail;
import io.rentapi.core.mail.MailOutbox;
import io.rentapi.core.outbox.Outbox;
import io.rentapi.webhooks.endpoints.WebhookEndpoint;
import io.rentapi.webhooks.endpoints.WebhookEndpointDao;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** Tells an organization its endpoint was disabled: an {@code endpoint.disabled} event and mail to owners and admins. */
public final class EndpointNotices {
    public static final String EVENT = "endpoint.disabled";
    public static final String TEMPLATE = "webhook-endpoint-disabled";
    public static final String GONE = "gone";
    public static final String FAILING = "failing";

    private final Outbox outbox;
    private final MailOutbox mail;

    public EndpointNotices(Outbox outbox, MailOutbox mail) {
        this.outbox = outbox;
        this.mail = mail;
    }

    /** Disables the endpoint in the caller's transaction; notifies only if this call disabled it. */
    public boolean disable(Handle transaction, WebhookEndpoint endpoint, String reason, java.time.Instant now) {
        WebhookEndpointDao endpoints = transaction.attach(WebhookEndpointDao.class);
        if (endpoints.disable(endpoint.orgId(), endpoint.id(), reason, now) == 0) {
            return false;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", endpoint.id());
        data.put("object", "webhook_endpoint");
        data.put("url", endpoint.url());
        data.put("reason", reason);
        data.put("disabled_at", now.toString());
        outbox.append(transaction, endpoint.orgId(), EVENT, data);
        String because = GONE.equals(reason)
                ? "it answered 410 Gone"
                : "every delivery to it has failed for 5 days";
        for (String to : endpoints.adminEmails(endpoint.orgId())) {
            mail.enqueue(transaction, new Mail(endpoint.orgId(), to, TEMPLATE, Map.of(
                    "endpoint_id", Long.toString(endpoint.id()),
                    "url", endpoint.url(),
                    "reason", because)));
        }
        return true;
    }
}
