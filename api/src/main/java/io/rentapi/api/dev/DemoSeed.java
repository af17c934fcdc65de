package io.rentapi.api.dev;

import io.rentapi.api.auth.AuthRequests;
import io.rentapi.api.auth.AuthService;
import io.rentapi.api.orgs.OrganizationDao;
import io.rentapi.core.tenancy.OrgId;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;

/**
 * On the first start of {@code rentapi dev}, creates a demo organization and its owner, and prints
 * the generated password once. Later starts find the data and print only where to log in.
 */
public final class DemoSeed {
    public static final String DEMO_EMAIL = "owner@demo.example";

    private final Jdbi jdbi;
    private final AuthService auth;

    private final Consumer<OrgId> planForDemo;

    /** @param planForDemo puts the new demo organization on a plan whose quotas a person exploring the API does not hit */
    public DemoSeed(Jdbi jdbi, AuthService auth, Consumer<OrgId> planForDemo) {
        this.jdbi = jdbi;
        this.auth = auth;
        this.planForDemo = planForDemo;
    }

    public void seedIfEmpty(String baseUrl) {
        if (jdbi.onDemand(OrganizationDao.class).count() > 0) {
            System.out.println("""

                    rentapi dev is ready: API %s/v1, reference %s/docs
                    (existing data reused; the demo owner is %s)
                    """.formatted(baseUrl, baseUrl, DEMO_EMAIL));
            return;
        }
        byte[] random = new byte[15];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        var owner = auth.register(new AuthRequests.Register(DEMO_EMAIL, password, "Demo Owner", "Demo Rentals"), true);
        OrgId demo = new OrgId(owner.organizationId());
        io.rentapi.api.rentals.RentalDemoData.seed(jdbi, demo);
        planForDemo.accept(demo);
        System.out.println("""

                rentapi dev is ready: API %s/v1, reference %s/docs
                Demo organization "Demo Rentals" created, on a Pro trial. Owner log-in (shown only this once):
                  e-mail:   %s
                  password: %s
                Try:  curl -s %s/v1/auth/login -H 'Content-Type: application/json' \\
                        -d '{"email":"%s","password":"%s"}'
                """.formatted(baseUrl, baseUrl, DEMO_EMAIL, password, baseUrl, DEMO_EMAIL, password));
    }
}
