package io.rentapi.billing.plans;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The plans catalog: platform data, not any organization's. */
@RegisterConstructorMapper(CatalogPlan.class)
public interface CatalogDao {
    String COLUMNS = """
        id, code, name, description, price_month, price_year, currency, trial_days, requests_per_hour,
        requests_per_day, burst_per_second, active, created_at, COALESCE(updated_at, created_at) AS updated_at
        """;

    @SqlQuery("SELECT " + COLUMNS + " FROM plans WHERE active ORDER BY price_month, id")
    List<CatalogPlan> active();

    @SqlQuery("SELECT " + COLUMNS + " FROM plans ORDER BY price_month, id")
    List<CatalogPlan> all();

    @SqlQuery("SELECT " + COLUMNS + " FROM plans WHERE id = :id")
    Optional<CatalogPlan> find(long id);

    @SqlUpdate("""
        INSERT INTO plans (code, name, description, price_month, price_year, currency, trial_days, requests_per_hour,
                           requests_per_day, burst_per_second, active, created_at, updated_at)
        VALUES (:code, :name, :description, :priceMonth, :priceYear, :currency, :trialDays, :requestsPerHour,
                :requestsPerDay, :burstPerSecond, :active, :now, :now)
        """)
    @GetGeneratedKeys("id")
    long insert(String code, String name, String description, long priceMonth, long priceYear, String currency,
                int trialDays, long requestsPerHour, long requestsPerDay, long burstPerSecond, boolean active,
                Instant now);

    @SqlUpdate("""
        UPDATE plans SET name = :name, description = :description, price_month = :priceMonth,
               price_year = :priceYear, trial_days = :trialDays, requests_per_hour = :requestsPerHour,
               requests_per_day = :requestsPerDay, burst_per_second = :burstPerSecond, active = :active,
               updated_at = :now
         WHERE id = :id
        """)
    int update(long id, String name, String description, long priceMonth, long priceYear, int trialDays,
               long requestsPerHour, long requestsPerDay, long burstPerSecond, boolean active, Instant now);
}
