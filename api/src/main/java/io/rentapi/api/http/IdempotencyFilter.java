package io.rentapi.api.http;

import io.rentapi.api.auth.Caller;
import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import io.rentapi.core.idempotency.IdempotencyStore;
import io.rentapi.core.idempotency.StoredResponse;
import io.rentapi.core.tenancy.OrgId;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} on POST, for authenticated callers: the first answer is stored per
 * (organization, key) and replayed to retries; the same key with another body is 422; a retry while
 * the first is still running is 409. Answers 5xx are not stored, so the retry runs again.
 *
 * <p>Credentials in an answer ({@link Credential} fields: API key and webhook secrets, tokens, 2FA
 * secrets and backup codes) are shown to the first caller only: the stored copy leaves them out, and
 * a replay says which fields it lacks in {@value #REDACTED_HEADER}. The operation still ran once.
 */
@Priority(Priorities.USER)
public final class IdempotencyFilter implements ContainerRequestFilter, ContainerResponseFilter, WriterInterceptor {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final String REDACTED_HEADER = "Idempotent-Redacted";
    private static final String CLAIM = IdempotencyFilter.class.getName() + ".claim";
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final IdempotencyStore store;
    private final CredentialRedaction redaction;

    public IdempotencyFilter(IdempotencyStore store, CredentialRedaction redaction) {
        this.store = store;
        this.redaction = redaction;
    }

    /** Binds the filter to the POST methods only: other calls do not pass through it at all. */
    public DynamicFeature onPosts() {
        return (resource, context) -> {
            if (resource.getResourceMethod().isAnnotationPresent(POST.class)) {
                context.register(this);
            }
        };
    }

    /** The key this request holds, and what it answered, filled in as the response is written. */
    private static final class Claim {
        final OrgId orgId;
        final String key;
        int status;
        String contentType;

        Claim(OrgId orgId, String key) {
            this.orgId = orgId;
            this.key = key;
        }
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        String key = request.getHeaderString(HEADER);
        if (key == null || !HttpMethod.POST.equals(request.getMethod())
                || !(request.getSecurityContext().getUserPrincipal() instanceof Caller caller)) {
            return;
        }
        if (!VALID_KEY.matcher(key).matches()) {
            throw new ApiException(ErrorCode.INVALID_IDEMPOTENCY_KEY,
                    "Idempotency-Key must be 1 to 255 printable ASCII characters.");
        }
        byte[] body = request.hasEntity() ? request.getEntityStream().readAllBytes() : new byte[0];
        request.setEntityStream(new ByteArrayInputStream(body));
        Optional<StoredResponse> stored = store.claim(caller.orgId(), key, fingerprint(request, body));
        if (stored.isPresent()) {
            StoredResponse response = stored.get();
            Response.ResponseBuilder replay = Response.status(response.status())
                    .type(response.contentType())
                    .entity(response.body() == null || response.body().isEmpty() ? null : response.body())
                    .header(REPLAYED_HEADER, "true");
            if (response.redactedFields() != null) {
                replay.header(REDACTED_HEADER, response.redactedFields());
            }
            request.abortWith(replay.build());
            return;
        }
        request.setProperty(CLAIM, new Claim(caller.orgId(), key));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(CLAIM) instanceof Claim claim)) {
            return;
        }
        if (response.getStatus() >= 500) {
            store.release(claim.orgId, claim.key);
            request.removeProperty(CLAIM);
            return;
        }
        claim.status = response.getStatus();
        claim.contentType = response.getMediaType() == null ? null : response.getMediaType().toString();
        if (!response.hasEntity()) {
            store.complete(claim.orgId, claim.key, new StoredResponse(claim.status, claim.contentType, "", null));
            request.removeProperty(CLAIM);
        }
    }

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        if (!(context.getProperty(CLAIM) instanceof Claim claim)) {
            context.proceed();
            return;
        }
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        OutputStream original = context.getOutputStream();
        context.setOutputStream(new FilterOutputStream(original) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                copy.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                copy.write(b, off, len);
            }
        });
        try {
            context.proceed();
        } catch (IOException | RuntimeException e) {
            store.release(claim.orgId, claim.key);
            throw e;
        }
        Set<String> credentials = redaction.fieldsOf(context.getEntity());
        store.complete(claim.orgId, claim.key, credentials.isEmpty()
                ? new StoredResponse(claim.status, claim.contentType, copy.toString(StandardCharsets.UTF_8), null)
                : new StoredResponse(claim.status, claim.contentType, redaction.withoutCredentials(context.getEntity()),
                        String.join(",", credentials)));
    }

    private static String fingerprint(ContainerRequestContext request, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((request.getMethod() + " " + request.getUriInfo().getPath() + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(body);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
