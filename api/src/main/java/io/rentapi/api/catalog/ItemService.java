package io.rentapi.api.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import io.rentapi.core.outbox.Outbox;
import io.rentapi.core.page.Page;
import io.rentapi.core.page.PageRequest;
import io.rentapi.core.tenancy.OrgId;
import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The rentable items of an organization: what they are, what they cost, and whether they can be rented. */
public final class ItemService {
    static final String DEFAULT_CURRENCY = "USD";

    private final Jdbi jdbi;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;
    private final BrandService brands;

    public ItemService(Jdbi jdbi, Outbox outbox, ObjectMapper json, Clock clock, BrandService brands) {
        this.jdbi = jdbi;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
        this.brands = brands;
    }

    /** Filters of the item list; null matches everything. */
    public record Filter(String text, Long categoryId, Long locationId, ItemStatus status, Tracking tracking, String brand,
                         Long brandId) {
    }

    public Item create(OrgId orgId, ItemRequests.Create r) {
        int stock;
        if (r.tracking() == Tracking.SERIALIZED) {
            if (r.stock() != null && r.stock() != 1) {
                throw ApiException.invalid("stock", "must be 1 (or left out) for a serialized item");
            }
            stock = 1;
        } else {
            if (r.stock() == null) {
                throw ApiException.invalid("stock", "is required for a bulk item");
            }
            stock = r.stock();
        }
        ItemRequests.Prices prices = r.prices();
        ItemRequests.LateFee lateFee = r.lateFee();
        ItemRequests.Buffer buffer = r.buffer();
        Instant now = clock.instant();
        Item item = new Item(0, orgId, r.name().strip(), r.sku().strip(), r.description(), r.categoryId(), null,
                null, r.locationId(), r.tracking().value(), stock,
                (r.condition() == null ? ItemCondition.GOOD : r.condition()).value(),
                (r.status() == null ? ItemStatus.AVAILABLE : r.status()).value(), Metadata.write(r.metadata(), json),
                currency(prices), prices == null ? null : prices.hourly(), prices == null ? null : prices.daily(),
                prices == null ? null : prices.weekly(), prices == null || prices.deposit() == null ? 0 : prices.deposit(),
                lateFee == null || lateFee.graceMinutes() == null ? 0 : lateFee.graceMinutes(),
                lateFee == null || lateFee.hourly() == null ? 0 : lateFee.hourly(),
                buffer == null || buffer.beforeMinutes() == null ? 0 : buffer.beforeMinutes(),
                buffer == null || buffer.afterMinutes() == null ? 0 : buffer.afterMinutes(), now, now);
        return uniqueSku(() -> jdbi.inTransaction(h -> {
            requireReferences(h, orgId, item.categoryId(), item.locationId());
            ItemDao items = h.attach(ItemDao.class);
            long id = items.insert(orgId, item.withBrandId(brands.reference(h, orgId, r.brandId(), r.brand())));
            return emit(h, orgId, items.find(orgId, id).orElseThrow(), "item.created");
        }));
    }

    public Item get(OrgId orgId, long id) {
        return jdbi.onDemand(ItemDao.class).find(orgId, id).orElseThrow(() -> ApiException.notFound("item"));
    }

    public Page<Item> list(OrgId orgId, Filter filter, PageRequest page) {
        ItemDao items = jdbi.onDemand(ItemDao.class);
        List<Long> categories = filter.categoryId() == null ? List.of(-1L)
                : items.categoryAndDescendants(orgId, filter.categoryId());
        if (categories.isEmpty()) {
            return new Page<>(List.of(), false);
        }
        String text = TextSearch.likePattern(filter.text());
        return page.toPage(items.page(orgId, filter.categoryId() == null, categories, filter.locationId(),
                filter.status() == null ? null : filter.status().value(),
                filter.tracking() == null ? null : filter.tracking().value(),
                filter.brand() == null || filter.brand().isBlank() ? null : filter.brand().strip(), filter.brandId(),
                text, page.idAbove(), page.idBelow(), page.order(), page.fetch()));
    }

    public Item update(OrgId orgId, long id, ItemRequests.Update r) {
        return uniqueSku(() -> jdbi.inTransaction(h -> {
            ItemDao items = h.attach(ItemDao.class);
            Item i = items.lock(orgId, id).orElseThrow(() -> ApiException.notFound("item"));
            ItemStatus status = ItemStatus.parse(i.status());
            if (r.status() != null && !status.canBecome(r.status())) {
                throw new ApiException(ErrorCode.INVALID_ITEM_TRANSITION,
                        "A " + status.value() + " item cannot become " + r.status().value() + ".");
            }
            // Retiring is final, so the rentals that hold the item must be settled first. Maintenance is
            // temporary and stays allowed: its reservations keep their period, and check-out refuses to
            // let the item leave until it is available again.
            if (r.status() == ItemStatus.RETIRED && status != ItemStatus.RETIRED) {
                int holding = items.liveRentalCount(orgId, id);
                if (holding > 0) {
                    boolean one = holding == 1;
                    throw new ApiException(ErrorCode.ITEM_HAS_LIVE_RENTALS, holding + (one ? " rental" : " rentals")
                            + " (reserved or checked out) " + (one ? "holds" : "hold") + " this item; cancel or return "
                            + (one ? "it" : "them") + " before retiring the item.");
                }
            }
            int stock = i.stock();
            if (r.stock() != null && r.stock() != stock) {
                if (i.serialized()) {
                    throw ApiException.invalid("stock", "is always 1 for a serialized item");
                }
                int held = items.peakHeld(orgId, id, clock.instant());
                if (r.stock() < held) {
                    throw new ApiException(ErrorCode.RENTAL_OVERLAP, "Live rentals hold up to " + held
                            + " units of this item at once; the stock cannot go below that.");
                }
                stock = r.stock();
            }
            ItemRequests.Prices p = r.prices();
            ItemRequests.LateFee lf = r.lateFee();
            ItemRequests.Buffer b = r.buffer();
            Item changed = new Item(i.id(), orgId, r.name() == null ? i.name() : r.name().strip(),
                    r.sku() == null ? i.sku() : r.sku().strip(),
                    r.description() == null ? i.description() : r.description(),
                    r.categoryId() == null ? i.categoryId() : r.categoryId(),
                    i.brand(), r.brandId() == null && r.brand() == null ? i.brandId()
                            : brands.reference(h, orgId, r.brandId(), r.brand()),
                    r.locationId() == null ? i.locationId() : r.locationId(), i.tracking(), stock,
                    r.condition() == null ? i.itemCondition() : r.condition().value(),
                    r.status() == null ? i.status() : r.status().value(),
                    r.metadata() == null ? i.metadata() : Metadata.write(r.metadata(), json),
                    p == null ? i.currency() : currency(p), p == null ? i.hourlyRate() : p.hourly(),
                    p == null ? i.dailyRate() : p.daily(), p == null ? i.weeklyRate() : p.weekly(),
                    p == null ? i.deposit() : p.deposit() == null ? 0 : p.deposit(),
                    lf == null ? i.lateFeeGraceMinutes() : lf.graceMinutes() == null ? 0 : lf.graceMinutes(),
                    lf == null ? i.lateFeeHourlyRate() : lf.hourly() == null ? 0 : lf.hourly(),
                    b == null ? i.bufferBeforeMinutes() : b.beforeMinutes() == null ? 0 : b.beforeMinutes(),
                    b == null ? i.bufferAfterMinutes() : b.afterMinutes() == null ? 0 : b.afterMinutes(),
                    i.createdAt(), clock.instant());
            requireReferences(h, orgId, r.categoryId(), r.locationId());
            items.update(orgId, changed);
            return emit(h, orgId, items.find(orgId, id).orElseThrow(), "item.updated");
        }));
    }

    /** The condition an item came back in, written and announced inside the caller's transaction (a return). */
    public Item recordCondition(Handle h, OrgId orgId, long id, String condition, Instant now) {
        ItemDao items = h.attach(ItemDao.class);
        items.setCondition(orgId, id, condition, now);
        return emit(h, orgId, items.find(orgId, id).orElseThrow(), "item.updated");
    }

    private Item emit(Handle h, OrgId orgId, Item item, String type) {
        outbox.append(h, orgId, type, ItemView.of(item, json));
        return item;
    }

    private static void requireReferences(Handle h, OrgId orgId, Long categoryId, Long locationId) {
        if (categoryId != null && h.attach(CategoryDao.class).find(orgId, categoryId).isEmpty()) {
            throw ApiException.notFound("category");
        }
        if (locationId != null && h.attach(LocationDao.class).find(orgId, locationId).isEmpty()) {
            throw ApiException.notFound("location");
        }
    }

    private static <T> T uniqueSku(java.util.function.Supplier<T> write) {
        return UniqueKey.orConflict(ErrorCode.SKU_TAKEN, "Another item of this organization has that SKU.", write);
    }

    private static String currency(ItemRequests.Prices prices) {
        if (prices == null) {
            return DEFAULT_CURRENCY;
        }
        try {
            Currency.getInstance(prices.currency());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("prices.currency", "is not an ISO 4217 currency");
        }
        return prices.currency();
    }

}
