package io.rentapi.api.webhooks;

import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import io.rentapi.core.error.FieldError;
import io.rentapi.core.outbox.Event;
import io.rentapi.core.outbox.EventDao;
import io.rentapi.core.outbox.Outbox;
import io.rentapi.core.page.Page;
import io.rentapi.core.page.PageRequest;
import io.rentapi.core.tenancy.OrgId;
import io.rentapi.webhooks.delivery.Attempt;
import io.rentapi.webhooks.delivery.Delivery;
import io.rentapi.webhooks.delivery.DeliveryDao;
import io.rentapi.webhooks.delivery.FanOutDao;
import io.rentapi.webhooks.endpoints.EndpointSecrets;
import io.rentapi.webhooks.endpoints.EventTypeFilter;
import io.rentapi.webhooks.endpoints.WebhookEndpoint;
import io.rentapi.webhooks.endpoints.WebhookEndpointDao;
import io.rentapi.webhooks.events.EventLogDao;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Webhook endpoints and their secrets, the event log, and the delivery log with resend and recover. */
public final class WebhookService {
    static final List<String> STATUSES = List.of(Delivery.PENDING, Delivery.SUCCEEDED, Delivery.FAILED);
    private static final Instant NEVER = Instant.parse("9999-12-31T00:00:00Z");

    private final Jdbi jdbi;
    private final Outbox outbox;
    private final Clock clock;
    private final boolean requireHttps;
    private final Duration rotationGrace;

    public WebhookService(Jdbi jdbi, Outbox outbox, Clock clock, boolean requireHttps, Duration rotationGrace) {
        this.jdbi = jdbi;
        this.outbox = outbox;
        this.clock = clock;
        this.requireHttps = requireHttps;
        this.rotationGrace = rotationGrace;
    }

    /** The endpoint as stored, and its secret, shown in this answer. */
    public record WithSecret(WebhookEndpoint endpoint, String secret) {
    }

    /** Filters of a list; null means any. */
    public record Filter(String status, String type, Instant from, Instant to) {
    }

    /** An event-type filter as the list statements take it: any type, one exact type, or a {@code LIKE} prefix. */
    private record TypeMatch(boolean any, String exact, String likePrefix) {
        static TypeMatch of(String type) {
            if (type == null) {
                return new TypeMatch(true, "", "");
            }
            if (!type.endsWith(".*")) {
                return new TypeMatch(false, type, "");
            }
            String prefix = type.substring(0, type.length() - 1);
            return new TypeMatch(false, "", prefix.replace("%", "\\%").replace("_", "\\_") + "%");
        }
    }

    public WithSecret create(OrgId orgId, WebhookRequests.Create request) {
        String url = validUrl(request.url());
        String types = eventTypes(request.eventTypes());
        String secret = EndpointSecrets.generate();
        WebhookEndpoint created = jdbi.inTransaction(h -> {
            WebhookEndpointDao endpoints = h.attach(WebhookEndpointDao.class);
            long id = endpoints.insert(orgId, url, blankToNull(request.description()), types,
                    request.enabled() == null || request.enabled(), request.rateLimit(), secret, clock.instant());
            return emit(h, endpoints.find(orgId, id).orElseThrow(), "webhook_endpoint.created");
        });
        return new WithSecret(created, secret);
    }

    public WebhookEndpoint get(OrgId orgId, long id) {
        return jdbi.onDemand(WebhookEndpointDao.class).find(orgId, id).orElseThrow(() -> ApiException.notFound("webhook endpoint"));
    }

    public Page<WebhookEndpoint> list(OrgId orgId, PageRequest page) {
        return page.toPage(jdbi.onDemand(WebhookEndpointDao.class)
                .page(orgId, page.idAbove(), page.idBelow(), page.order(), page.fetch()));
    }

    public WebhookEndpoint update(OrgId orgId, long id, WebhookRequests.Update request) {
        String url = request.url() == null ? null : validUrl(request.url());
        String types = request.eventTypes() == null ? null : eventTypes(request.eventTypes());
        return jdbi.inTransaction(h -> {
            WebhookEndpointDao endpoints = h.attach(WebhookEndpointDao.class);
            WebhookEndpoint e = lock(endpoints, orgId, id);
            boolean enabled = request.enabled() == null ? e.enabled() : request.enabled();
            // only enabling a disabled endpoint restarts its failing clock; other edits leave it running
            endpoints.update(orgId, id, url == null ? e.url() : url,
                    request.description() == null ? e.description() : blankToNull(request.description()),
                    types == null ? e.eventTypes() : types, enabled, enabled && !e.enabled(),
                    request.rateLimit() == null ? e.rateLimit() : request.rateLimit(), clock.instant());
            return emit(h, endpoints.find(orgId, id).orElseThrow(), "webhook_endpoint.updated");
        });
    }

    public WebhookEndpoint delete(OrgId orgId, long id) {
        return jdbi.inTransaction(h -> {
            WebhookEndpointDao endpoints = h.attach(WebhookEndpointDao.class);
            WebhookEndpoint e = lock(endpoints, orgId, id);
            endpoints.delete(orgId, id, clock.instant());
            return emit(h, e, "webhook_endpoint.deleted");
        });
    }

    /** A new secret; the previous one keeps signing (a second signature) for the rotation grace. */
    public WithSecret rotateSecret(OrgId orgId, long id) {
        String secret = EndpointSecrets.generate();
        WebhookEndpoint rotated = jdbi.inTransaction(h -> {
            WebhookEndpointDao endpoints = h.attach(WebhookEndpointDao.class);
            lock(endpoints, orgId, id);
            Instant now = clock.instant();
            endpoints.rotate(orgId, id, secret, now.plus(rotationGrace), now);
            return emit(h, endpoints.find(orgId, id).orElseThrow(), "webhook_endpoint.secret_rotated");
        });
        return new WithSecret(rotated, secret);
    }

    /** A {@code ping} event delivered to this endpoint only. */
    public WebhookDeliveryView ping(OrgId orgId, long endpointId) {
        Delivery delivery = jdbi.inTransaction(h -> {
            WebhookEndpoint e = lock(h.attach(WebhookEndpointDao.class), orgId, endpointId);
            requireEnabled(e);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("endpoint_id", e.id());
            data.put("url", e.url());
            long eventId = outbox.append(h, orgId, "ping", data);
            Instant now = clock.instant();
            // marked as fanned out at once: a ping goes to the endpoint tested, not to every subscriber
            h.attach(FanOutDao.class).mark(List.of(new FanOutDao.Marker(orgId, eventId, now)));
            DeliveryDao deliveries = h.attach(DeliveryDao.class);
            long id = deliveries.insert(orgId, endpointId, eventId, "ping", now);
            return deliveries.find(orgId, id).orElseThrow();
        });
        return WebhookDeliveryView.of(delivery, List.of());
    }

    public Page<WebhookDeliveryView> deliveries(OrgId orgId, long endpointId, Filter filter, PageRequest page) {
        get(orgId, endpointId);
        List<String> statuses = filter.status() == null ? STATUSES : List.of(filter.status());
        return jdbi.withHandle(h -> {
            DeliveryDao dao = h.attach(DeliveryDao.class);
            TypeMatch type = TypeMatch.of(filter.type());
            Page<Delivery> rows = page.toPage(dao.page(orgId, endpointId, statuses, type.any(), type.exact(),
                    type.likePrefix(), from(filter), to(filter), page.idAbove(), page.idBelow(), page.order(), page.fetch()));
            Map<Long, List<Attempt>> attempts = attemptsOf(dao, orgId, rows.data());
            return rows.map(d -> WebhookDeliveryView.of(d, attempts.getOrDefault(d.id(), List.of())));
        });
    }

    public WebhookDeliveryView delivery(OrgId orgId, long id) {
        return jdbi.withHandle(h -> {
            DeliveryDao dao = h.attach(DeliveryDao.class);
            Delivery d = dao.find(orgId, id).orElseThrow(() -> ApiException.notFound("webhook delivery"));
            return WebhookDeliveryView.of(d, attemptsOf(dao, orgId, List.of(d)).getOrDefault(id, List.of()));
        });
    }

    /** Sends a finished delivery again, with a fresh schedule of attempts and the same {@code webhook-id}. */
    public WebhookDeliveryView resend(OrgId orgId, long id) {
        jdbi.useTransaction(h -> {
            DeliveryDao dao = h.attach(DeliveryDao.class);
            Delivery d = dao.lock(orgId, id).orElseThrow(() -> ApiException.notFound("webhook delivery"));
            requireEnabled(h.attach(WebhookEndpointDao.class).find(orgId, d.endpointId())
                    .orElseThrow(() -> new ApiException(ErrorCode.WEBHOOK_ENDPOINT_DISABLED, "The endpoint was deleted.")));
            if (Delivery.PENDING.equals(d.status())) {
                throw new ApiException(ErrorCode.WEBHOOK_DELIVERY_PENDING,
                        "This delivery is still being attempted; resend it once it has succeeded or failed.");
            }
            dao.resend(orgId, id, clock.instant());
        });
        return delivery(orgId, id);
    }

    /** Sends again every delivery to the endpoint that failed since the given time, whenever it was created. */
    public int recover(OrgId orgId, long endpointId, Instant since) {
        return jdbi.inTransaction(h -> {
            WebhookEndpoint e = lock(h.attach(WebhookEndpointDao.class), orgId, endpointId);
            if (since == null) {
                throw new ApiException(ErrorCode.INVALID_PARAMETER, "since is required.",
                        List.of(new FieldError("since", "is required: an ISO-8601 time such as 2024-01-31T00:00:00Z")));
            }
            requireEnabled(e);
            return h.attach(DeliveryDao.class).recover(orgId, endpointId, since, clock.instant());
        });
    }

    public Event event(OrgId orgId, long id) {
        return jdbi.onDemand(EventDao.class).find(orgId, id).orElseThrow(() -> ApiException.notFound("event"));
    }

    public Page<Event> events(OrgId orgId, Filter filter, PageRequest page) {
        TypeMatch type = TypeMatch.of(filter.type());
        return page.toPage(jdbi.onDemand(EventLogDao.class).page(orgId, type.any(), type.exact(), type.likePrefix(),
                from(filter), to(filter), page.idAbove(), page.idBelow(), page.order(), page.fetch()));
    }

    private static Map<Long, List<Attempt>> attemptsOf(DeliveryDao dao, OrgId orgId, List<Delivery> deliveries) {
        Map<Long, List<Attempt>> byDelivery = new LinkedHashMap<>();
        if (!deliveries.isEmpty()) {
            dao.attempts(orgId, deliveries.stream().map(Delivery::id).toList())
                    .forEach(a -> byDelivery.computeIfAbsent(a.deliveryId(), k -> new ArrayList<>()).add(a));
        }
        return byDelivery;
    }

    private static Instant from(Filter f) {
        return f.from() == null ? Instant.EPOCH : f.from();
    }

    private static Instant to(Filter f) {
        return f.to() == null ? NEVER : f.to();
    }

    private static WebhookEndpoint lock(WebhookEndpointDao endpoints, OrgId orgId, long id) {
        return endpoints.lock(orgId, id).orElseThrow(() -> ApiException.notFound("webhook endpoint"));
    }

    private static void requireEnabled(WebhookEndpoint e) {
        if (!e.enabled()) {
            throw new ApiException(ErrorCode.WEBHOOK_ENDPOINT_DISABLED,
                    "This endpoint is disabled" + (e.disabledReason() == null ? "" : " (" + e.disabledReason() + ")")
                            + "; enable it with PATCH {\"enabled\": true} first.");
        }
    }

    private WebhookEndpoint emit(Handle h, WebhookEndpoint e, String type) {
        outbox.append(h, e.orgId(), type, WebhookEndpointView.of(e, clock));
        return e;
    }

    private String validUrl(String raw) {
        URI uri;
        try {
            uri = new URI(raw.strip());
        } catch (URISyntaxException e) {
            throw ApiException.invalid("url", "is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean allowed = scheme.equals("https") || (!requireHttps && scheme.equals("http"));
        if (!allowed) {
            throw ApiException.invalid("url", requireHttps ? "must be an https URL" : "must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw ApiException.invalid("url", "must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw ApiException.invalid("url", "must not carry credentials");
        }
        if (uri.getRawFragment() != null) {
            throw ApiException.invalid("url", "must not have a fragment");
        }
        return uri.toString();
    }

    private static String eventTypes(List<String> requested) {
        if (requested == null) {
            return "";
        }
        List<FieldError> errors = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            String type = requested.get(i).strip();
            if (!EventTypeFilter.isValidEntry(type)) {
                errors.add(new FieldError("event_types[" + i + "]", "must be an event type such as rental.created, or a wildcard such as rental.*"));
            } else if (!types.contains(type)) {
                types.add(type);
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Some event types are not valid; see errors.", errors);
        }
        return new EventTypeFilter(types).toStored();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
