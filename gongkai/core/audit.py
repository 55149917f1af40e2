from datetime import datetime

from django.contrib.contenttypes.models import ContentType

from .models import AuditEntry


def audit(
    *,
    subject,
    action: str,
    actor,
    at: datetime,
    summary: str = "",
    reason: str = "",
    data: dict | None = None,
) -> AuditEntry:
    """Record a state change; call inside the service's transaction."""
    return AuditEntry.objects.create(
        at=at,
        actor=actor if actor and actor.is_authenticated else None,
        action=action,
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        summary=summary[:300],
        reason=reason,
        data=data or {},
    )
