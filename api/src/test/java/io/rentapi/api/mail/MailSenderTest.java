package io.rentapi.api.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rentapi.api.http.ApiJson;
import io.rentapi.api.support.JarProcess;
import io.rentapi.api.support.Mailbox;
import io.rentapi.api.support.MutableClock;
import io.rentapi.api.support.TestApp;
import io.rentapi.core.mail.Mail;
import io.rentapi.core.mail.MailOutbox;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The worker's mail sender against a real SMTP server (GreenMail) and one that is down. */
@ExtendWith(TestApp.class)
class MailSenderTest {
    @RegisterExtension
    static final Mailbox MAILBOX = new Mailbox();

    private final ObjectMapper json = ApiJson.configure(ApiJson.newMapper());
    private final Jdbi jdbi = Mailbox.jdbi();
    private MutableClock clock;

    @BeforeEach
    void emptyTheQueue() {
        MAILBOX.deliver(); // what other tests queued
        clock = new MutableClock(Instant.now());
    }

    private long enqueue(String to, String template, Map<String, String> model) {
        MailOutbox outbox = new MailOutbox(json, clock);
        return jdbi.inTransaction(h -> outbox.enqueue(h, new Mail(null, to, template, model)));
    }

    private MailSender sender(Map<String, Object> settings) {
        var config = Mailbox.config(settings);
        return new MailSender(jdbi, new MailTemplates(), MailDelivery.of(config), json, clock, config);
    }

    private Map<String, Object> row(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT status, attempts, next_attempt_at, last_error FROM mail_outbox WHERE id = :id")
                .bind("id", id).mapToMap().one());
    }

    private static Map<String, String> resetModel(String name) {
        return Map.of("name", name, "link", "http://app.test/reset-password?token=abc", "expires_in", "1 hour");
    }

    @Test
    void aFailedSendIsRetriedWithAGrowingDelayThenMarkedFailed() throws Exception {
        String to = "retry-" + UUID.randomUUID() + "@example.com";
        long id = enqueue(to, "password_reset", resetModel("Ada"));
        MailSender down = sender(Map.of("smtpHost", "127.0.0.1", "smtpPort", JarProcess.freePort(),
                "maxAttempts", 3, "retryDelay", "10s"));

        assertThat(down.sendDue()).isZero();
        assertThat(row(id)).containsEntry("status", "pending").containsEntry("attempts", 1);
        assertThat(row(id).get("last_error").toString()).isNotBlank();
        assertThat(down.sendDue()).as("not due before its delay").isZero();
        assertThat(row(id)).containsEntry("attempts", 1);

        clock.advance(Duration.ofSeconds(10));
        down.sendDue();
        assertThat(row(id)).containsEntry("attempts", 2).containsEntry("status", "pending");
        clock.advance(Duration.ofSeconds(10));
        down.sendDue();
        assertThat(row(id)).as("the second delay is twice the first").containsEntry("attempts", 2);
        clock.advance(Duration.ofSeconds(10));
        down.sendDue();
        assertThat(row(id)).containsEntry("attempts", 3).containsEntry("status", "failed");
        clock.advance(Duration.ofHours(1));
        down.sendDue();
        assertThat(row(id)).containsEntry("attempts", 3);
    }

    @Test
    void aMailThatFailedOnceIsSentWhenTheServerIsBackAsTextAndEscapedHtml() throws Exception {
        String to = "back-" + UUID.randomUUID() + "@example.com";
        long id = enqueue(to, "password_reset", resetModel("<Ada & \"Co\">"));
        sender(Map.of("smtpHost", "127.0.0.1", "smtpPort", JarProcess.freePort(), "retryDelay", "10s")).sendDue();
        MailSender up = sender(Map.of("smtpHost", "127.0.0.1", "smtpPort", MAILBOX.port()));
        assertThat(up.sendDue()).isZero();
        clock.advance(Duration.ofSeconds(10));
        assertThat(up.sendDue()).isEqualTo(1);
        assertThat(row(id)).containsEntry("status", "sent").containsEntry("attempts", 2);

        MimeMessage mail = MAILBOX.to(to).get(0);
        assertThat(mail.getFrom()[0].toString()).contains("no-reply@rentapi.test");
        assertThat(Mailbox.subject(mail)).isEqualTo("Reset your rentapi password");
        assertThat(Mailbox.part(mail, "text/plain")).contains("Hello <Ada & \"Co\">,");
        assertThat(Mailbox.part(mail, "text/html")).contains("Hello &lt;Ada &amp; &quot;Co&quot;&gt;,")
                .contains("href=\"http://app.test/reset-password?token=abc\"");
    }

    @Test
    void aMailThatCannotBeRenderedFailsAtOnce() {
        long unknown = enqueue("x-" + UUID.randomUUID() + "@example.com", "no_such_template", Map.of());
        long missing = enqueue("y-" + UUID.randomUUID() + "@example.com", "password_reset", Map.of("name", "only a name"));
        sender(Map.of("smtpHost", "127.0.0.1", "smtpPort", MAILBOX.port())).sendDue();
        assertThat(row(unknown)).containsEntry("status", "failed").containsEntry("attempts", 1);
        assertThat(row(missing)).containsEntry("status", "failed");
        assertThat(row(missing).get("last_error").toString()).contains("{{link}}");
    }

    @Test
    void withoutSmtpMailIsWrittenToTheLogAndCountsAsSent() {
        long id = enqueue("log-" + UUID.randomUUID() + "@example.com", "password_reset", resetModel("Ada"));
        assertThat(sender(Map.of("smtpHost", "")).sendDue()).isEqualTo(1);
        assertThat(row(id)).containsEntry("status", "sent");
    }

    @Test
    void workersRacingForTheQueueSendEveryMailExactlyOnce() throws Exception {
        String domain = UUID.randomUUID() + ".example.com";
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ids.add(enqueue("race-" + i + "@" + domain, "password_reset", resetModel("Racer " + i)));
        }
        int workers = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<Integer>> sent = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            MailSender worker = sender(Map.of("smtpHost", "127.0.0.1", "smtpPort", MAILBOX.port(), "batchSize", 5));
            Callable<Integer> drain = () -> {
                start.await();
                return worker.sendDue();
            };
            sent.add(pool.submit(drain));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> f : sent) {
            total += f.get();
        }
        pool.shutdown();
        assertThat(total).isEqualTo(60);
        long received = java.util.Arrays.stream(MAILBOX.received())
                .filter(m -> Mailbox.recipients(m).endsWith("@" + domain)).count();
        assertThat(received).as("no mail twice").isEqualTo(60);
        assertThat(ids).allSatisfy(id -> assertThat(row(id)).containsEntry("status", "sent").containsEntry("attempts", 1));
    }
}
