package io.rentapi.api.billing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A route for the platform's operators: people whose {@code users.platform_admin} is true. To
 * everyone else, API keys included, such a route does not exist (404).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface PlatformAdmin {
}
