package io.rentapi.api.customers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rentapi.api.catalog.TextSearch;
import io.rentapi.core.error.ApiException;
import io.rentapi.core.outbox.Outbox;
import io.rentapi.core.page.Page;
import io.rentapi.core.page.PageRequest;
import io.rentapi.core.tenancy.OrgId;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The people and businesses an organization rents to; a blocked customer cannot book. */
public final class CustomerService {
    private final Jdbi jdbi;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;

    public CustomerService(Jdbi jdbi, Outbox outbox, ObjectMapper json, Clock clock) {
        this.jdbi = jdbi;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    public record Filter(String text, CustomerType type, Boolean blocked) {
    }

    public Customer create(OrgId orgId, CustomerRequests.Create r) {
        boolean blocked = Boolean.TRUE.equals(r.blocked());
        Instant now = clock.instant();
        Customer customer = new Customer(0, orgId, r.type().value(), r.name().strip(), blankToNull(r.email()),
                blankToNull(r.phone()), toJson(r.addresses()), r.notes(), blocked, blocked ? r.blockedReason() : null,
                toJson(r.metadata()), now, now);
        return jdbi.inTransaction(h -> {
            CustomerDao customers = h.attach(CustomerDao.class);
            long id = customers.insert(orgId, customer);
            return emit(h, orgId, customers.find(orgId, id).orElseThrow(), "customer.created");
        });
    }

    public Customer get(OrgId orgId, long id) {
        return jdbi.onDemand(CustomerDao.class).find(orgId, id).orElseThrow(() -> ApiException.notFound("customer"));
    }

    public Page<Customer> list(OrgId orgId, Filter filter, PageRequest page) {
        String text = TextSearch.likePattern(filter.text());
        return page.toPage(jdbi.onDemand(CustomerDao.class).page(orgId,
                filter.type() == null ? null : filter.type().value(), filter.blocked(), text,
                page.idAbove(), page.idBelow(), page.order(), page.fetch()));
    }

    public Customer update(OrgId orgId, long id, CustomerRequests.Update r) {
        return jdbi.inTransaction(h -> {
            CustomerDao customers = h.attach(CustomerDao.class);
            Customer c = customers.lock(orgId, id).orElseThrow(() -> ApiException.notFound("customer"));
            boolean blocked = r.blocked() == null ? c.blocked() : r.blocked();
            String reason = !blocked ? null : r.blockedReason() != null ? r.blockedReason() : c.blockedReason();
            Customer changed = new Customer(c.id(), orgId, r.type() == null ? c.customerType() : r.type().value(),
                    r.name() == null ? c.name() : r.name().strip(), r.email() == null ? c.email() : blankToNull(r.email()),
                    r.phone() == null ? c.phone() : blankToNull(r.phone()),
                    r.addresses() == null ? c.addresses() : toJson(r.addresses()),
                    r.notes() == null ? c.notes() : r.notes(), blocked, reason,
                    r.metadata() == null ? c.metadata() : toJson(r.metadata()), c.createdAt(), clock.instant());
            customers.update(orgId, changed);
            Customer updated = customers.find(orgId, id).orElseThrow();
            emit(h, orgId, updated, "customer.updated");
            if (blocked != c.blocked()) {
                emit(h, orgId, updated, blocked ? "customer.blocked" : "customer.unblocked");
            }
            return updated;
        });
    }

    private Customer emit(Handle h, OrgId orgId, Customer customer, String type) {
        outbox.append(h, orgId, type, CustomerView.of(customer, json));
        return customer;
    }

    private String toJson(Object value) {
        if (value == null || value instanceof Collection<?> c && c.isEmpty() || value instanceof Map<?, ?> m && m.isEmpty()) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
