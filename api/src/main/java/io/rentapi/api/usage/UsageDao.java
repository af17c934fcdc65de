package io.rentapi.api.usage;

import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(UsageRow.class)
public interface UsageDao {
    @SqlUpdate("""
        UPDATE api_key_usage SET requests = requests + :n
         WHERE org_id = :orgId AND api_key_id = :apiKeyId AND hour_start = :hour AND status_class = :statusClass
        """)
    int add(OrgId orgId, long apiKeyId, Instant hour, int statusClass, long n);

    @SqlUpdate("""
        INSERT INTO api_key_usage (org_id, api_key_id, hour_start, status_class, requests)
        VALUES (:orgId, :apiKeyId, :hour, :statusClass, :n)
        """)
    void insert(OrgId orgId, long apiKeyId, Instant hour, int statusClass, long n);

    @SqlQuery("""
        SELECT hour_start, status_class, requests FROM api_key_usage
         WHERE org_id = :orgId AND api_key_id = :apiKeyId AND hour_start >= :from AND hour_start < :to
        """)
    List<UsageRow> ofKey(OrgId orgId, long apiKeyId, Instant from, Instant to);

    @SqlQuery("""
        SELECT hour_start, status_class, sum(requests) AS requests FROM api_key_usage
         WHERE org_id = :orgId AND hour_start >= :from AND hour_start < :to
         GROUP BY hour_start, status_class
        """)
    List<UsageRow> ofOrganization(OrgId orgId, Instant from, Instant to);
}
