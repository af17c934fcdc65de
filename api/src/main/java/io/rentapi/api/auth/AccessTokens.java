package io.rentapi.api.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import io.rentapi.core.tenancy.OrgId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Short-lived, signed access tokens (JWT, HS256) naming the user and the organization they act for. */
public final class AccessTokens {
    private static final String ISSUER = "rentapi";
    private static final String ORG_CLAIM = "org";

    private final Algorithm algorithm;
    private final Duration ttl;
    private final Clock clock;

    public AccessTokens(String secret, Duration ttl, Clock clock) {
        this.algorithm = Algorithm.HMAC256(secret);
        this.ttl = ttl;
        this.clock = clock;
    }

    public record Claims(long userId, OrgId orgId) {
    }

    public String issue(long userId, OrgId orgId) {
        Instant now = clock.instant();
        return JWT.create()
                .withIssuer(ISSUER)
                .withSubject(Long.toString(userId))
                .withClaim(ORG_CLAIM, orgId.value())
                .withIssuedAt(now)
                .withExpiresAt(now.plus(ttl))
                .withJWTId(UUID.randomUUID().toString())
                .sign(algorithm);
    }

    public Duration ttl() {
        return ttl;
    }

    public Claims verify(String token) {
        JWTVerifier verifier = ((com.auth0.jwt.JWTVerifier.BaseVerification) JWT.require(algorithm).withIssuer(ISSUER)
                .withClaimPresence(ORG_CLAIM).acceptLeeway(5)).build(clock);
        try {
            DecodedJWT jwt = verifier.verify(token);
            return new Claims(Long.parseLong(jwt.getSubject()), new OrgId(jwt.getClaim(ORG_CLAIM).asLong()));
        } catch (TokenExpiredException e) {
            throw new ApiException(ErrorCode.TOKEN_EXPIRED, "The access token has expired; refresh it.");
        } catch (JWTVerificationException | IllegalArgumentException | NullPointerException e) {
            throw new ApiException(ErrorCode.INVALID_TOKEN, "The access token is not valid.");
        }
    }
}
