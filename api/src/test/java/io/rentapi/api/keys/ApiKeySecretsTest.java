package io.rentapi.api.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeySecretsTest {
    @Test
    void secretsCarryAChecksumThatCatchesEveryOneCharacterChange() {
        ApiKeySecrets.Secret secret = ApiKeySecrets.generate(ApiKeySecrets.LIVE);
        assertThat(secret.value()).startsWith("sk_live_").hasSize(58);
        assertThat(ApiKeySecrets.wellFormed(secret.value())).isTrue();
        assertThat(secret.toString()).doesNotContain(secret.value().substring(8, 40));
        String value = secret.value();
        for (int i = 8; i < value.length(); i++) {
            char c = value.charAt(i) == 'Z' ? 'Y' : 'Z';
            assertThat(ApiKeySecrets.wellFormed(value.substring(0, i) + c + value.substring(i + 1))).as("position " + i).isFalse();
        }
    }

    @Test
    void secretsAreUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(ApiKeySecrets.generate(ApiKeySecrets.TEST).value())).isTrue();
        }
    }
}
