package io.rentapi.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rentapi.core.error.ApiException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PasswordsTest {
    private final Passwords passwords = new Passwords(8);

    @Test
    void aHashVerifiesOnlyItsOwnPassword() {
        String hash = passwords.hash("correct horse battery staple");
        assertThat(hash).startsWith("$2b$08$");
        assertThat(passwords.matches("correct horse battery staple", hash)).isTrue();
        assertThat(passwords.matches("correct horse battery stapler", hash)).isFalse();
    }

    @Test
    void passwordsLongerThanBcryptsLimitAreNotCutShort() {
        String base = "x".repeat(72);
        String hash = passwords.hash(base + "first");
        assertThat(passwords.matches(base + "second", hash)).isFalse();
        assertThat(passwords.matches(base + "first", hash)).isTrue();
    }

    @Test
    void anUnknownAccountCostsAsMuchTimeAsAWrongPassword() {
        String hash = passwords.hash("correct horse battery staple");
        long[] known = new long[7];
        long[] unknown = new long[7];
        for (int i = 0; i < known.length; i++) {
            long t0 = System.nanoTime();
            passwords.matches("wrong password here", hash);
            long t1 = System.nanoTime();
            passwords.burnTime("wrong password here");
            long t2 = System.nanoTime();
            known[i] = t1 - t0;
            unknown[i] = t2 - t1;
        }
        Arrays.sort(known);
        Arrays.sort(unknown);
        double ratio = (double) unknown[3] / known[3];
        assertThat(ratio).as("median time of the decoy check over a real one").isBetween(0.5, 2.0);
    }

    @Test
    void thePolicyRefusesShortTrivialOrEmailPasswords() {
        assertThatThrownBy(() -> Passwords.checkPolicy("short", "a@example.com")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> Passwords.checkPolicy("aaaaaaaaaaaa", "a@example.com")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> Passwords.checkPolicy("user@example.com", "user@example.com")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> Passwords.checkPolicy("x".repeat(129), "a@example.com")).isInstanceOf(ApiException.class);
        Passwords.checkPolicy("correct horse battery staple", "a@example.com");
    }
}
