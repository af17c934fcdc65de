package io.rentapi.api.rentals;

import io.rentapi.api.catalog.Item;
import io.rentapi.api.catalog.ItemDao;
import io.rentapi.api.catalog.ItemStatus;
import io.rentapi.api.catalog.Tracking;
import io.rentapi.core.error.ApiException;
import io.rentapi.core.tenancy.OrgId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;

public final class AvailabilityService {
    private final Jdbi jdbi;
    private final Clock clock;

    public AvailabilityService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * Sweeps the live lines overlapping [from, to) by their buffered periods: between two
     * consecutive starts or ends the number of units held is constant, and the free stretches are
     * where it stays below stock. A retired item is never free, and one still out on an overdue
     * rental is not free before it comes back (and its buffer after passes).
     */
    public Availability of(OrgId orgId, long itemId, Instant from, Instant to) {
        return jdbi.withHandle(h -> {
            Item item = h.attach(ItemDao.class).find(orgId, itemId).orElseThrow(() -> ApiException.notFound("item"));
            List<Block> blocks = BookingSql.blocks(h, orgId, itemId, from, to,
                    clock.instant().plus(item.bufferAfter()));
            boolean retired = ItemStatus.parse(item.status()) == ItemStatus.RETIRED;
            TreeMap<Instant, Integer> changes = new TreeMap<>();
            changes.put(from, 0);
            changes.put(to, 0);
            for (Block b : blocks) {
                changes.merge(b.blockedFrom().isBefore(from) ? from : b.blockedFrom(), b.quantity(), Integer::sum);
                if (b.blockedUntil().isBefore(to)) {
                    changes.merge(b.blockedUntil(), -b.quantity(), Integer::sum);
                }
            }
            List<Availability.Free> free = new ArrayList<>();
            int held = 0;
            int minFree = item.stock();
            Map.Entry<Instant, Integer> change = changes.firstEntry();
            while (change != null && change.getKey().isBefore(to)) {
                held += change.getValue();
                Instant next = changes.higherKey(change.getKey());
                int freeUnits = retired ? 0 : Math.max(0, item.stock() - held);
                minFree = Math.min(minFree, freeUnits);
                if (freeUnits > 0) {
                    Availability.Free last = free.isEmpty() ? null : free.get(free.size() - 1);
                    if (last != null && last.to().equals(change.getKey()) && last.quantity() == freeUnits) {
                        free.set(free.size() - 1, new Availability.Free(last.from(), next, freeUnits));
                    } else {
                        free.add(new Availability.Free(change.getKey(), next, freeUnits));
                    }
                }
                change = changes.higherEntry(change.getKey());
            }
            List<Availability.Booked> booked = blocks.stream().map(b -> new Availability.Booked(b.rentalId(),
                    b.quantity(), b.startsAt(), b.endsAt(), b.blockedFrom(), b.blockedUntil())).toList();
            return new Availability("availability", item.id(), Tracking.parse(item.tracking()),
                    ItemStatus.parse(item.status()), item.stock(), from, to, retired ? 0 : minFree, booked, free);
        });
    }
}
