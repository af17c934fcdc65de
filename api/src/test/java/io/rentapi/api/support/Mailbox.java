package io.rentapi.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.rentapi.api.config.SecurityConfig;
import io.rentapi.api.http.ApiJson;
import io.rentapi.api.mail.MailDelivery;
import io.rentapi.api.mail.MailSender;
import io.rentapi.api.mail.MailTemplates;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real SMTP server (GreenMail) and the product's mail sender pointed at it. The test suite's
 * configuration leaves sending to the tests, so {@link #deliver()} drains the queue here.
 */
public final class Mailbox implements BeforeAllCallback, AfterAllCallback {
    private static final Pattern LINK = Pattern.compile("https?://\\S+\\?token=([A-Za-z0-9_\\-%]+)");
    private GreenMail greenMail;
    private MailSender sender;

    @Override
    public void beforeAll(ExtensionContext context) {
        greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        sender = new MailSender(jdbi(), new MailTemplates(), MailDelivery.of(config(greenMail.getSmtp().getPort())),
                ApiJson.configure(ApiJson.newMapper()), Clock.systemUTC(), config(greenMail.getSmtp().getPort()));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        greenMail.stop();
    }

    private static org.jdbi.v3.core.Jdbi jdbi;

    /** The database as the product's DAOs use it, through a pool as in the product. */
    public static synchronized org.jdbi.v3.core.Jdbi jdbi() {
        if (jdbi == null) {
            org.apache.tomcat.jdbc.pool.DataSource pool = new org.apache.tomcat.jdbc.pool.DataSource();
            pool.setUrl(TestDatabase.jdbcUrl());
            pool.setUsername(TestDatabase.USER);
            pool.setPassword(TestDatabase.PASSWORD);
            pool.setMaxActive(8);
            jdbi = org.jdbi.v3.core.Jdbi.create(pool)
                    .installPlugin(new org.jdbi.v3.sqlobject.SqlObjectPlugin())
                    .installPlugin(new io.rentapi.core.db.OrgIdPlugin());
        }
        return jdbi;
    }

    public static SecurityConfig.Mail config(int port) {
        return config(Map.of("smtpHost", "127.0.0.1", "smtpPort", port));
    }

    /** The sender's settings: these over the suite's (no STARTTLS, a test sender address, big batches). */
    public static SecurityConfig.Mail config(Map<String, Object> settings) {
        Map<String, Object> all = new java.util.HashMap<>(Map.of("startTls", false, "from", "rentapi <no-reply@rentapi.test>",
                "batchSize", 200, "timeout", "5s"));
        all.putAll(settings);
        return ApiClient.JSON.convertValue(all, SecurityConfig.Mail.class);
    }

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    /** Sends everything queued, as the worker would. */
    public int deliver() {
        return sender.sendDue();
    }

    public MimeMessage[] received() {
        return greenMail.getReceivedMessages();
    }

    public static String recipients(MimeMessage message) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString)
                    .reduce((a, b) -> a + "," + b).orElse("");
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<MimeMessage> to(String address) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The one mail to the address whose subject contains the words; fails when there is not exactly one. */
    public MimeMessage only(String address, String subjectContains) {
        deliver();
        List<MimeMessage> found = to(address).stream().filter(m -> subject(m).contains(subjectContains)).toList();
        assertThat(found).as("mails to %s about '%s'", address, subjectContains).hasSize(1);
        return found.get(0);
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text/plain or text/html part of a multipart/alternative mail. */
    public static String part(MimeMessage message, String type) {
        try {
            MimeMultipart multipart = (MimeMultipart) message.getContent();
            assertThat(multipart.getContentType()).startsWith("multipart/alternative");
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType(type)) {
                    return (String) part.getContent();
                }
            }
            throw new AssertionError("no " + type + " part");
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The token of the link in the plain-text part. */
    public static String linkToken(MimeMessage message) {
        Matcher m = LINK.matcher(part(message, "text/plain"));
        assertThat(m.find()).as("a link in the mail").isTrue();
        return java.net.URLDecoder.decode(m.group(1), java.nio.charset.StandardCharsets.UTF_8);
    }
}
