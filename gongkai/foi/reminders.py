"""Daily e-mail digest for the openness office: applications due soon or overdue.

Each active member of an organization's openness office with an e-mail address gets one mail
listing, per organization, the open applications whose reply is due within
``REMIND_WITHIN`` working days or already overdue. The mail carries application numbers,
due dates and links only: nothing about the applicant or the request leaves the system by
mail.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.mail import get_connection, send_mass_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.core.timeutil import local_date
from gongkai.orgs.models import Membership, Organization, Role

from .choices import OPEN_STATUSES
from .models import Application
from .selectors import ApplicationRow, application_rows, with_clock_entries

#: Working days ahead that trigger a reminder.
REMIND_WITHIN = 3


@dataclass
class Digest:
    """What one office member is reminded of: rows per organization."""

    email: str
    by_org: dict[Organization, list[ApplicationRow]] = field(default_factory=dict)


def _needs_reminder(row: ApplicationRow) -> bool:
    if not row.is_open or row.due_on is None:
        return False
    if row.overdue:
        return True
    return not row.paused and row.days_left is not None and row.days_left <= REMIND_WITHIN


def due_rows_by_org(today) -> dict[Organization, list[ApplicationRow]]:
    """Open applications of every organization that need a reminder on ``today``."""
    applications = with_clock_entries(
        Application.objects.filter(status__in=OPEN_STATUSES).select_related("organization")
    )
    by_org: dict[Organization, list[ApplicationRow]] = {}
    for row in application_rows(applications, today):
        if _needs_reminder(row):
            by_org.setdefault(row.application.organization, []).append(row)
    for rows in by_org.values():
        rows.sort(key=lambda r: (not r.overdue, r.due_on, r.application.pk))
    return by_org


def digests(today) -> list[Digest]:
    by_org = due_rows_by_org(today)
    if not by_org:
        return []
    members = (
        Membership.objects.active()
        .filter(
            role=Role.OPENNESS_OFFICE,
            organization__in=list(by_org),
            user__is_active=True,
        )
        .exclude(user__email="")
        .select_related("user", "organization")
        .order_by("user_id", "organization__sort_order", "organization_id")
    )
    result: dict[int, Digest] = {}
    for membership in members:
        digest = result.setdefault(membership.user_id, Digest(membership.user.email))
        digest.by_org[membership.organization] = by_org[membership.organization]
    return list(result.values())


def _line(row: ApplicationRow, base_url: str) -> str:
    application = row.application
    url = base_url + reverse("foi_staff:detail", args=[application.pk])
    if row.overdue:
        state = _("已逾期（答复期限 %(due)s）") % {"due": row.due_on.isoformat()}
    else:
        state = _("答复期限 %(due)s，剩余 %(left)s 个工作日") % {
            "due": row.due_on.isoformat(),
            "left": row.days_left,
        }
    if row.paused:
        state += _("，暂停计时")
    return f"- {application.number}  {state}\n  {url}"


def render_digest(digest: Digest, today, base_url: str) -> tuple[str, str]:
    """(subject, body) of one member's digest."""
    overdue = sum(r.overdue for rows in digest.by_org.values() for r in rows)
    total = sum(len(rows) for rows in digest.by_org.values())
    subject = _("依申请公开提醒：%(total)s 件临近或超过答复期限（其中逾期 %(overdue)s 件）") % {
        "total": total,
        "overdue": overdue,
    }
    parts = [
        _("%(date)s，以下政府信息公开申请的答复期限在 %(days)s 个工作日内届满或已经逾期：")
        % {"date": today.isoformat(), "days": REMIND_WITHIN}
    ]
    for organization, rows in digest.by_org.items():
        parts.append("")
        parts.append(f"【{organization.name}】")
        parts.extend(_line(row, base_url) for row in rows)
    parts.append("")
    parts.append(_("请登录工作台“依申请公开”查看详情。本邮件由系统自动发送，请勿回复。"))
    return subject, "\n".join(parts)


def send_due_reminders(*, now: datetime, base_url: str | None = None) -> int:
    """Send today's digests; returns the number of mails sent."""
    today = local_date(now)
    if base_url is None:
        base_url = getattr(settings, "GONGKAI_SITE_URL", "")
    base_url = base_url.rstrip("/")
    messages = []
    for digest in digests(today):
        subject, body = render_digest(digest, today, base_url)
        messages.append((subject, body, None, [digest.email]))
    if not messages:
        return 0
    return send_mass_mail(messages, fail_silently=False, connection=get_connection())


__all__ = ["REMIND_WITHIN", "digests", "due_rows_by_org", "render_digest", "send_due_reminders"]
