package io.rentapi.api.mail;

import io.rentapi.api.config.SecurityConfig;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands one rendered mail to the world: an SMTP server, or the log when none is configured. */
public interface MailDelivery {
    void deliver(String to, MailTemplates.Rendered mail) throws MessagingException;

    static MailDelivery of(SecurityConfig.Mail config) {
        return config.smtpHost().<MailDelivery>map(host -> new Smtp(config, host)).orElseGet(Log::new);
    }

    /** multipart/alternative (plain text, then HTML) through Jakarta Mail. */
    final class Smtp implements MailDelivery {
        private final Session session;
        private final InternetAddress from;
        private final String username;
        private final String password;

        Smtp(SecurityConfig.Mail config, String host) {
            Properties props = new Properties();
            props.put("mail.smtp.host", host);
            props.put("mail.smtp.port", Integer.toString(config.getSmtpPort()));
            String timeout = Long.toString(config.getTimeout().toMilliseconds());
            props.put("mail.smtp.connectiontimeout", timeout);
            props.put("mail.smtp.timeout", timeout);
            props.put("mail.smtp.writetimeout", timeout);
            props.put("mail.smtp.starttls.enable", Boolean.toString(config.isStartTls()));
            boolean auth = !config.getSmtpUsername().isBlank();
            props.put("mail.smtp.auth", Boolean.toString(auth));
            this.session = Session.getInstance(props);
            this.username = auth ? config.getSmtpUsername() : null;
            this.password = auth ? config.getSmtpPassword() : null;
            try {
                this.from = new InternetAddress(config.getFrom(), true);
            } catch (MessagingException e) {
                throw new IllegalArgumentException("security.mail.from is not an address: " + config.getFrom(), e);
            }
        }

        @Override
        public void deliver(String to, MailTemplates.Rendered mail) throws MessagingException {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(from);
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
            message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
            MimeMultipart alternative = new MimeMultipart("alternative", text, html);
            message.setContent(alternative);
            message.saveChanges();
            if (username == null) {
                Transport.send(message);
            } else {
                Transport.send(message, username, password);
            }
        }
    }

    /** Without SMTP (development) the mail goes to the log, links and all. */
    final class Log implements MailDelivery {
        private static final Logger LOG = LoggerFactory.getLogger("io.rentapi.mail");

        @Override
        public void deliver(String to, MailTemplates.Rendered mail) {
            LOG.info("mail to {} (no SMTP configured, so logged instead of sent)\nSubject: {}\n\n{}", to, mail.subject(),
                    mail.text());
        }
    }
}
