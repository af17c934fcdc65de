package io.rentapi.api.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field of an answer that is a credential (an API key or webhook secret, a token, a 2FA
 * secret or backup code). Such fields go to the caller once and are never persisted: the copy of
 * the answer kept for {@code Idempotency-Key} replays is stored without them.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
public @interface Credential {
}
