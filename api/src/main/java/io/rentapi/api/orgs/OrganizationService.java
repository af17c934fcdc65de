package io.rentapi.api.orgs;

import io.rentapi.api.audit.AuditTrail;
import io.rentapi.api.auth.Caller;
import io.rentapi.api.auth.Role;
import io.rentapi.core.error.ApiException;
import io.rentapi.core.error.ErrorCode;
import io.rentapi.core.outbox.Outbox;
import io.rentapi.core.page.Page;
import io.rentapi.core.page.PageRequest;
import io.rentapi.core.tenancy.OrgId;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Organizations and their members. Membership changes lock the organization row first. */
public final class OrganizationService {
    private final Jdbi jdbi;
    private final Outbox outbox;
    private final Clock clock;

    public OrganizationService(Jdbi jdbi, Outbox outbox, Clock clock) {
        this.jdbi = jdbi;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Organization create(long ownerUserId, String name) {
        return jdbi.inTransaction(h -> {
            Instant now = clock.instant();
            OrgId orgId = new OrgId(h.attach(OrganizationDao.class).insert(name.strip(), now));
            h.attach(MembershipDao.class).insert(orgId, ownerUserId, Role.OWNER.value(), now);
            Organization org = h.attach(OrganizationDao.class).find(orgId).orElseThrow();
            outbox.append(h, orgId, "organization.created", OrganizationView.of(org));
            return org;
        });
    }

    public Organization get(OrgId orgId) {
        return jdbi.onDemand(OrganizationDao.class).find(orgId).orElseThrow(() -> ApiException.notFound("organization"));
    }

    public Organization rename(OrgId orgId, String name) {
        return jdbi.inTransaction(h -> {
            OrganizationDao orgs = h.attach(OrganizationDao.class);
            Organization before = orgs.find(orgId).orElseThrow(() -> ApiException.notFound("organization"));
            orgs.rename(orgId, name.strip(), clock.instant());
            Organization org = orgs.find(orgId).orElseThrow(() -> ApiException.notFound("organization"));
            AuditTrail.change(orgId, "organization.renamed").target("organization", orgId.value())
                    .before(Map.of("name", before.name())).after(Map.of("name", org.name())).write(h, clock);
            outbox.append(h, orgId, "organization.updated", OrganizationView.of(org));
            return org;
        });
    }

    public Page<Organization> organizationsOf(long userId, PageRequest page) {
        return page.toPage(jdbi.onDemand(MembershipDao.class)
                .organizationsOf(userId, page.idAbove(), page.idBelow(), page.order(), page.fetch()));
    }

    public Page<Member> members(OrgId orgId, PageRequest page) {
        return page.toPage(jdbi.onDemand(MembershipDao.class)
                .page(orgId, page.idAbove(), page.idBelow(), page.order(), page.fetch()));
    }

    public Member member(OrgId orgId, long userId) {
        return jdbi.onDemand(MembershipDao.class).find(orgId, userId).orElseThrow(() -> ApiException.notFound("member"));
    }

    public Member changeRole(Caller caller, long userId, Role role) {
        return jdbi.inTransaction(h -> {
            MembershipDao members = h.attach(MembershipDao.class);
            Member member = lockAndFind(h, caller, userId);
            requireOwnerToTouchOwners(h, caller, member.role(), role);
            if (member.role() == Role.OWNER && role != Role.OWNER && members.countOwners(caller.orgId()) == 1) {
                throw new ApiException(ErrorCode.LAST_OWNER, "The last owner cannot be demoted; make another member owner first.");
            }
            members.changeRole(caller.orgId(), userId, role.value(), clock.instant());
            Member updated = members.find(caller.orgId(), userId).orElseThrow();
            outbox.append(h, caller.orgId(), "member.updated", MemberView.of(updated));
            AuditTrail.change(caller.orgId(), "member.role_changed").target("user", userId)
                    .before(Map.of("role", member.role().value())).after(Map.of("role", role.value())).write(h, clock);
            return updated;
        });
    }

    public void remove(Caller caller, long userId) {
        jdbi.useTransaction(h -> {
            MembershipDao members = h.attach(MembershipDao.class);
            Member member = lockAndFind(h, caller, userId);
            requireOwnerToTouchOwners(h, caller, member.role(), member.role());
            if (member.role() == Role.OWNER && members.countOwners(caller.orgId()) == 1) {
                throw new ApiException(ErrorCode.LAST_OWNER, "The last owner cannot be removed; make another member owner first.");
            }
            members.delete(caller.orgId(), userId);
            outbox.append(h, caller.orgId(), "member.removed", MemberView.of(member));
            AuditTrail.change(caller.orgId(), "member.removed").target("user", userId)
                    .before(MemberView.of(member)).write(h, clock);
        });
    }

    /** The organization row lock serializes membership changes, so two demotions cannot both pass the owner count. */
    private static Member lockAndFind(Handle h, Caller caller, long userId) {
        h.attach(OrganizationDao.class).lock(caller.orgId()).orElseThrow(() -> ApiException.notFound("organization"));
        return h.attach(MembershipDao.class).find(caller.orgId(), userId).orElseThrow(() -> ApiException.notFound("member"));
    }

    /** Reads the caller's role again under the lock: a concurrent change may have demoted them since the request began. */
    private static void requireOwnerToTouchOwners(Handle h, Caller caller, Role current, Role next) {
        Role callerRole = h.attach(MembershipDao.class).roleOf(caller.orgId(), caller.userId())
                .orElseThrow(() -> new ApiException(ErrorCode.PERMISSION_DENIED, "You are no longer a member."));
        if (!callerRole.permissions().contains(io.rentapi.api.auth.Permission.MEMBERS_MANAGE)) {
            throw new ApiException(ErrorCode.PERMISSION_DENIED, "This needs the members:manage permission.");
        }
        if ((current == Role.OWNER || next == Role.OWNER) && callerRole != Role.OWNER) {
            throw new ApiException(ErrorCode.PERMISSION_DENIED, "Only an owner can grant, change or remove the owner role.");
        }
    }
}
