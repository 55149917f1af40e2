"""Who works where, as the other modules ask it."""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from .models import Membership, Organization


def staff_of(organization: Organization, role: str | None = None) -> QuerySet:
    """Active users who hold a current role (``role``, or any) in ``organization``; revoked
    roles count for nothing."""
    held = Membership.objects.active().filter(organization=organization)
    if role:
        held = held.filter(role=role)
    return get_user_model().objects.filter(is_active=True, pk__in=held.values("user_id"))
