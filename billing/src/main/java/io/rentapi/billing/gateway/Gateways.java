package io.rentapi.billing.gateway;

import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The providers this deployment has keys for; manual is always there. */
public final class Gateways {
    public static final Set<String> KNOWN = Set.of("stripe", "paypal", ManualGateway.NAME);
    private final Map<String, PaymentGateway> byName = new LinkedHashMap<>();

    public Gateways(Collection<PaymentGateway> gateways) {
        byName.put(ManualGateway.NAME, new ManualGateway());
        gateways.forEach(g -> byName.put(g.name(), g));
    }

    /** The provider a subscription asks for, refused with a 422 when unknown or not configured here. */
    public PaymentGateway require(String name, String field) {
        if (!KNOWN.contains(name)) {
            throw ApiException.invalid(field, "must be stripe, paypal or manual");
        }
        PaymentGateway gateway = byName.get(name);
        if (gateway == null) {
            throw new ApiException(ErrorCode.PROVIDER_NOT_CONFIGURED, "This deployment has no " + name + " keys.");
        }
        return gateway;
    }

    public PaymentGateway get(String name) {
        PaymentGateway gateway = byName.get(name);
        if (gateway == null) {
            throw new IllegalStateException("payments of provider " + name + " exist but it is not configured");
        }
        return gateway;
    }

    public boolean has(String name) {
        return byName.containsKey(name);
    }

    public Collection<PaymentGateway> all() {
        return byName.values();
    }
}
