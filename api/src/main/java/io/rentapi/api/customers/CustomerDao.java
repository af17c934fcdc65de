package io.rentapi.api.customers;

import io.rentapi.core.tenancy.OrgId;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(CustomerMapper.class)
public interface CustomerDao {
    String COLUMNS = """
        id, org_id, customer_type, name, email, phone, addresses, notes, blocked, blocked_reason, metadata,
        created_at, updated_at
        """;

    @SqlUpdate("""
        INSERT INTO customers (org_id, customer_type, name, email, phone, addresses, notes, blocked, blocked_reason,
                               metadata, created_at, updated_at)
        VALUES (:orgId, :c.customerType, :c.name, :c.email, :c.phone, :c.addresses, :c.notes, :c.blocked,
                :c.blockedReason, :c.metadata, :c.createdAt, :c.updatedAt)
        """)
    @GetGeneratedKeys("id")
    long insert(OrgId orgId, @BindMethods("c") Customer customer);

    @SqlUpdate("""
        UPDATE customers SET customer_type = :c.customerType, name = :c.name, email = :c.email, phone = :c.phone,
               addresses = :c.addresses, notes = :c.notes, blocked = :c.blocked, blocked_reason = :c.blockedReason,
               metadata = :c.metadata, updated_at = :c.updatedAt
         WHERE org_id = :orgId AND id = :c.id
        """)
    int update(OrgId orgId, @BindMethods("c") Customer customer);

    @SqlQuery("SELECT " + COLUMNS + " FROM customers WHERE org_id = :orgId AND id = :id")
    Optional<Customer> find(OrgId orgId, long id);

    @SqlQuery("SELECT " + COLUMNS + " FROM customers WHERE org_id = :orgId AND id = :id FOR UPDATE")
    Optional<Customer> lock(OrgId orgId, long id);

    /**
     * The customer, kept from changing until the transaction ends, completed with {@code SHARE} or
     * {@code UPDATE}; run through {@link io.rentapi.core.db.Jdbc} by the booking transaction.
     */
    String HOLD = "SELECT " + COLUMNS + " FROM customers WHERE org_id = ? AND id = ? FOR ";

    @SqlQuery("SELECT " + COLUMNS + """
         FROM customers
        WHERE org_id = :orgId AND id > :idAbove AND id < :idBelow
          AND (CAST(:type AS varchar) IS NULL OR customer_type = :type)
          AND (CAST(:blocked AS boolean) IS NULL OR blocked = :blocked)
          AND (CAST(:text AS varchar) IS NULL OR lower(name) LIKE :text ESCAPE '!' OR lower(email) LIKE :text ESCAPE '!'
               OR phone LIKE :text ESCAPE '!')
        ORDER BY id <order>
        LIMIT :fetch
        """)
    List<Customer> page(OrgId orgId, String type, Boolean blocked, String text, long idAbove, long idBelow,
                        @Define String order, int fetch);
}
