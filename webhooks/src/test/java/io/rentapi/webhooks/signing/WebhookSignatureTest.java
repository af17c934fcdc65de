package io.rentapi.webhooks.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    /** The example of the Standard Webhooks specification's reference test suite. */
    @Test
    void signsAsTheSpecificationsExample() {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String body = "{\"test\": 2432232314}";
        String header = WebhookSignature.header("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                body.getBytes(StandardCharsets.UTF_8), List.of(secret));
        assertThat(header).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void everySigningSecretAddsASignature() {
        String header = WebhookSignature.header("evt_1", 1, new byte[0],
                List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        assertThat(header.split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
    }
}
