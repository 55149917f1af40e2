"""Turning frequently requested information into proactive disclosure (条例第四十四条).

When several applicants ask for the same information and it may be disclosed, the openness
office can make it public for everyone. ``conversion_create`` starts that: it drafts a
publishing item (起草) that names the information and says why it is being published, and links
the applications to it. The item then takes the ordinary way — the drafter completes the text,
unit review, 保密审查, publication — so nothing reaches the public without those reviews.

The draft says how many applicants asked and when, never who they were.
"""

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core.audit import audit
from gongkai.core.errors import DomainError
from gongkai.core.timeutil import local_date
from gongkai.orgs.models import Organization, Role
from gongkai.orgs.permissions import require_role
from gongkai.publishing import services as publishing
from gongkai.publishing.choices import Attribute, InfoType

from .models import Application, Conversion
from .similarity import suggested_title, terms, top_terms

TITLE_MAX = 200


def _cn(day) -> str:
    return _("%(y)s年%(m)s月%(d)s日") % {"y": day.year, "m": day.month, "d": day.day}


def conversion_body(*, applications: list[Application], applicant_count: int) -> str:
    """The draft's text: why the information is published, with no applicant's details."""
    days = sorted(local_date(a.submitted_at) for a in applications)
    lines = [
        _(
            "%(first)s至%(last)s，本机关先后收到%(people)s位申请人就相同或者相近的政府信息"
            "提出的%(count)s件公开申请。"
        )
        % {
            "first": _cn(days[0]),
            "last": _cn(days[-1]),
            "people": applicant_count,
            "count": len(applications),
        },
        _(
            "依照《中华人民共和国政府信息公开条例》第四十四条，经审查，该信息属于可以公开的"
            "政府信息，现纳入主动公开范围，公众可以直接查阅，无需另行申请。"
        ),
        _("【起草人请在此补充所公开信息的正文或者附件，经审核和保密审查后发布。】"),
    ]
    return "".join(f"<p>{line}</p>" for line in lines)


@transaction.atomic
def conversion_create(
    *,
    organization: Organization,
    applications: Iterable[Application],
    actor,
    now: datetime,
    title: str | None = None,
) -> Conversion:
    """Draft a proactive item for information these applications asked for (Art. 44) and
    record which applications led to it. An application joins one conversion only."""
    require_role(actor, organization, Role.OPENNESS_OFFICE)
    ids = sorted({application.pk for application in applications})
    if not ids:
        raise DomainError(_("请选择要转为主动公开的申请。"), field="applications")
    rows = list(
        Application.objects.select_for_update()
        .filter(pk__in=ids)
        .defer("id_number")
        .order_by("submitted_at", "pk")
    )
    if len(rows) != len(ids) or any(a.organization_id != organization.pk for a in rows):
        raise DomainError(_("只能转化本机关收到的申请。"), field="applications")
    # The database refuses a second conversion too (ConversionApplication); this names them.
    taken = list(Application.objects.filter(pk__in=ids, conversions__isnull=False).distinct())
    if taken:
        raise DomainError(
            _("申请 %(numbers)s 已转为主动公开，不能重复转化。")
            % {"numbers": "、".join(a.number for a in taken)},
            field="applications",
        )
    key_terms = top_terms(
        [terms("\n".join((a.title_hint, a.document_number_hint, a.description))) for a in rows], {}
    )
    title = " ".join((title or "").split()) or suggested_title(rows, key_terms)
    if not title:
        raise DomainError(_("请填写拟公开信息的标题。"), field="title")
    applicant_count = len({a.applicant_key for a in rows})
    item = publishing.item_create(
        organization=organization,
        actor=actor,
        now=now,
        role=Role.OPENNESS_OFFICE,
        title=title[:TITLE_MAX],
        written_on=local_date(now),
        info_type=InfoType.OTHER,
        attribute=Attribute.PROACTIVE,
        keywords="；".join(key_terms[:5]),
        summary=_("依申请公开转为主动公开：%(people)s位申请人申请过该信息。")
        % {"people": applicant_count},
        body=conversion_body(applications=rows, applicant_count=applicant_count),
    )
    conversion = Conversion.objects.create(
        organization=organization, item=item, created_by=actor, created_at=now
    )
    conversion.applications.set(rows)
    audit(
        subject=conversion,
        action="foi.conversion_create",
        actor=actor,
        at=now,
        summary=_("转为主动公开：%(title)s（索引号 %(index)s）")
        % {"title": item.title, "index": item.index_number},
        data={"item": item.pk, "applications": ids},
    )
    for application in rows:
        audit(
            subject=application,
            action="foi.convert",
            actor=actor,
            at=now,
            summary=_("所申请信息转为主动公开（索引号 %(index)s）") % {"index": item.index_number},
            data={"conversion": conversion.pk, "item": item.pk},
        )
    return conversion
