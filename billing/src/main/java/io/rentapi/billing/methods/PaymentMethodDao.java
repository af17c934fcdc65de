package io.rentapi.billing.methods;

import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The saved payment method (columns of the billing account) and the attempts to set one up. */
@RegisterConstructorMapper(SavedPaymentMethod.class)
public interface PaymentMethodDao {
    String COLUMNS = """
        org_id, stripe_customer_id, stripe_payment_method_id, payment_method_type, card_brand, card_last4,
        card_exp_month, card_exp_year, payment_method_source, payment_method_event_at, payment_method_saved_at
        """;

    /** The account's method fields, with or without a method saved; empty without a billing account. */
    @SqlQuery("SELECT " + COLUMNS + " FROM billing_accounts WHERE org_id = :orgId")
    Optional<SavedPaymentMethod> account(OrgId orgId);

    @SqlUpdate("""
        INSERT INTO payment_method_setups (org_id, provider, kind, created_at, updated_at)
        VALUES (:orgId, :provider, :kind, :now, :now)
        """)
    @GetGeneratedKeys("id")
    long insertSetup(OrgId orgId, String provider, String kind, Instant now);

    @SqlUpdate("UPDATE payment_method_setups SET provider_ref = :providerRef, updated_at = :now WHERE org_id = :orgId AND id = :id")
    int recordSetup(OrgId orgId, long id, String providerRef, Instant now);

    /** Saves the method unless a newer event saved another; 0 when an older event arrived late. */
    @SqlUpdate("""
        UPDATE billing_accounts
           SET stripe_payment_method_id = :paymentMethodId, payment_method_type = :type, card_brand = :cardBrand,
               card_last4 = :cardLast4, card_exp_month = :cardExpMonth, card_exp_year = :cardExpYear,
               payment_method_source = :source, payment_method_event_at = :eventAt, payment_method_saved_at = :now,
               updated_at = :now
         WHERE org_id = :orgId AND (payment_method_event_at IS NULL OR payment_method_event_at <= :eventAt)
        """)
    int save(OrgId orgId, String paymentMethodId, String type, String cardBrand, String cardLast4, Integer cardExpMonth,
             Integer cardExpYear, String source, Instant eventAt, Instant now);

    /** What the provider says a saved method is, for one saved without its details (the card of a payment). */
    @SqlUpdate("""
        UPDATE billing_accounts
           SET payment_method_type = :type, card_brand = :cardBrand, card_last4 = :cardLast4,
               card_exp_month = :cardExpMonth, card_exp_year = :cardExpYear, updated_at = :now
         WHERE org_id = :orgId AND stripe_payment_method_id = :paymentMethodId
        """)
    int describe(OrgId orgId, String paymentMethodId, String type, String cardBrand, String cardLast4,
                 Integer cardExpMonth, Integer cardExpYear, Instant now);

    /**
     * Forgets the method, if it is still the saved one. The time of the event that saved it stays,
     * so a late delivery of that event does not bring it back.
     */
    @SqlUpdate("""
        UPDATE billing_accounts
           SET stripe_payment_method_id = NULL, payment_method_type = NULL, card_brand = NULL, card_last4 = NULL,
               card_exp_month = NULL, card_exp_year = NULL, payment_method_source = NULL,
               payment_method_saved_at = NULL, updated_at = :now
         WHERE org_id = :orgId AND stripe_payment_method_id = :paymentMethodId
        """)
    int forget(OrgId orgId, String paymentMethodId, Instant now);
}
