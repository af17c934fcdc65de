package io.rentapi.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.Optional;

/** Account security: mail, links in mail, 2FA secrets, log-in lockout, token lifetimes. */
public class SecurityConfig {
    /** Where the people's web application lives; links in mail point there. */
    @NotNull
    @JsonProperty
    private String appBaseUrl = "https://app.rentapi.io";

    /**
     * AES-256 key (base64 of 32 bytes) that encrypts TOTP secrets at rest; generate with
     * {@code openssl rand -base64 32}. Without it 2FA answers 503, except under {@code dev}, which
     * uses {@link #developmentTotpKey()}.
     */
    @JsonProperty
    private String totpEncryptionKey = "";

    /**
     * The key {@code dev} encrypts with when none is set: derived, not stored, stable across
     * restarts so the dev database stays readable, and refused everywhere else.
     */
    public static String developmentTotpKey() {
        try {
            return java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                    .digest("rentapi development-only TOTP key".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @NotNull
    @JsonProperty
    private String totpIssuer = "rentapi";

    @NotNull
    @JsonProperty
    private Duration passwordResetTtl = Duration.hours(1);

    @NotNull
    @JsonProperty
    private Duration emailVerificationTtl = Duration.days(2);

    @NotNull
    @JsonProperty
    private Duration invitationTtl = Duration.days(7);

    @Valid
    @NotNull
    @JsonProperty
    private Lockout accountLockout = new Lockout(5, Duration.minutes(15), Duration.minutes(5));

    @Valid
    @NotNull
    @JsonProperty
    private Lockout ipLockout = new Lockout(50, Duration.minutes(15), Duration.minutes(5));

    @Valid
    @NotNull
    @JsonProperty
    private Mail mail = new Mail();

    public String getAppBaseUrl() {
        return appBaseUrl;
    }

    public String getTotpEncryptionKey() {
        return totpEncryptionKey;
    }

    public String getTotpIssuer() {
        return totpIssuer;
    }

    public Duration getPasswordResetTtl() {
        return passwordResetTtl;
    }

    public Duration getEmailVerificationTtl() {
        return emailVerificationTtl;
    }

    public Duration getInvitationTtl() {
        return invitationTtl;
    }

    public Lockout getAccountLockout() {
        return accountLockout;
    }

    public Lockout getIpLockout() {
        return ipLockout;
    }

    public Mail getMail() {
        return mail;
    }

    /**
     * After {@code maxFailures} failed log-ins within {@code window}, attempts are refused for
     * {@code lockout}, doubled for each further lockout (up to {@code maxLockout}) until a
     * success or a quiet day clears the record.
     */
    public static class Lockout {
        @Min(1)
        @JsonProperty
        private int maxFailures;

        @NotNull
        @JsonProperty
        private Duration window;

        @NotNull
        @JsonProperty
        private Duration lockout;

        @NotNull
        @JsonProperty
        private Duration maxLockout = Duration.hours(12);

        public Lockout() {
        }

        Lockout(int maxFailures, Duration window, Duration lockout) {
            this.maxFailures = maxFailures;
            this.window = window;
            this.lockout = lockout;
        }

        public int getMaxFailures() {
            return maxFailures;
        }

        public Duration getWindow() {
            return window;
        }

        public Duration getLockout() {
            return lockout;
        }

        public Duration getMaxLockout() {
            return maxLockout;
        }
    }

    /** Outgoing mail: queued by requests, sent by the worker. Without an SMTP host mail is written to the log. */
    public static class Mail {
        /** Whether this process's worker sends queued mail. */
        @JsonProperty
        private boolean senderEnabled = true;

        @JsonProperty
        private String smtpHost = "";

        @Min(1)
        @Max(65535)
        @JsonProperty
        private int smtpPort = 587;

        @JsonProperty
        private String smtpUsername = "";

        @JsonProperty
        private String smtpPassword = "";

        @JsonProperty
        private boolean startTls = true;

        @NotNull
        @JsonProperty
        private String from = "rentapi <no-reply@rentapi.io>";

        @NotNull
        @JsonProperty
        private Duration pollInterval = Duration.seconds(2);

        @Min(1)
        @Max(500)
        @JsonProperty
        private int batchSize = 20;

        @Min(1)
        @Max(50)
        @JsonProperty
        private int maxAttempts = 8;

        /** The first retry's delay; each further one doubles it. */
        @NotNull
        @JsonProperty
        private Duration retryDelay = Duration.seconds(30);

        @NotNull
        @JsonProperty
        private Duration timeout = Duration.seconds(20);

        public boolean isSenderEnabled() {
            return senderEnabled;
        }

        public Optional<String> smtpHost() {
            return smtpHost == null || smtpHost.isBlank() ? Optional.empty() : Optional.of(smtpHost.strip());
        }

        public int getSmtpPort() {
            return smtpPort;
        }

        public String getSmtpUsername() {
            return smtpUsername;
        }

        public String getSmtpPassword() {
            return smtpPassword;
        }

        public boolean isStartTls() {
            return startTls;
        }

        public String getFrom() {
            return from;
        }

        public Duration getPollInterval() {
            return pollInterval;
        }

        public int getBatchSize() {
            return batchSize;
        }

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public Duration getRetryDelay() {
            return retryDelay;
        }

        public Duration getTimeout() {
            return timeout;
        }
    }
}
