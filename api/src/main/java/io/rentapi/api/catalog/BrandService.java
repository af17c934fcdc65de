package io.rentapi.api.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rentapi.core.db.SqlErrors;
import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import io.rentapi.core.outbox.Outbox;
import io.rentapi.core.page.Page;
import io.rentapi.core.page.PageRequest;
import io.rentapi.core.tenancy.OrgId;
import java.time.Clock;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The brands of an organization's items, and how an item names its brand. */
public final class BrandService {
    private static final String SAVEPOINT = "brand_by_name";

    private final Jdbi jdbi;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;

    public BrandService(Jdbi jdbi, Outbox outbox, ObjectMapper json, Clock clock) {
        this.jdbi = jdbi;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    public Brand create(OrgId orgId, CatalogRequests.CreateBrand r) {
        return uniqueName(() -> jdbi.inTransaction(h -> {
            BrandDao brands = h.attach(BrandDao.class);
            long id = brands.insert(orgId, r.name().strip(), blankToNull(r.description()), blankToNull(r.website()),
                    Metadata.write(r.metadata(), json), clock.instant());
            return emit(h, orgId, brands.find(orgId, id).orElseThrow(), "brand.created");
        }));
    }

    public Brand get(OrgId orgId, long id) {
        return jdbi.onDemand(BrandDao.class).find(orgId, id).orElseThrow(() -> ApiException.notFound("brand"));
    }

    /** Newest first; {@code text} matches words in the name or description. */
    public Page<Brand> list(OrgId orgId, String text, PageRequest page) {
        return page.toPage(jdbi.onDemand(BrandDao.class).page(orgId, TextSearch.likePattern(text), page.idAbove(),
                page.idBelow(), page.order(), page.fetch()));
    }

    /** A new name shows on the brand's items at once: they refer to the brand, not to its name. */
    public Brand update(OrgId orgId, long id, CatalogRequests.UpdateBrand r) {
        return uniqueName(() -> jdbi.inTransaction(h -> {
            BrandDao brands = h.attach(BrandDao.class);
            Brand b = brands.lock(orgId, id).orElseThrow(() -> ApiException.notFound("brand"));
            brands.update(orgId, id, r.name() == null ? b.name() : r.name().strip(),
                    r.description() == null ? b.description() : blankToNull(r.description()),
                    r.website() == null ? b.website() : blankToNull(r.website()),
                    r.metadata() == null ? b.metadata() : Metadata.write(r.metadata(), json), clock.instant());
            return emit(h, orgId, brands.find(orgId, id).orElseThrow(), "brand.updated");
        }));
    }

    /** A brand that items still name is kept: they would lose it silently. */
    public Brand delete(OrgId orgId, long id) {
        return jdbi.inTransaction(h -> {
            BrandDao brands = h.attach(BrandDao.class);
            Brand b = brands.lock(orgId, id).orElseThrow(() -> ApiException.notFound("brand"));
            int items = brands.itemCount(orgId, id);
            if (items > 0) {
                throw new ApiException(ErrorCode.BRAND_IN_USE, items + (items == 1 ? " item names" : " items name")
                        + " this brand; give " + (items == 1 ? "it" : "them") + " another brand or none first.");
            }
            brands.delete(orgId, id);
            return emit(h, orgId, b, "brand.deleted");
        });
    }

    /**
     * The brand an item names, inside the item's transaction: {@code brandId} must be one of the
     * organization's brands (and agree with {@code name} when both are sent); a name alone is found
     * whatever its case, or created. Null when neither names a brand. The brand row stays locked until
     * the transaction ends, so it cannot be deleted while the item is being linked to it.
     */
    Long reference(Handle h, OrgId orgId, Long brandId, String name) {
        BrandDao brands = h.attach(BrandDao.class);
        String wanted = blankToNull(name);
        if (brandId != null) {
            Brand b = brands.lock(orgId, brandId).orElseThrow(() -> ApiException.notFound("brand"));
            if (wanted != null && !wanted.equalsIgnoreCase(b.name())) {
                throw ApiException.invalid("brand", "names another brand than brand_id; send one of them");
            }
            return b.id();
        }
        if (wanted == null) {
            return null;
        }
        Brand found = brands.lockByName(orgId, wanted).orElse(null);
        if (found != null) {
            return found.id();
        }
        // Another transaction may be creating the same name: the unique key makes the second insert
        // wait for the first and fail once it commits; the savepoint keeps this transaction usable,
        // and the row the other one committed is read instead.
        h.savepoint(SAVEPOINT);
        try {
            long id = brands.insert(orgId, wanted, null, null, null, clock.instant());
            h.releaseSavepoint(SAVEPOINT);
            return emit(h, orgId, brands.find(orgId, id).orElseThrow(), "brand.created").id();
        } catch (RuntimeException e) {
            if (!SqlErrors.isUniqueViolation(e)) {
                throw e;
            }
            h.rollbackToSavepoint(SAVEPOINT);
            return brands.lockByName(orgId, wanted).orElseThrow(() -> e).id();
        }
    }

    private Brand emit(Handle h, OrgId orgId, Brand brand, String type) {
        outbox.append(h, orgId, type, BrandView.of(brand, json));
        return brand;
    }

    private static <T> T uniqueName(Supplier<T> write) {
        return UniqueKey.orConflict(ErrorCode.BRAND_NAME_TAKEN,
                "Another brand of this organization has that name (names are compared without case).", write);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
