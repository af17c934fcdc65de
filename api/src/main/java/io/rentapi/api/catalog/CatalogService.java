package io.rentapi.api.catalog;

import io.rentapi.core.error.ApiException;
import io.rentapi.core.outbox.Outbox;
import io.rentapi.core.page.Page;
import io.rentapi.core.page.PageRequest;
import io.rentapi.core.tenancy.OrgId;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The catalog's structure: the category tree and the locations items live at. */
public final class CatalogService {
    /** Deeper trees are refused: they are mistakes, and walking them must stay cheap. */
    static final int MAX_CATEGORY_DEPTH = 20;

    private final Jdbi jdbi;
    private final Outbox outbox;
    private final Clock clock;

    public CatalogService(Jdbi jdbi, Outbox outbox, Clock clock) {
        this.jdbi = jdbi;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Category createCategory(OrgId orgId, CatalogRequests.CreateCategory request) {
        return jdbi.inTransaction(h -> {
            CategoryDao categories = h.attach(CategoryDao.class);
            if (request.parentId() != null) {
                requireAcyclic(categories, orgId, null, request.parentId());
            }
            long id = categories.insert(orgId, request.parentId(), request.name().strip(), request.description(),
                    clock.instant());
            Category category = categories.find(orgId, id).orElseThrow();
            outbox.append(h, orgId, "category.created", CategoryView.of(category));
            return category;
        });
    }

    public Category category(OrgId orgId, long id) {
        return jdbi.onDemand(CategoryDao.class).find(orgId, id).orElseThrow(() -> ApiException.notFound("category"));
    }

    public Page<Category> categories(OrgId orgId, Long parentId, PageRequest page) {
        return page.toPage(jdbi.onDemand(CategoryDao.class)
                .page(orgId, parentId, page.idAbove(), page.idBelow(), page.order(), page.fetch()));
    }

    public Category updateCategory(OrgId orgId, long id, CatalogRequests.UpdateCategory request) {
        return jdbi.inTransaction(h -> {
            CategoryDao categories = h.attach(CategoryDao.class);
            Category current = categories.lock(orgId, id).orElseThrow(() -> ApiException.notFound("category"));
            Long parent = request.parentId() == null ? current.parentId() : request.parentId();
            if (request.parentId() != null) {
                requireAcyclic(categories, orgId, id, request.parentId());
            }
            categories.update(orgId, id, parent, request.name() == null ? current.name() : request.name().strip(),
                    request.description() == null ? current.description() : request.description(), clock.instant());
            Category updated = categories.find(orgId, id).orElseThrow();
            outbox.append(h, orgId, "category.updated", CategoryView.of(updated));
            return updated;
        });
    }

    /** The parent exists in this organization, and moving {@code id} under it makes no cycle. */
    private static void requireAcyclic(CategoryDao categories, OrgId orgId, Long id, long parentId) {
        Set<Long> seen = new HashSet<>();
        Long current = parentId;
        while (current != null) {
            if (current.equals(id)) {
                throw ApiException.invalid("parent_id", "would make the category its own ancestor");
            }
            if (!seen.add(current) || seen.size() > MAX_CATEGORY_DEPTH) {
                throw ApiException.invalid("parent_id", "makes the tree deeper than " + MAX_CATEGORY_DEPTH + " levels");
            }
            Category parent = categories.find(orgId, current).orElseThrow(() -> ApiException.notFound("category"));
            current = parent.parentId();
        }
    }

    public Location createLocation(OrgId orgId, CatalogRequests.CreateLocation request) {
        return jdbi.inTransaction(h -> {
            LocationDao locations = h.attach(LocationDao.class);
            long id = locations.insert(orgId, request.name().strip(), request.address(), clock.instant());
            return emit(h, orgId, locations.find(orgId, id).orElseThrow(), "location.created");
        });
    }

    public Location location(OrgId orgId, long id) {
        return jdbi.onDemand(LocationDao.class).find(orgId, id).orElseThrow(() -> ApiException.notFound("location"));
    }

    public Page<Location> locations(OrgId orgId, PageRequest page) {
        return page.toPage(jdbi.onDemand(LocationDao.class)
                .page(orgId, page.idAbove(), page.idBelow(), page.order(), page.fetch()));
    }

    public Location updateLocation(OrgId orgId, long id, CatalogRequests.UpdateLocation request) {
        return jdbi.inTransaction(h -> {
            LocationDao locations = h.attach(LocationDao.class);
            Location current = locations.find(orgId, id).orElseThrow(() -> ApiException.notFound("location"));
            locations.update(orgId, id, request.name() == null ? current.name() : request.name().strip(),
                    request.address() == null ? current.address() : request.address(), clock.instant());
            return emit(h, orgId, locations.find(orgId, id).orElseThrow(), "location.updated");
        });
    }

    private Location emit(Handle h, OrgId orgId, Location location, String type) {
        outbox.append(h, orgId, type, LocationView.of(location));
        return location;
    }
}
