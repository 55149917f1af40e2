"""Who may do what, where. Every service asks here before it changes anything."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from gongkai.core.errors import NotAllowed

from .models import Membership, Organization, Role


def roles_of(user) -> set[tuple[int, str]]:
    """(organization id, role) pairs the user holds now (revoked roles count for nothing);
    cached on the user object per request."""
    if not user or not user.is_authenticated:
        return set()
    cached = getattr(user, "_gongkai_roles", None)
    if cached is None:
        cached = set(
            Membership.objects.active().filter(user=user).values_list("organization_id", "role")
        )
        user._gongkai_roles = cached
    return cached


def forget_roles(user) -> None:
    """Drop the roles cached on this user object, after a grant or a revocation."""
    user.__dict__.pop("_gongkai_roles", None)


def is_platform_admin(user) -> bool:
    return any(role == Role.PLATFORM_ADMIN for _org, role in roles_of(user))


def is_openness_staff(user) -> bool:
    """Platform admins and members of an openness office (政务公开工作机构) anywhere: the people
    who handle applications, public participation, the mailbox and public opinion."""
    return is_platform_admin(user) or bool(org_ids_with_role(user, Role.OPENNESS_OFFICE))


def has_role(user, organization: Organization | int, role: str) -> bool:
    org_id = organization if isinstance(organization, int) else organization.pk
    return (org_id, role) in roles_of(user)


def org_ids_with_role(user, *roles: str) -> set[int]:
    return {org_id for org_id, role in roles_of(user) if role in roles}


def visible_org_ids(user) -> set[int] | None:
    """Organizations whose internal records the user may see; None means all of them."""
    if is_platform_admin(user):
        return None
    return {org_id for org_id, _role in roles_of(user)}


def scope_to_user(queryset: QuerySet, user, field: str = "organization") -> QuerySet:
    """Restrict a queryset of organization-owned records to what the user may see."""
    org_ids = visible_org_ids(user)
    if org_ids is None:
        return queryset
    return queryset.filter(**{f"{field}__in": org_ids})


def require_role(user, organization: Organization, role: str) -> None:
    """Raise NotAllowed unless the user holds ``role`` in ``organization``."""
    if not has_role(user, organization, role):
        raise NotAllowed(
            _("您不是“%(org)s”的%(role)s，无权办理此事项。")
            % {"org": organization.name, "role": Role(role).label}
        )


def require_platform_admin(actor, message) -> None:
    """Raise NotAllowed with ``message`` unless the actor is the system (None), a superuser or
    a 平台管理员."""
    if actor is None or actor.is_superuser or is_platform_admin(actor):
        return
    raise NotAllowed(message)
