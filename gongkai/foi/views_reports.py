"""Statistics (tables 三 and 四) and the ledger of applications, for openness offices.

Who sees what: a member of an organization's openness office sees that organization (and,
on the statistics page, optionally everything below it); a platform administrator sees any
organization or all of them together. Bad query parameters raise DomainError (HTTP 400 with a
Chinese message, JSON for the JSON endpoint), a forbidden organization NotAllowed (403).
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from gongkai.core.audit import audit
from gongkai.core.errors import DomainError, NotAllowed
from gongkai.core.timeutil import local_date
from gongkai.orgs.models import Organization, Role
from gongkai.orgs.permissions import has_role, is_platform_admin, org_ids_with_role

from . import statistics
from .choices import ApplicantKind, Outcome, Status
from .ledger import (
    FIRST_YEAR,
    LedgerFilters,
    ledger_applications,
    ledger_filename,
    ledger_rows,
    ledger_xlsx,
    parse_year,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ALL = "all"
LEDGER_PAGE_SIZE = 50


# --- Whose records ----------------------------------------------------------------------------


class Choice:
    """The organizations the user may pick, and the one picked (None: all of them)."""

    def __init__(self, request):
        user = request.user
        self.admin = is_platform_admin(user)
        office_ids = org_ids_with_role(user, Role.OPENNESS_OFFICE)
        if not self.admin and not office_ids:
            raise NotAllowed(
                _("您不是任何机关的政务公开工作机构人员，无权查看依申请公开统计和台账。")
            )
        options = Organization.objects.order_by("sort_order", "id")
        self.options = list(options if self.admin else options.filter(pk__in=office_ids))
        raw = (request.GET.get("org") or "").strip()
        if raw == ALL or (not raw and self.admin):
            if not self.admin:
                raise NotAllowed(_("只有平台管理员可以查看全部机关的汇总。"))
            self.organization = None
        elif not raw:
            self.organization = self.options[0]
        else:
            if not raw.isdigit():
                raise DomainError(_("机关参数不正确。"), field="org")
            self.organization = next((o for o in self.options if o.pk == int(raw)), None)
            if self.organization is None:
                if Organization.objects.filter(pk=int(raw)).exists():
                    raise NotAllowed(_("您不是该机关的政务公开工作机构人员，无权查看。"))
                raise DomainError(_("所选机关不存在。"), field="org")
        self.value = str(self.organization.pk) if self.organization else ALL

    @property
    def name(self) -> str:
        return self.organization.name if self.organization else _("全部机关")

    @property
    def ids(self) -> set[int] | None:
        return {self.organization.pk} if self.organization else None


def _year(request, today) -> int:
    raw = (request.GET.get("year") or "").strip()
    return parse_year(raw, today=today) if raw else today.year


def _flag(request, name: str) -> bool:
    return (request.GET.get(name) or "") in ("1", "on", "true")


def _xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# --- Statistics -----------------------------------------------------------------------------


def _compute(request):
    now = timezone.now()
    today = local_date(now)
    choice = Choice(request)
    year = _year(request, today)
    include = bool(choice.organization) and _flag(request, "sub")
    scope = {"year": year, "organization": choice.organization, "include_descendants": include}
    three = statistics.table_three(**scope, today=today)
    four = statistics.table_four(**scope, today=today)
    extra = statistics.extra_figures(**scope, three=three)
    return choice, year, include, three, four, extra, today


MONTH_CHART = {"width": 640, "height": 240, "left": 40, "right": 8, "top": 20, "bottom": 28}
SHARE_COLORS = ("#1f6f43", "#4f9a6b", "#b5452f", "#c7892b", "#4a63a8", "#7a7a7a")


def _nice_max(value: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if value <= step * 4:
            return step * 4
    return value


def month_chart(monthly: tuple[int, ...]) -> dict:
    """Bar geometry for the applications-per-month chart (inline SVG)."""
    c = MONTH_CHART
    plot_w = c["width"] - c["left"] - c["right"]
    plot_h = c["height"] - c["top"] - c["bottom"]
    top = _nice_max(max(monthly) if monthly else 0)
    slot = plot_w / 12
    bars = []
    for index, n in enumerate(monthly):
        h = plot_h * n / top if top else 0
        x = c["left"] + slot * index + slot * 0.2
        bars.append(
            {
                "month": index + 1,
                "n": n,
                "x": round(x, 1),
                "y": round(c["top"] + plot_h - h, 1),
                "w": round(slot * 0.6, 1),
                "h": round(h, 1),
                "cx": round(x + slot * 0.3, 1),
            }
        )
    ticks = [
        {"value": top * i // 4, "y": round(c["top"] + plot_h - plot_h * i / 4, 1)} for i in range(5)
    ]
    return {
        **c,
        "bars": bars,
        "ticks": ticks,
        "axis_y": c["top"] + plot_h,
        "axis_right": c["width"] - c["right"],
        "label_y": c["height"] - 8,
        "plot_bottom": c["top"] + plot_h,
    }


def share_chart(shares) -> dict:
    """A 100% stacked bar of the outcome groups (inline SVG)."""
    width, x, segments = 640, 0.0, []
    total = sum(share.count for share in shares)
    for share, color in zip(shares, SHARE_COLORS, strict=False):
        w = width * share.count / total if total else 0
        segments.append({"share": share, "color": color, "x": round(x, 1), "w": round(w, 1)})
        x += w
    return {"width": width, "height": 36, "segments": segments, "total": total}


@login_required
def statistics_page(request):
    choice, year, include, three, four, extra, today = _compute(request)
    query = {"org": choice.value, "year": year}
    if include:
        query["sub"] = "1"
    return render(
        request,
        "foi/reports/statistics.html",
        {
            "choice": choice,
            "year": year,
            "years": range(today.year, FIRST_YEAR - 1, -1),
            "include": include,
            "three": three,
            "layout": statistics.table_three_layout(three),
            "kind_columns": statistics.KIND_COLUMNS,
            "labels": {
                "note": statistics.NOTE,
                "applicants": statistics.APPLICANT_HEADER,
                "natural": statistics.NATURAL_LABEL,
                "organizations": statistics.ORGANIZATIONS_LABEL,
                "total": statistics.TOTAL_LABEL,
                "three_title": statistics.THREE_TITLE,
                "four_title": statistics.FOUR_TITLE,
                "review": statistics.REVIEW_LABEL,
                "suit": statistics.SUIT_LABEL,
                "suit_direct": statistics.REMEDY_GROUPS[1][1],
                "suit_after_review": statistics.REMEDY_GROUPS[2][1],
            },
            "remedy_columns": statistics.REMEDY_COLUMNS,
            "four": four,
            "extra": extra,
            "month_chart": month_chart(extra.monthly),
            "share_chart": share_chart(extra.shares),
            "query": "&".join(f"{key}={value}" for key, value in query.items()),
        },
    )


@login_required
def statistics_json(request):
    try:
        _choice, _year_, _include, three, four, extra, _today = _compute(request)
    except DomainError as exc:
        return JsonResponse({"error": str(exc.message)}, status=exc.status_code)
    return JsonResponse(
        statistics.as_json(three, four, extra), json_dumps_params={"ensure_ascii": False}
    )


@login_required
def statistics_xlsx(request):
    choice, year, include, three, four, extra, _today = _compute(request)
    content = statistics.statistics_xlsx(three, four, extra)
    suffix = _("（含下属机关）") if include else ""
    name = "".join(ch for ch in choice.name if ch not in '\\/:*?"<>|')
    return _xlsx_response(content, f"依申请公开统计-{name}{suffix}-{year}.xlsx")


# --- Ledger ---------------------------------------------------------------------------------


def _ledger_context(request):
    now = timezone.now()
    today = local_date(now)
    choice = Choice(request)
    filters = LedgerFilters.from_params(request.GET, today=today)
    return now, today, choice, filters


@login_required
def ledger_page(request):
    _now, today, choice, filters = _ledger_context(request)
    applications = ledger_applications(organization_ids=choice.ids, filters=filters)
    if filters.overdue_only:
        # The clock decides what is overdue: compute the rows, then page through them.
        page = Paginator(
            ledger_rows(applications, today=today, overdue_only=True), LEDGER_PAGE_SIZE
        ).get_page(request.GET.get("page"))
        rows = list(page)
    else:
        page = Paginator(applications, LEDGER_PAGE_SIZE).get_page(request.GET.get("page"))
        rows = ledger_rows(page.object_list, today=today)
    return render(
        request,
        "foi/reports/ledger.html",
        {
            "choice": choice,
            "filters": filters,
            "page": page,
            # Pages keep the period shown, even the default one (the current year).
            "page_params": QueryDict(f"org={choice.value}&{filters.querystring()}"),
            "rows": rows,
            "years": range(today.year, FIRST_YEAR - 1, -1),
            "statuses": Status.choices,
            "outcomes": Outcome.choices,
            "kinds": ApplicantKind.choices,
            "query": filters.querystring(),
            "org_query": f"org={choice.value}",
            "can_include_names": bool(choice.organization)
            and has_role(request.user, choice.organization, Role.OPENNESS_OFFICE),
        },
    )


@login_required
def ledger_export(request):
    """The ledger as Excel, with the page's filters. Every export is audited: the subject is
    the organization, or the exporting user when a platform administrator exports all of
    them. ``names=1`` adds applicants' names, for the organization's own office only."""
    now, today, choice, filters = _ledger_context(request)
    include_names = _flag(request, "names")
    if include_names and not (
        choice.organization and has_role(request.user, choice.organization, Role.OPENNESS_OFFICE)
    ):
        raise NotAllowed(_("只有本机关政务公开工作机构人员可以导出含申请人姓名的台账。"))
    rows = ledger_rows(
        ledger_applications(organization_ids=choice.ids, filters=filters),
        today=today,
        overdue_only=filters.overdue_only,
        include_applicant=include_names,
    )
    title = _("%(org)s政府信息公开申请办理台账（%(period)s）") % {
        "org": choice.name,
        "period": filters.period_label(),
    }
    subtitle = _("%(filters)s；共 %(n)s 件；导出时间 %(at)s") % {
        "filters": filters.describe(),
        "n": len(rows),
        "at": timezone.localtime(now).strftime("%Y-%m-%d %H:%M"),
    }
    content = ledger_xlsx(rows, title=title, subtitle=subtitle, include_applicant=include_names)
    audit(
        subject=choice.organization or request.user,
        action="foi.export",
        actor=request.user,
        at=now,
        summary=_("导出依申请公开台账（%(period)s，%(n)s 件%(names)s）")
        % {
            "period": filters.period_label(),
            "n": len(rows),
            "names": _("，含申请人姓名") if include_names else "",
        },
        data={
            "organization": choice.organization.pk if choice.organization else None,
            "filters": filters.params(),
            "rows": len(rows),
            "include_names": include_names,
            "applications": [row.pk for row in rows],
        },
    )
    return _xlsx_response(content, ledger_filename(choice.name, filters))
