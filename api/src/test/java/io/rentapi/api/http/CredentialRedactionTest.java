package io.rentapi.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.rentapi.api.auth.TokenResponse;
import io.rentapi.api.security.TwoFactorResource;
import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialRedactionTest {
    private final CredentialRedaction redaction = new CredentialRedaction(ApiJson.configure(ApiJson.newMapper()));

    @Test
    void tokensAndTwoFactorSecretsAreLeftOutOfTheKeptCopy() {
        TokenResponse tokens = new TokenResponse("eyJaccess", "Bearer", 900, "rt_refresh", 7, 9);
        assertThat(redaction.fieldsOf(tokens)).containsExactlyInAnyOrder("access_token", "refresh_token");
        assertThat(redaction.withoutCredentials(tokens)).doesNotContain("eyJaccess", "rt_refresh")
                .contains("\"organization_id\":7");

        var setup = new TwoFactorResource.SetupView("two_factor_setup", "JBSWY3DP", "otpauth://totp/x?secret=JBSWY3DP", "iVBOR");
        assertThat(redaction.fieldsOf(setup)).containsExactlyInAnyOrder("secret", "otpauth_uri", "qr_code_png");
        assertThat(redaction.withoutCredentials(setup)).doesNotContain("JBSWY3DP", "iVBOR");

        var enabled = new TwoFactorResource.EnabledView("two_factor", true, List.of("backup-1", "backup-2"));
        assertThat(redaction.withoutCredentials(enabled)).doesNotContain("backup-1").contains("\"enabled\":true");
    }

    @Test
    void answersWithoutCredentialsAreKeptAsWritten() {
        assertThat(redaction.fieldsOf(new io.rentapi.api.orgs.OrganizationView(1, "organization", "Ada", null, null)))
                .isEmpty();
        assertThat(redaction.fieldsOf(null)).isEmpty();
    }
}
