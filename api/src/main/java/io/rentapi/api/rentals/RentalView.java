package io.rentapi.api.rentals;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A rental on the wire, every amount itemized in minor units: {@code total} is the lines' prices plus
 * the fees; the deposit is held apart from it and, at return, first covers the fees, the rest is
 * released; {@code amount_due} is what remains to pay once the retained deposit is counted.
 */
public record RentalView(long id, String object, long customerId, RentalStatus status, Instant startsAt,
                         Instant endsAt, String currency, List<LineView> lines, long subtotal, List<FeeView> fees,
                         long feesTotal, long total, DepositView deposit, long amountDue, String notes,
                         CheckOutView checkOut, @JsonProperty("return") ReturnView returnInfo, Instant canceledAt, String cancelReason,
                         Instant createdAt, Instant updatedAt) {

    public record LineView(long id, long itemId, int quantity, long price, long deposit, Instant blockedFrom,
                           Instant blockedUntil) {
    }

    public record FeeView(long id, String type, Long itemId, String description, long amount) {
    }

    public record DepositView(long amount, String status, long retained, long released) {
    }

    public record CheckOutView(Instant at, Long by, String condition, String notes) {
    }

    public record ReturnView(Instant at, Long by, String condition, String notes, long damageCharge) {
    }

    /** A rental with its lines and fees, as the service reads or writes it. */
    public record Details(Rental rental, List<RentalLine> lines, List<RentalFee> fees) {
    }

    public static RentalView of(Details d) {
        Rental r = d.rental();
        RentalStatus status = r.rentalStatus();
        long total = r.subtotal() + r.feesTotal();
        boolean settled = !status.live();
        long released = settled ? r.deposit() - r.depositRetained() : 0;
        String depositStatus = r.deposit() == 0 ? "none" : !settled ? "held" : r.depositRetained() == 0 ? "released"
                : r.depositRetained() == r.deposit() ? "retained" : "partially_retained";
        long damage = d.fees().stream().filter(f -> f.kind().equals("damage")).mapToLong(RentalFee::amount).sum();
        return new RentalView(r.id(), "rental", r.customerId(), status, r.startsAt(), r.endsAt(), r.currency(),
                d.lines().stream().map(l -> new LineView(l.id(), l.itemId(), l.quantity(), l.price(), l.deposit(),
                        l.blockedFrom(), l.blockedUntil())).toList(),
                r.subtotal(),
                d.fees().stream().map(f -> new FeeView(f.id(), f.kind(), f.itemId(), f.description(), f.amount())).toList(),
                r.feesTotal(), total, new DepositView(r.deposit(), depositStatus, r.depositRetained(), released),
                total - r.depositRetained(), r.notes(),
                r.checkedOutAt() == null ? null
                        : new CheckOutView(r.checkedOutAt(), r.checkedOutBy(), r.checkOutCondition(), r.checkOutNotes()),
                r.returnedAt() == null ? null
                        : new ReturnView(r.returnedAt(), r.returnedBy(), r.returnCondition(), r.returnNotes(), damage),
                r.canceledAt(), r.cancelReason(), r.createdAt(), r.updatedAt());
    }
}
