package io.rentapi.core.tenancy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a DAO method that reads or writes a tenant-owned table without an {@link OrgId}, on
 * purpose: a lookup that finds the tenant (a token by its hash) or background work that spans
 * tenants (claiming outbox rows). The reason is required and is read in review.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CrossTenant {
    String value();
}
