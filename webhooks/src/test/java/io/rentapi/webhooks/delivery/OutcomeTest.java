package io.rentapi.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Outcomes always fit the columns they are written to, whatever receivers and the network said. */
class OutcomeTest {
    private static Outcome notReached(String error) {
        return new Outcome(null, null, Outcome.Kind.NOT_REACHED, Instant.EPOCH, null, 0, error, null, Optional.empty());
    }

    @Test
    void anErrorNamingAVeryLongUrlIsCutToTheErrorColumn() {
        String url = "https://hooks.example.com/" + "a".repeat(2048 - 26);
        Outcome outcome = notReached("cannot send to " + url + ": Illegal character in path");

        assertThat(outcome.error()).hasSize(1000).startsWith("cannot send to https://hooks.example.com/aaa");
    }

    @Test
    void nulBecomesAReplacementCharacterAndTheExcerptKeepsToFourThousandCharacters() {
        String body = "x".repeat(4095) + "\u0000" + "y".repeat(100);
        Outcome outcome = new Outcome(null, null, Outcome.Kind.RESPONDED, Instant.EPOCH, 500, 3, "HTTP 500\u0000",
                body, Optional.empty());

        assertThat(outcome.error()).isEqualTo("HTTP 500\uFFFD");
        assertThat(outcome.responseBody()).hasSize(4096).endsWith("x\uFFFD").doesNotContain("\u0000");
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String error = "e".repeat(999) + "\uD83D\uDE00"; // an emoji across the 1000th character

        assertThat(notReached(error).error()).isEqualTo("e".repeat(999));
    }

    @Test
    void textThatFitsIsKeptAsItIs() {
        assertThat(notReached("connection failed: Connection refused").error())
                .isEqualTo("connection failed: Connection refused");
        assertThat(notReached(null).error()).isNull();
    }
}
