package io.rentapi.core.tenancy;

/**
 * The tenant. Every tenant-scoped DAO method takes one as its first parameter, so that a statement
 * without the tenant in it does not compile into a method signature unnoticed.
 */
public record OrgId(long value) {
    public OrgId {
        if (value <= 0) {
            throw new IllegalArgumentException("organization ids are positive: " + value);
        }
    }

    public static OrgId of(long value) {
        return new OrgId(value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
