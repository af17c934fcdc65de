package io.rentapi.billing.jobs;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Platform data: issues concern the platform's provider accounts, across organizations. */
@RegisterConstructorMapper(ReconciliationIssue.class)
public interface ReconciliationIssueDao {
    @SqlUpdate("""
        INSERT INTO reconciliation_issues (provider, provider_ref, kind, detail, created_at)
        VALUES (:provider, :providerRef, :kind, :detail, :now)
        ON CONFLICT DO NOTHING
        """)
    int record(String provider, String providerRef, String kind, String detail, Instant now);

    @SqlQuery("""
        SELECT id, provider, provider_ref, kind, detail, created_at, resolved_at
          FROM reconciliation_issues
         WHERE id > :idAbove AND id < :idBelow
         ORDER BY id <order>
         LIMIT :fetch
        """)
    List<ReconciliationIssue> page(long idAbove, long idBelow, @Define String order, int fetch);
}
