package io.rentapi.api.users;

import java.time.Instant;

public record User(long id, String email, String name, String passwordHash, Instant createdAt, Instant updatedAt) {
}
