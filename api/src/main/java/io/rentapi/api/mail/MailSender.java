package io.rentapi.api.mail;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rentapi.api.config.SecurityConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains {@code mail_outbox}: claims due rows with {@code FOR UPDATE SKIP LOCKED} (so any number
 * of workers never take the same mail), leases them, and sends them outside the transaction. A
 * failed send is retried with a doubling delay and marked {@code failed} after the last attempt.
 */
public final class MailSender {
    private static final Logger LOG = LoggerFactory.getLogger(MailSender.class);
    private static final TypeReference<Map<String, String>> MODEL = new TypeReference<>() {
    };

    private final Jdbi jdbi;
    private final MailTemplates templates;
    private final MailDelivery delivery;
    private final ObjectMapper json;
    private final Clock clock;
    private final SecurityConfig.Mail config;

    public MailSender(Jdbi jdbi, MailTemplates templates, MailDelivery delivery, ObjectMapper json, Clock clock,
                      SecurityConfig.Mail config) {
        this.jdbi = jdbi;
        this.templates = templates;
        this.delivery = delivery;
        this.json = json;
        this.clock = clock;
        this.config = config;
    }

    /** Sends every mail that is due now; answers how many were sent. */
    public int sendDue() {
        int sent = 0;
        while (true) {
            List<QueuedMail> batch = claim();
            if (batch.isEmpty()) {
                return sent;
            }
            for (QueuedMail mail : batch) {
                if (send(mail)) {
                    sent++;
                }
            }
            if (batch.size() < config.getBatchSize()) {
                return sent;
            }
        }
    }

    private List<QueuedMail> claim() {
        return jdbi.inTransaction(h -> {
            MailQueueDao queue = h.attach(MailQueueDao.class);
            Instant now = clock.instant();
            List<QueuedMail> due = queue.claimDue(now, config.getBatchSize());
            if (!due.isEmpty()) {
                // a worker that dies mid-send leaves its mail to be retried once the lease runs out
                Duration lease = config.getTimeout().toJavaDuration().multipliedBy(3).plus(Duration.ofMinutes(1));
                queue.lease(due.stream().map(QueuedMail::id).toList(), now.plus(lease));
            }
            return due;
        });
    }

    private boolean send(QueuedMail mail) {
        MailQueueDao queue = jdbi.onDemand(MailQueueDao.class);
        MailTemplates.Rendered rendered;
        try {
            rendered = templates.render(mail.template(), json.readValue(mail.model(), MODEL));
        } catch (MailTemplates.TemplateException | java.io.IOException e) {
            LOG.error("mail {} (template {}, org {}) cannot be rendered and is marked failed: {}", mail.id(),
                    mail.template(), mail.orgId(), e.getMessage());
            queue.markFailed(mail.id(), truncate(e.getMessage()));
            return false;
        }
        try {
            delivery.deliver(mail.recipient(), rendered);
            queue.markSent(mail.id(), clock.instant());
            return true;
        } catch (Exception e) {
            int attempts = mail.attempts() + 1;
            if (attempts >= config.getMaxAttempts()) {
                LOG.error("mail {} (template {}, org {}) failed {} times and is given up: {}", mail.id(), mail.template(),
                        mail.orgId(), attempts, e.toString());
                queue.markFailed(mail.id(), truncate(e.toString()));
            } else {
                Duration delay = config.getRetryDelay().toJavaDuration().multipliedBy(1L << Math.min(attempts - 1, 16));
                LOG.warn("mail {} (template {}, org {}) not sent (attempt {}), retry in {}: {}", mail.id(),
                        mail.template(), mail.orgId(), attempts, delay, e.toString());
                queue.retryLater(mail.id(), clock.instant().plus(delay), truncate(e.toString()));
            }
            return false;
        }
    }

    private static String truncate(String s) {
        return s == null ? null : s.length() <= 1000 ? s : s.substring(0, 1000);
    }
}
