"""The register of applications (依申请公开台账) for an organization's openness office.

    filters = LedgerFilters.from_params(request.GET, today=today)   # DomainError on bad input
    applications = ledger_applications(organization_ids={org.pk}, filters=filters)
    rows = ledger_rows(applications, today=today, overdue_only=filters.overdue_only)
    ledger_xlsx(rows, title=..., subtitle=...) -> bytes

One row per application: 申请编号, 收到申请日期 (and the submission time), 申请方式, 申请人类型,
申请内容, 办理情况 (the office's summary and every clock entry: 补正, 征求意见, 延期, 收费),
办理结果, 办结日期, 法定期限 (the reply due date from the legal clock and every other limit),
是否逾期, 复议/诉讼.

Rules:

- The year or date range filters on the receipt date (Art. 31). Online applications not yet
  confirmed have none; they are filtered on the day they were submitted instead, so the office
  sees them in the register of that year.
- 是否逾期: the reply was sent late (``replied_late``), or the legal clock says the application
  (or the reply it still owes) is overdue today. This needs the clock, so "overdue only" is
  applied in Python on the rows, after the database filters.
- Applicants are identified by their type only. Names are added only with
  ``include_applicant=True``, which the view allows to the organization's openness office and
  records in the audit trail; ID numbers, phone numbers, e-mail and postal addresses are never
  in the ledger.
"""

import io
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlencode

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import ApplicantKind, Channel, Outcome, RemedyResult, Status
from .clock import EventKind, Party
from .models import Application, ClockEntry
from .services import clock_for

#: The earliest year the office may ask for (the Regulation took effect in 2008).
FIRST_YEAR = 2008


def _event_label(kind: str) -> str:
    return {
        EventKind.SUPPLEMENT_REQUESTED: _("补正告知"),
        EventKind.SUPPLEMENT_RECEIVED: _("收到补正"),
        EventKind.SUPPLEMENT_LAPSED: _("逾期未补正"),
        EventKind.CONSULTATION_STARTED: _("征求意见"),
        EventKind.CONSULTATION_ENDED: _("征求意见结束"),
        EventKind.EXTENSION_APPROVED: _("延期答复"),
        EventKind.FEE_NOTICE_SENT: _("收费通知"),
        EventKind.FEE_PAID: _("缴纳费用"),
        EventKind.FEE_LAPSED: _("逾期未缴费"),
        EventKind.REASONS_REQUESTED: _("要求说明理由"),
        EventKind.DEFERRAL_SET: _("确定延迟答复期限"),
        EventKind.REPLIED: _("答复"),
    }.get(kind, kind)


# --- Filters --------------------------------------------------------------------------------


@dataclass(frozen=True)
class LedgerFilters:
    year: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    status: str = ""
    outcome: str = ""
    applicant_kind: str = ""
    overdue_only: bool = False

    @classmethod
    def from_params(cls, params: Mapping[str, str], *, today: date) -> "LedgerFilters":
        """Read the filters from a query string; a bad value raises DomainError (HTTP 400).

        No year and no dates means the current year.
        """
        from gongkai.core.errors import DomainError

        def text(name: str) -> str:
            return (params.get(name) or "").strip()

        def day(name: str, label: str) -> date | None:
            value = text(name)
            if not value:
                return None
            try:
                return date.fromisoformat(value)
            except ValueError:
                raise DomainError(
                    _("%(label)s格式不正确，请按“年-月-日”填写，如 2025-03-01。")
                    % {"label": label},
                    field=name,
                ) from None

        date_from = day("from", _("起始日期"))
        date_to = day("to", _("截止日期"))
        if date_from and date_to and date_from > date_to:
            raise DomainError(_("起始日期不能晚于截止日期。"), field="from")
        year = None
        if text("year") and text("year") != "all":
            year = parse_year(text("year"), today=today)
        elif not text("year") and not (date_from or date_to):
            year = today.year
        for name, choices, message in (
            ("status", Status.values, _("办理状态不正确。")),
            ("outcome", Outcome.values, _("办理结果不正确。")),
            ("kind", ApplicantKind.values, _("申请人类型不正确。")),
        ):
            if text(name) and text(name) not in choices:
                raise DomainError(message, field=name)
        return cls(
            year=year,
            date_from=date_from,
            date_to=date_to,
            status=text("status"),
            outcome=text("outcome"),
            applicant_kind=text("kind"),
            overdue_only=text("overdue") in ("1", "on", "true"),
        )

    def params(self) -> dict[str, str]:
        """The filters as query parameters (for links: pages, export)."""
        values = {
            "year": str(self.year) if self.year else "all",
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "",
            "status": self.status,
            "outcome": self.outcome,
            "kind": self.applicant_kind,
            "overdue": "1" if self.overdue_only else "",
        }
        return {key: value for key, value in values.items() if value}

    def querystring(self) -> str:
        return urlencode(self.params())

    def period_label(self) -> str:
        """For titles and file names: 2025, 2025-01-01至2025-06-30, …"""
        parts = []
        if self.year:
            parts.append(str(self.year))
        if self.date_from or self.date_to:
            parts.append(
                _("%(start)s至%(end)s")
                % {
                    "start": self.date_from.isoformat() if self.date_from else "",
                    "end": self.date_to.isoformat() if self.date_to else "",
                }
            )
        return " ".join(parts) or _("全部")

    def describe(self) -> str:
        """The filters in words (shown under the Excel title)."""
        parts = [_("收到日期：%(period)s") % {"period": self.period_label()}]
        if self.status:
            parts.append(_("状态：%(v)s") % {"v": Status(self.status).label})
        if self.outcome:
            parts.append(_("办理结果：%(v)s") % {"v": Outcome(self.outcome).label})
        if self.applicant_kind:
            parts.append(_("申请人类型：%(v)s") % {"v": ApplicantKind(self.applicant_kind).label})
        if self.overdue_only:
            parts.append(_("仅逾期"))
        return "；".join(parts)


def parse_year(value: str, *, today: date) -> int:
    """A statistics or ledger year from a query string; DomainError unless 2008..this year."""
    from gongkai.core.errors import DomainError

    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        raise DomainError(_("年度格式不正确，请填写四位数字年份。"), field="year") from None
    if not FIRST_YEAR <= year <= today.year:
        raise DomainError(
            _("年度应在%(first)s年至%(last)s年之间。") % {"first": FIRST_YEAR, "last": today.year},
            field="year",
        )
    return year


# --- Selector -------------------------------------------------------------------------------


def _received_in(start: date | None, end: date | None) -> Q:
    """Received in [start, end]; unconfirmed applications by their submission day."""
    received, submitted = Q(received_on__isnull=False), Q(received_on__isnull=True)
    if start:
        received &= Q(received_on__gte=start)
        submitted &= Q(submitted_at__date__gte=start)
    if end:
        received &= Q(received_on__lte=end)
        submitted &= Q(submitted_at__date__lte=end)
    return received | submitted


def ledger_applications(
    *, organization_ids: Collection[int] | None, filters: LedgerFilters
) -> QuerySet[Application]:
    """The applications of the ledger, oldest first, with what a row needs prefetched.

    ``organization_ids=None`` means every organization (platform administrators)."""
    applications = Application.objects.all()
    if organization_ids is not None:
        applications = applications.filter(organization_id__in=organization_ids)
    if filters.year:
        applications = applications.filter(
            _received_in(date(filters.year, 1, 1), date(filters.year, 12, 31))
        )
    if filters.date_from or filters.date_to:
        applications = applications.filter(_received_in(filters.date_from, filters.date_to))
    if filters.status:
        applications = applications.filter(status=filters.status)
    if filters.outcome:
        applications = applications.filter(outcome=filters.outcome)
    if filters.applicant_kind:
        applications = applications.filter(applicant_kind=filters.applicant_kind)
    if filters.overdue_only:
        # Only these can be overdue; the clock decides among them.
        applications = applications.exclude(status=Status.SUBMITTED)
    return (
        applications.select_related("organization")
        .prefetch_related("clock_entries", "remedies")
        .order_by("organization__sort_order", "organization_id", "year", "serial")
    )


# --- Rows -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LedgerRow:
    pk: int
    number: str
    organization: str
    submitted_at: datetime  # local time, naive (for Excel)
    received_on: date | None
    channel: str
    applicant_kind: str
    applicant_name: str  # "" unless include_applicant
    content: str
    processing: str
    status: str
    outcome: str
    concluded_on: date | None
    due_on: date | None  # the reply's legal due date
    limits: str  # every limit that applies, with its due date
    overdue: bool
    remedies: str
    fee_amount: float | None
    provisional: bool  # a due date rests on a year whose holidays are not entered yet


def _plain(day) -> date | None:
    return date(day.year, day.month, day.day) if day else None


def _content(application: Application) -> str:
    parts = []
    if application.title_hint:
        parts.append(_("信息名称：%(v)s") % {"v": application.title_hint})
    if application.document_number_hint:
        parts.append(_("文号：%(v)s") % {"v": application.document_number_hint})
    parts.append(_("内容描述：%(v)s") % {"v": application.description})
    return "\n".join(parts)


def _entry_line(entry: ClockEntry, application: Application) -> str:
    line = f"{entry.on.isoformat()} {_event_label(entry.kind)}"
    if entry.kind == EventKind.SUPPLEMENT_REQUESTED and entry.until:
        line += _("（补正期限 %(day)s）") % {"day": entry.until.isoformat()}
    elif (
        entry.kind in (EventKind.CONSULTATION_STARTED, EventKind.CONSULTATION_ENDED) and entry.party
    ):
        line += _("（第三方）") if entry.party == Party.THIRD_PARTY else _("（其他机关）")
    elif entry.kind == EventKind.DEFERRAL_SET and entry.until:
        line += _("（延迟答复至 %(day)s）") % {"day": entry.until.isoformat()}
    elif entry.kind == EventKind.EXTENSION_APPROVED and entry.days:
        line += _("（延长 %(n)s 个工作日）") % {"n": entry.days}
    elif entry.kind == EventKind.FEE_NOTICE_SENT and application.fee_amount is not None:
        line += _("（应缴 %(amount)s 元）") % {"amount": application.fee_amount}
    return line


def _processing(application: Application) -> str:
    lines = [
        _entry_line(entry, application)
        for entry in application.clock_entries.all()
        if entry.kind != EventKind.REPLIED
    ]
    if application.processing_summary:
        lines.insert(0, application.processing_summary)
    return "\n".join(lines)


def _limits(state) -> str:
    if state is None:
        return ""
    lines = []
    for limit in state.limits:
        line = f"{limit.label} {limit.due_on.isoformat()}"
        if limit.met_on:
            line += _("（%(day)s 已办理）") % {"day": limit.met_on.isoformat()}
        if limit.overdue:
            line += _("（逾期）")
        lines.append(line)
    return "\n".join(lines)


def _remedies(application: Application) -> str:
    lines = []
    for remedy in application.remedies.all():
        line = f"{remedy.get_kind_display()} {remedy.filed_on.isoformat()}"
        if remedy.result != RemedyResult.PENDING and remedy.concluded_on:
            line += f" {remedy.get_result_display()}（{remedy.concluded_on.isoformat()}）"
        else:
            line += f" {RemedyResult.PENDING.label}"
        lines.append(line)
    return "\n".join(lines)


def ledger_row(
    application: Application, *, today: date, include_applicant: bool = False
) -> LedgerRow:
    state = clock_for(application, today=today)
    return LedgerRow(
        pk=application.pk,
        number=application.number,
        organization=application.organization.name,
        submitted_at=timezone.localtime(application.submitted_at).replace(tzinfo=None),
        received_on=application.received_on,
        channel=str(Channel(application.channel).label)
        if application.channel in Channel.values
        else "",
        applicant_kind=application.get_applicant_kind_display(),
        applicant_name=application.applicant_name if include_applicant else "",
        content=_content(application),
        processing=_processing(application),
        status=application.get_status_display(),
        outcome=application.get_outcome_display() if application.outcome else "",
        concluded_on=application.concluded_on,
        due_on=_plain(state.due_on) if state else None,
        limits=_limits(state),
        overdue=bool(application.replied_late or (state is not None and state.overdue)),
        remedies=_remedies(application),
        fee_amount=float(application.fee_amount) if application.fee_amount is not None else None,
        provisional=bool(state and state.provisional),
    )


def ledger_rows(
    applications: Iterable[Application],
    *,
    today: date,
    overdue_only: bool = False,
    include_applicant: bool = False,
) -> list[LedgerRow]:
    rows = [
        ledger_row(application, today=today, include_applicant=include_applicant)
        for application in applications
    ]
    return [row for row in rows if row.overdue] if overdue_only else rows


# --- Excel ----------------------------------------------------------------------------------


def _columns(include_applicant: bool) -> list[tuple[str, str, int]]:
    """(attribute, header, width)."""
    columns = [
        ("number", _("申请编号"), 12),
        ("organization", _("受理机关"), 18),
        ("received_on", _("收到申请日期"), 13),
        ("submitted_at", _("提交时间"), 17),
        ("channel", _("申请方式"), 10),
        ("applicant_kind", _("申请人类型"), 12),
        ("content", _("申请内容"), 40),
        ("processing", _("办理情况"), 40),
        ("status", _("办理状态"), 10),
        ("outcome", _("办理结果"), 24),
        ("concluded_on", _("办结日期"), 12),
        ("due_on", _("答复期限"), 12),
        ("limits", _("法定期限"), 36),
        ("overdue", _("是否逾期"), 9),
        ("remedies", _("复议/诉讼"), 26),
        ("fee_amount", _("信息处理费（元）"), 12),
    ]
    if include_applicant:
        columns.insert(6, ("applicant_name", _("申请人"), 18))
    return columns


def ledger_xlsx(
    rows: list[LedgerRow], *, title: str, subtitle: str = "", include_applicant: bool = False
) -> bytes:
    """The ledger as an Excel workbook: title row, header row frozen, autofilter, real dates."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    columns = _columns(include_applicant)
    wb = Workbook()
    ws = wb.active
    ws.title = _("依申请公开台账")
    last = get_column_letter(len(columns))

    ws["A1"] = title
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.merge_cells(f"A1:{last}1")
    ws.row_dimensions[1].height = 28
    ws["A2"] = subtitle
    ws.merge_cells(f"A2:{last}2")

    header_row = 3
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    fill = PatternFill("solid", fgColor="DDE6F0")
    for index, (_attr, header, width) in enumerate(columns, start=1):
        cell = ws.cell(row=header_row, column=index, value=header)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.border = border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(index)].width = width

    wrap = Alignment(vertical="top", wrap_text=True)
    for offset, row in enumerate(rows, start=1):
        for index, (attr, _header, _width) in enumerate(columns, start=1):
            value = getattr(row, attr)
            if attr == "overdue":
                value = _("是") if value else _("否")
            cell = ws.cell(row=header_row + offset, column=index, value=value)
            cell.alignment = wrap
            cell.border = border
            if isinstance(value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
            elif attr == "fee_amount" and value is not None:
                cell.number_format = "0.00"

    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    ws.auto_filter.ref = f"A{header_row}:{last}{header_row + max(len(rows), 1)}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"

    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def ledger_filename(organization_name: str, filters: LedgerFilters) -> str:
    """依申请公开台账-<org>-<year>.xlsx (the view sends it RFC 5987-encoded)."""
    safe = "".join(ch for ch in organization_name if ch not in '\\/:*?"<>|').strip() or "机关"
    period = filters.period_label().replace(" ", "_")
    return f"依申请公开台账-{safe}-{period}.xlsx"
