package io.rentapi.webhooks.endpoints;

import io.rentapi.core.tenancy.CrossTenant;
import io.rentapi.core.tenancy.OrgId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(WebhookEndpoint.class)
public interface WebhookEndpointDao {
    String COLUMNS = """
        id, org_id, url, description, event_types, enabled, disabled_reason, rate_limit, secret, previous_secret,
        previous_secret_expires_at, failing_since, created_at, updated_at
        """;

    @SqlUpdate("""
        INSERT INTO webhook_endpoints (org_id, url, description, event_types, enabled, rate_limit, secret,
                                       created_at, updated_at)
        VALUES (:orgId, :url, :description, :eventTypes, :enabled, :rateLimit, :secret, :now, :now)
        """)
    @GetGeneratedKeys("id")
    long insert(OrgId orgId, String url, String description, String eventTypes, boolean enabled, Integer rateLimit,
                String secret, Instant now);

    @SqlQuery("SELECT " + COLUMNS + " FROM webhook_endpoints WHERE org_id = :orgId AND id = :id AND deleted_at IS NULL")
    Optional<WebhookEndpoint> find(OrgId orgId, long id);

    @SqlQuery("SELECT " + COLUMNS
            + " FROM webhook_endpoints WHERE org_id = :orgId AND id = :id AND deleted_at IS NULL FOR UPDATE")
    Optional<WebhookEndpoint> lock(OrgId orgId, long id);

    @SqlQuery("SELECT " + COLUMNS + """
         FROM webhook_endpoints
        WHERE org_id = :orgId AND deleted_at IS NULL AND id > :idAbove AND id < :idBelow
        ORDER BY id <order>
        LIMIT :fetch
        """)
    List<WebhookEndpoint> page(OrgId orgId, long idAbove, long idBelow, @Define String order, int fetch);

    @SqlQuery("SELECT " + COLUMNS + " FROM webhook_endpoints WHERE org_id = :orgId AND enabled AND deleted_at IS NULL")
    List<WebhookEndpoint> enabled(OrgId orgId);

    @SqlUpdate("""
        UPDATE webhook_endpoints
           SET url = :url, description = :description, event_types = :eventTypes, enabled = :enabled,
               disabled_reason = CASE WHEN :enabled THEN NULL ELSE disabled_reason END,
               failing_since = CASE WHEN :reenabled THEN NULL ELSE failing_since END,
               rate_limit = :rateLimit, updated_at = :now
         WHERE org_id = :orgId AND id = :id
        """)
    int update(OrgId orgId, long id, String url, String description, String eventTypes, boolean enabled,
               boolean reenabled, Integer rateLimit, Instant now);

    @SqlUpdate("""
        UPDATE webhook_endpoints
           SET previous_secret = secret, previous_secret_expires_at = :graceEnds, secret = :secret, updated_at = :now
         WHERE org_id = :orgId AND id = :id
        """)
    int rotate(OrgId orgId, long id, String secret, Instant graceEnds, Instant now);

    @SqlUpdate("UPDATE webhook_endpoints SET deleted_at = :now, enabled = false, updated_at = :now WHERE org_id = :orgId AND id = :id")
    int delete(OrgId orgId, long id, Instant now);

    /** Answers 1 only for the call that disabled it, so one notice goes out however many workers saw the failure. */
    @SqlUpdate("""
        UPDATE webhook_endpoints SET enabled = false, disabled_reason = :reason, updated_at = :now
         WHERE org_id = :orgId AND id = :id AND enabled
        """)
    int disable(OrgId orgId, long id, String reason, Instant now);

    @SqlUpdate("""
        UPDATE webhook_endpoints SET failing_since = :at
         WHERE org_id = :orgId AND id = :id AND failing_since IS NULL
        """)
    int markFailing(OrgId orgId, long id, Instant at);

    @SqlUpdate("UPDATE webhook_endpoints SET failing_since = NULL WHERE org_id = :orgId AND id = :id AND failing_since IS NOT NULL")
    int markHealthy(OrgId orgId, long id);

    @CrossTenant("the delivery engine reads the endpoints of the deliveries it claimed, whatever their organization")
    @SqlQuery("SELECT " + COLUMNS + ", deleted_at FROM webhook_endpoints WHERE id IN (<ids>)")
    @RegisterConstructorMapper(WithDeletion.class)
    List<WithDeletion> byIds(@BindList("ids") Collection<Long> ids);

    /** An endpoint as the engine sees it, deleted ones included (their deliveries stop). */
    record WithDeletion(long id, OrgId orgId, String url, String description, String eventTypes, boolean enabled,
                        String disabledReason, Integer rateLimit, String secret, String previousSecret,
                        Instant previousSecretExpiresAt, Instant failingSince, Instant createdAt, Instant updatedAt,
                        Instant deletedAt) {
        public WebhookEndpoint endpoint() {
            return new WebhookEndpoint(id, orgId, url, description, eventTypes, enabled && deletedAt == null,
                    disabledReason, rateLimit, secret, previousSecret, previousSecretExpiresAt, failingSince,
                    createdAt, updatedAt);
        }
    }

    @SqlQuery("""
        SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.org_id = :orgId AND m.role IN ('owner', 'admin')
         ORDER BY u.email
        """)
    List<String> adminEmails(OrgId orgId);
}
