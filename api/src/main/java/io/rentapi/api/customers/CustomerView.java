package io.rentapi.api.customers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;

public record CustomerView(long id, String object, CustomerType type, String name, String email, String phone,
                           List<CustomerRequests.Address> addresses, String notes, boolean blocked,
                           String blockedReason, Map<String, String> metadata, Instant createdAt, Instant updatedAt) {

    public static CustomerView of(Customer c, ObjectMapper json) {
        return new CustomerView(c.id(), "customer", CustomerType.parse(c.customerType()), c.name(), c.email(),
                c.phone(), read(json, c.addresses(), new TypeReference<List<CustomerRequests.Address>>() { }, List.of()),
                c.notes(), c.blocked(), c.blockedReason(),
                read(json, c.metadata(), new TypeReference<Map<String, String>>() { }, Map.of()), c.createdAt(),
                c.updatedAt());
    }

    private static <T> T read(ObjectMapper json, String stored, TypeReference<T> type, T empty) {
        if (stored == null) {
            return empty;
        }
        try {
            return json.readValue(stored, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored customer data is not JSON", e);
        }
    }
}
