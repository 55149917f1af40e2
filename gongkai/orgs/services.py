"""Every change to organizations and to who holds which role in them.

Only the system (``actor=None``: the demo, set-up scripts, tests), superusers and 平台管理员
change them. Each function checks that first, then changes the record and writes its audit row
in one transaction. Organizations appear on public pages (the portal, the 公开指南), so changing
one purges the cached public pages; roles appear on none.
"""

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core.audit import audit
from gongkai.core.errors import InvalidTransition, full_clean_or_raise
from gongkai.portal.cache import purge_public_pages

from .models import Membership, Organization
from .permissions import forget_roles, require_platform_admin


def _require_admin(actor) -> None:
    require_platform_admin(actor, _("只有平台管理员可以管理机构和人员岗位。"))


@transaction.atomic
def organization_create(*, actor, now: datetime, **fields) -> Organization:
    """A new organization; ``fields`` are Organization's own (name, code, slug, level, …)."""
    _require_admin(actor)
    organization = Organization(**fields)
    full_clean_or_raise(organization)
    organization.save()
    audit(
        subject=organization,
        action="orgs.organization_create",
        actor=actor,
        at=now,
        summary=_("新建机构：%s") % organization.name,
        data={"code": organization.code, "parent": organization.parent_id},
    )
    purge_public_pages()
    return organization


@transaction.atomic
def organization_update(
    *, organization: Organization, actor, now: datetime, **fields
) -> Organization:
    """Change an organization's data; records which fields changed, and nothing if none did."""
    _require_admin(actor)
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    changed = [name for name, value in fields.items() if getattr(organization, name) != value]
    for name in changed:
        setattr(organization, name, fields[name])
    full_clean_or_raise(organization)
    if not changed:
        return organization
    organization.save()
    audit(
        subject=organization,
        action="orgs.organization_update",
        actor=actor,
        at=now,
        summary=_("修改机构“%(name)s”：%(fields)s")
        % {
            "name": organization.name,
            "fields": "、".join(
                str(Organization._meta.get_field(name).verbose_name) for name in changed
            ),
        },
        data={"fields": changed},
    )
    purge_public_pages()
    return organization


def _audit_membership(
    membership: Membership, *, action: str, actor, now: datetime, summary: str, reason: str = ""
) -> None:
    audit(
        subject=membership,
        action=action,
        actor=actor,
        at=now,
        summary=summary % membership,
        reason=reason,
        data={
            "user": membership.user_id,
            "organization": membership.organization_id,
            "role": membership.role,
        },
    )


@transaction.atomic
def membership_grant(
    *, user, organization: Organization, role: str, actor, now: datetime
) -> Membership:
    """Give ``user`` ``role`` in ``organization`` from ``now`` on."""
    _require_admin(actor)
    membership = Membership(user=user, organization=organization, role=role, granted_at=now)
    full_clean_or_raise(membership)  # also refuses a role the person already holds there
    membership.save()
    _audit_membership(
        membership, action="orgs.membership_grant", actor=actor, now=now, summary=_("授予岗位：%s")
    )
    forget_roles(user)
    return membership


@transaction.atomic
def membership_revoke(
    *, membership: Membership, actor, now: datetime, reason: str = ""
) -> Membership:
    """Take a role away from ``now`` on. The row stays, marked revoked, as the record of who
    held the role and when; permission checks ignore it from then on."""
    _require_admin(actor)
    locked = (
        Membership.objects.select_for_update()
        .select_related("user", "organization")
        .get(pk=membership.pk)
    )
    if locked.revoked_at is not None:
        raise InvalidTransition(_("该岗位已经撤销：%s") % locked)
    locked.revoked_at = now
    locked.save(update_fields=["revoked_at"])
    _audit_membership(
        locked,
        action="orgs.membership_revoke",
        actor=actor,
        now=now,
        summary=_("撤销岗位：%s"),
        reason=reason.strip(),
    )
    forget_roles(membership.user)
    return locked
