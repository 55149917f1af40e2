"""The statutory statistics of applications: tables 三 and 四 of the annual report.

The national format (国办公开办函〔2021〕30号) fixes the rows, the columns and their labels
character for character; they come from :mod:`gongkai.foi.choices` (``OUTCOME_ROWS``,
``ApplicantKind``) and the constants below, and are never translated.

    three = table_three(year=2025, organization=org, today=today)
    four = table_four(year=2025, organization=org, today=today)
    extra = extra_figures(year=2025, organization=org)
    statistics_xlsx(three, four, extra) -> bytes

Counting rules (the period is the calendar year, 1月1日–12月31日; "concluded" means the status
is one of ``CONCLUDED_STATUSES`` and ``concluded_on`` is set — the reply date, or the day a
补正/fee wait lapsed):

- **一、本年新收**: applications whose receipt date (``received_on``, Art. 31) falls in the year.
  Online applications not yet confirmed have no receipt date and are not counted anywhere.
- **二、上年结转**: received before 1月1日 and not concluded before 1月1日 (open at the start of
  the year).
- **三、本年度办理结果**: concluded in the year, in the row of their ``outcome``, in the column of
  their ``applicant_kind``. A concluded application without a known outcome (only possible in
  data entered by hand) is counted under （六）3.其他, so that every column still balances.
  **（七）总计** is the sum of the 21 outcome rows.
- **四、结转下年度继续办理**: received by 12月31日 and not concluded by 12月31日. For the current,
  unfinished year the figures are "as of today": nothing can be received or concluded after
  today, so the same rule gives the applications open today (``TableThree.complete`` is False).
- Columns: the six applicant kinds (自然人; 法人或其他组织: 商业企业, 科研机构, 社会公益组织,
  法律服务机构, 其他) and 总计, their sum. Per column 一 + 二 = 三(七) + 四 holds by
  construction (every application received by the year's end is either new or carried in, and
  either concluded in the year or carried out); ``TableThree.checks`` verifies it from the
  stored data, so a record concluded before it was received, or similar corrupt data, shows up.
- **Table 四**: the 行政复议 / 行政诉讼 cases handled during the year: filed by 12月31日 and not
  concluded before 1月1日 — the cases filed in the year plus those still pending from earlier
  years. This is how annual reports carry a case over: reported 尚未审结 in the year it was
  filed, then with its result in the year it was decided, so every result appears in some
  report. A case counts under its result when it was decided by 12月31日 (or today), otherwise
  under 尚未审结. 总计 is the sum of the four result columns of its group.
- **Extra lines** (not part of the national tables; reports give them under 五/六): replies
  marked ``replied_late`` among the applications concluded in the year, and the 信息处理费
  actually collected in the year — the sum of ``fee_amount`` of the applications with a
  ``fee_paid`` clock entry dated in the year.

An organization's figures cover its own applications; ``include_descendants`` adds every
organization below it (a government with its departments); ``organization=None`` covers every
organization on the platform. Each table takes one or two aggregate queries.
"""

import io
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractMonth
from django.utils.translation import gettext as _

from gongkai.orgs.models import Organization

from .choices import (
    CONCLUDED_STATUSES,
    OUTCOME_ROWS,
    ApplicantKind,
    Outcome,
    RemedyKind,
    RemedyResult,
)
from .clock import EventKind
from .models import Application, ClockEntry, Remedy

# --- The national format's own text (exact; never translated) ---------------------------------

NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANT_HEADER = "申请人情况"
NATURAL_LABEL = "自然人"
ORGANIZATIONS_LABEL = "法人或其他组织"
TOTAL_LABEL = "总计"
NEW_LABEL = "一、本年新收政府信息公开申请数量"
CARRIED_IN_LABEL = "二、上年结转政府信息公开申请数量"
RESULTS_LABEL = "三、本年度办理结果"
CONCLUDED_TOTAL_LABEL = "（七）总计"
CARRIED_OUT_LABEL = "四、结转下年度继续办理"
THREE_TITLE = "三、收到和处理政府信息公开申请情况"
FOUR_TITLE = "四、政府信息公开行政复议、行政诉讼情况"

#: Table 三's numeric columns in order: (key, label); the last is the total.
KIND_COLUMNS: tuple[tuple[str, str], ...] = (
    (ApplicantKind.NATURAL.value, NATURAL_LABEL),
    (ApplicantKind.COMMERCIAL.value, "商业企业"),
    (ApplicantKind.RESEARCH.value, "科研机构"),
    (ApplicantKind.PUBLIC_WELFARE.value, "社会公益组织"),
    (ApplicantKind.LEGAL_SERVICE.value, "法律服务机构"),
    (ApplicantKind.OTHER.value, "其他"),
)
COLUMNS: tuple[tuple[str, str], ...] = (*KIND_COLUMNS, ("total", TOTAL_LABEL))

REVIEW_LABEL = "行政复议"
SUIT_LABEL = "行政诉讼"
#: Table 四's groups: (remedy kind, label, parent header).
REMEDY_GROUPS: tuple[tuple[str, str, str], ...] = (
    (RemedyKind.REVIEW.value, REVIEW_LABEL, ""),
    (RemedyKind.SUIT_DIRECT.value, "未经复议直接起诉", SUIT_LABEL),
    (RemedyKind.SUIT_AFTER_REVIEW.value, "复议后起诉", SUIT_LABEL),
)
#: Table 四's columns within each group: (key, label).
REMEDY_COLUMNS: tuple[tuple[str, str], ...] = (
    (RemedyResult.UPHELD.value, "结果维持"),
    (RemedyResult.CORRECTED.value, "结果纠正"),
    (RemedyResult.OTHER.value, "其他结果"),
    (RemedyResult.PENDING.value, "尚未审结"),
    ("total", TOTAL_LABEL),
)

_KINDS = [key for key, _label in KIND_COLUMNS]
ONE_DAY = timedelta(days=1)


# --- Results ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One row of table 三: ``values`` holds the seven numbers in ``COLUMNS`` order."""

    key: str  # "new", "carried_in", an Outcome value, "concluded_total", "carried_out"
    label: str  # the row's own label (for outcomes: the numbered sub-label, or the group's)
    values: tuple[int, ...]
    group: str = ""  # outcome rows: the group label, e.g. "（三）不予公开"

    def value(self, column: str) -> int:
        return self.values[[key for key, _label in COLUMNS].index(column)]

    @property
    def total(self) -> int:
        return self.values[-1]

    def to_dict(self) -> dict:
        return {
            "key": self.key,
            "label": self.label,
            "group": self.group,
            "values": {key: n for (key, _label), n in zip(COLUMNS, self.values, strict=True)},
        }


@dataclass(frozen=True)
class ColumnCheck:
    """一 + 二 = 三(七) + 四 for one column."""

    column: str
    label: str
    new: int
    carried_in: int
    concluded: int
    carried_out: int

    @property
    def left(self) -> int:
        return self.new + self.carried_in

    @property
    def right(self) -> int:
        return self.concluded + self.carried_out

    @property
    def ok(self) -> bool:
        return self.left == self.right

    def to_dict(self) -> dict:
        return {
            "column": self.column,
            "label": self.label,
            "new": self.new,
            "carried_in": self.carried_in,
            "concluded": self.concluded,
            "carried_out": self.carried_out,
            "ok": self.ok,
        }


@dataclass(frozen=True)
class Scope:
    """Whose applications are counted."""

    organization_id: int | None
    organization_name: str
    include_descendants: bool = False

    def to_dict(self) -> dict:
        return {
            "id": self.organization_id,
            "name": self.organization_name,
            "include_descendants": self.include_descendants,
        }


@dataclass(frozen=True)
class TableThree:
    year: int
    scope: Scope
    as_of: date
    complete: bool  # False for the current, unfinished year
    new: Line
    carried_in: Line
    outcomes: tuple[Line, ...]  # 21 rows in the national order
    concluded_total: Line
    carried_out: Line
    note: str = NOTE

    @property
    def checks(self) -> tuple[ColumnCheck, ...]:
        return tuple(
            ColumnCheck(
                column=key,
                label=label,
                new=self.new.values[i],
                carried_in=self.carried_in.values[i],
                concluded=self.concluded_total.values[i],
                carried_out=self.carried_out.values[i],
            )
            for i, (key, label) in enumerate(COLUMNS)
        )

    @property
    def consistent(self) -> bool:
        return all(check.ok for check in self.checks)

    def outcome(self, outcome: str) -> Line:
        return next(line for line in self.outcomes if line.key == outcome)

    def cell(self, row: str, column: str) -> int:
        """The number in row ``row`` (a Line key) and column ``column`` (a COLUMNS key)."""
        for line in self.lines:
            if line.key == row:
                return line.value(column)
        raise KeyError(row)

    @property
    def lines(self) -> tuple[Line, ...]:
        return (self.new, self.carried_in, *self.outcomes, self.concluded_total, self.carried_out)

    def to_dict(self) -> dict:
        return {
            "year": self.year,
            "scope": self.scope.to_dict(),
            "as_of": self.as_of.isoformat(),
            "complete": self.complete,
            "note": self.note,
            "columns": [
                {
                    "key": key,
                    "label": label,
                    "group": ORGANIZATIONS_LABEL if key in _KINDS[1:] else "",
                }
                for key, label in COLUMNS
            ],
            "rows": [line.to_dict() for line in self.lines],
            "checks": [check.to_dict() for check in self.checks],
            "consistent": self.consistent,
        }


@dataclass(frozen=True)
class RemedyGroup:
    """One group of table 四: its counts by result, in ``REMEDY_COLUMNS`` order."""

    kind: str
    label: str
    parent: str
    upheld: int
    corrected: int
    other: int
    pending: int

    @property
    def total(self) -> int:
        return self.upheld + self.corrected + self.other + self.pending

    @property
    def values(self) -> tuple[int, ...]:
        return (self.upheld, self.corrected, self.other, self.pending, self.total)

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "label": self.label,
            "parent": self.parent,
            "values": {
                key: n for (key, _label), n in zip(REMEDY_COLUMNS, self.values, strict=True)
            },
        }


@dataclass(frozen=True)
class TableFour:
    year: int
    scope: Scope
    as_of: date
    complete: bool
    groups: tuple[RemedyGroup, ...]  # 行政复议, 未经复议直接起诉, 复议后起诉

    def group(self, kind: str) -> RemedyGroup:
        return next(group for group in self.groups if group.kind == kind)

    @property
    def values(self) -> tuple[int, ...]:
        """The 15 cells in the national order."""
        return tuple(n for group in self.groups for n in group.values)

    def to_dict(self) -> dict:
        return {
            "year": self.year,
            "scope": self.scope.to_dict(),
            "as_of": self.as_of.isoformat(),
            "complete": self.complete,
            "columns": [{"key": key, "label": label} for key, label in REMEDY_COLUMNS],
            "groups": [group.to_dict() for group in self.groups],
        }


@dataclass(frozen=True)
class OutcomeShare:
    key: str  # the group's first outcome value, e.g. "withhold_secret" for （三）不予公开
    label: str  # the group label without its number, e.g. "不予公开"
    count: int
    percent: float  # of （七）总计, 0–100, one decimal


@dataclass(frozen=True)
class ExtraFigures:
    """The figures around the national tables: chart data and the lines for 五/六."""

    year: int
    monthly: tuple[int, ...]  # applications received, January..December
    late_replies: int
    fees_collected: Decimal
    fees_count: int  # applications whose fee was paid in the year
    shares: tuple[OutcomeShare, ...] = field(default=())

    def to_dict(self) -> dict:
        return {
            "year": self.year,
            "monthly_received": list(self.monthly),
            "late_replies": self.late_replies,
            "fees_collected": f"{self.fees_collected:.2f}",
            "fees_paid_applications": self.fees_count,
            "outcome_shares": [
                {"key": s.key, "label": s.label, "count": s.count, "percent": s.percent}
                for s in self.shares
            ],
        }


# --- Scope ----------------------------------------------------------------------------------


def descendant_ids(organization: Organization) -> frozenset[int]:
    """The organization and every organization below it (one query per level; kept on the
    instance, so the several figures of one page look the tree up once)."""
    cached = getattr(organization, "_foi_descendant_ids", None)
    if cached is not None:
        return cached
    ids, frontier = {organization.pk}, {organization.pk}
    while frontier:
        frontier = set(
            Organization.objects.filter(parent_id__in=frontier)
            .exclude(pk__in=ids)
            .values_list("pk", flat=True)
        )
        ids |= frontier
    organization._foi_descendant_ids = frozenset(ids)
    return organization._foi_descendant_ids


def _scope(
    organization: Organization | None, include_descendants: bool, *, prefix: str = ""
) -> tuple[Scope, Q]:
    """The scope's description and the filter on applications (``prefix`` reaches them from
    a related model, e.g. ``"application__"``)."""
    if organization is None:
        return Scope(None, _("全部机关")), Q()
    scope = Scope(organization.pk, organization.name, include_descendants)
    if include_descendants:
        return scope, Q(**{f"{prefix}organization_id__in": descendant_ids(organization)})
    return scope, Q(**{f"{prefix}organization_id": organization.pk})


def _period(year: int, today: date | None) -> tuple[date, date, bool]:
    """(1月1日, the last day counted, whether the year is over)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    if today is not None and today < end:
        return start, max(today, start - ONE_DAY), False
    return start, end, True


def _concluded_by(day: date) -> Q:
    return Q(status__in=CONCLUDED_STATUSES, concluded_on__isnull=False, concluded_on__lte=day)


def _open_at_end_of(day: date) -> Q:
    """Received by ``day`` and not concluded by ``day``."""
    return Q(received_on__lte=day) & (
        ~Q(status__in=CONCLUDED_STATUSES) | Q(concluded_on__isnull=True) | Q(concluded_on__gt=day)
    )


# --- Table 三 -------------------------------------------------------------------------------


def _column_kind(kind: str) -> str:
    """The table's column for an applicant kind: one it has no column for counts as other."""
    return kind if kind in _KINDS else ApplicantKind.OTHER


def _by_kind(rows: dict[str, int]) -> tuple[int, ...]:
    values = [rows.get(kind, 0) for kind in _KINDS]
    return (*values, sum(values))


def table_three(
    *,
    year: int,
    organization: Organization | None = None,
    include_descendants: bool = False,
    today: date | None = None,
) -> TableThree:
    """Table 三 for ``organization`` (all organizations when None) and calendar ``year``.

    ``today`` makes a current year's figures "as of today"; see the module docstring.
    """
    scope, where = _scope(organization, include_descendants)
    start, end, complete = _period(year, today)
    applications = Application.objects.filter(where, received_on__isnull=False)

    # 一, 二 and 四 by applicant kind in one query.
    counts = (
        applications.order_by()
        .values("applicant_kind")
        .annotate(
            new=Count("pk", filter=Q(received_on__gte=start, received_on__lte=end)),
            carried_in=Count("pk", filter=_open_at_end_of(start - ONE_DAY)),
            carried_out=Count("pk", filter=_open_at_end_of(end)),
        )
    )
    new, carried_in, carried_out = {}, {}, {}
    for row in counts:
        kind = _column_kind(row["applicant_kind"])
        new[kind] = new.get(kind, 0) + row["new"]
        carried_in[kind] = carried_in.get(kind, 0) + row["carried_in"]
        carried_out[kind] = carried_out.get(kind, 0) + row["carried_out"]

    # 三 by outcome and kind in one query.
    concluded: dict[str, dict[str, int]] = {}
    for row in (
        applications.filter(_concluded_by(end), concluded_on__gte=start)
        .order_by()
        .values("outcome", "applicant_kind")
        .annotate(n=Count("pk"))
    ):
        outcome = row["outcome"] if row["outcome"] in Outcome.values else Outcome.OTHER
        kind = _column_kind(row["applicant_kind"])
        cells = concluded.setdefault(outcome, {})
        cells[kind] = cells.get(kind, 0) + row["n"]

    outcomes = tuple(
        Line(
            key=outcome.value,
            label=sub_label or group_label,
            values=_by_kind(concluded.get(outcome.value, {})),
            group=group_label,
        )
        for group_label, members in OUTCOME_ROWS
        for sub_label, outcome in members
    )
    total = tuple(sum(line.values[i] for line in outcomes) for i in range(len(COLUMNS)))
    return TableThree(
        year=year,
        scope=scope,
        as_of=end,
        complete=complete,
        new=Line("new", NEW_LABEL, _by_kind(new)),
        carried_in=Line("carried_in", CARRIED_IN_LABEL, _by_kind(carried_in)),
        outcomes=outcomes,
        concluded_total=Line("concluded_total", CONCLUDED_TOTAL_LABEL, total),
        carried_out=Line("carried_out", CARRIED_OUT_LABEL, _by_kind(carried_out)),
    )


# --- Table 四 -------------------------------------------------------------------------------


def table_four(
    *,
    year: int,
    organization: Organization | None = None,
    include_descendants: bool = False,
    today: date | None = None,
) -> TableFour:
    """Table 四: remedies handled during the year (see the module docstring), one query."""
    scope, where = _scope(organization, include_descendants, prefix="application__")
    start, end, complete = _period(year, today)
    decided = Q(concluded_on__isnull=True) | Q(concluded_on__lte=end)
    counts = {
        row["kind"]: row
        for row in Remedy.objects.filter(
            Q(concluded_on__isnull=True) | Q(concluded_on__gte=start),
            where,
            filed_on__lte=end,
        )
        .order_by()
        .values("kind")
        .annotate(
            upheld=Count("pk", filter=Q(result=RemedyResult.UPHELD) & decided),
            corrected=Count("pk", filter=Q(result=RemedyResult.CORRECTED) & decided),
            other=Count("pk", filter=Q(result=RemedyResult.OTHER) & decided),
            pending=Count("pk", filter=Q(result=RemedyResult.PENDING) | Q(concluded_on__gt=end)),
        )
    }
    groups = tuple(
        RemedyGroup(
            kind=kind,
            label=label,
            parent=parent,
            upheld=counts.get(kind, {}).get("upheld", 0),
            corrected=counts.get(kind, {}).get("corrected", 0),
            other=counts.get(kind, {}).get("other", 0),
            pending=counts.get(kind, {}).get("pending", 0),
        )
        for kind, label, parent in REMEDY_GROUPS
    )
    return TableFour(year=year, scope=scope, as_of=end, complete=complete, groups=groups)


# --- Around the tables ----------------------------------------------------------------------


def outcome_shares(three: TableThree) -> tuple[OutcomeShare, ...]:
    """Each group of 三、本年度办理结果 as a share of （七）总计 (for the chart)."""
    total = three.concluded_total.total
    shares = []
    for group_label, members in OUTCOME_ROWS:
        count = sum(three.outcome(outcome).total for _sub, outcome in members)
        # "（三）不予公开" → "不予公开"; "（二）部分公开（区分处理的…）" → "部分公开"
        short = group_label.split("）", 1)[1].split("（", 1)[0]
        shares.append(
            OutcomeShare(
                key=members[0][1].value,
                label=short,
                count=count,
                percent=round(100 * count / total, 1) if total else 0.0,
            )
        )
    return tuple(shares)


def monthly_received(
    *, year: int, organization: Organization | None = None, include_descendants: bool = False
) -> tuple[int, ...]:
    """Applications received in each month of ``year`` (12 numbers)."""
    _scope_obj, where = _scope(organization, include_descendants)
    months = dict(
        Application.objects.filter(where, received_on__year=year)
        .annotate(month=ExtractMonth("received_on"))
        .order_by()
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    return tuple(months.get(month, 0) for month in range(1, 13))


def late_replies(
    *, year: int, organization: Organization | None = None, include_descendants: bool = False
) -> int:
    """Applications concluded in ``year`` whose reply came after the legal deadline."""
    _scope_obj, where = _scope(organization, include_descendants)
    return Application.objects.filter(
        where, replied_late=True, status__in=CONCLUDED_STATUSES, concluded_on__year=year
    ).count()


def fees_collected(
    *, year: int, organization: Organization | None = None, include_descendants: bool = False
) -> tuple[Decimal, int]:
    """信息处理费 collected in ``year``: (amount, number of applications that paid)."""
    _scope_obj, where = _scope(organization, include_descendants)
    paid = ClockEntry.objects.filter(kind=EventKind.FEE_PAID, on__year=year).values(
        "application_id"
    )
    result = Application.objects.filter(where, pk__in=paid).aggregate(
        amount=Sum("fee_amount"), n=Count("pk")
    )
    return (result["amount"] or Decimal("0.00")), result["n"]


def extra_figures(
    *,
    year: int,
    organization: Organization | None = None,
    include_descendants: bool = False,
    three: TableThree | None = None,
) -> ExtraFigures:
    """Monthly receipts, outcome shares (from ``three`` when given), late replies and fees."""
    scope = {"year": year, "organization": organization, "include_descendants": include_descendants}
    amount, count = fees_collected(**scope)
    return ExtraFigures(
        year=year,
        monthly=monthly_received(**scope),
        late_replies=late_replies(**scope),
        fees_collected=amount,
        fees_count=count,
        shares=outcome_shares(three) if three is not None else (),
    )


def as_json(three: TableThree, four: TableFour, extra: ExtraFigures | None = None) -> dict:
    """Everything on the statistics page as plain JSON-ready data."""
    data = {
        "year": three.year,
        "scope": three.scope.to_dict(),
        "as_of": three.as_of.isoformat(),
        "complete": three.complete,
        "table_three": three.to_dict(),
        "table_four": four.to_dict(),
    }
    if extra is not None:
        data["extra"] = extra.to_dict()
    return data


# --- Layout (shared by the HTML table and the Excel sheet) -----------------------------------


@dataclass(frozen=True)
class HeadCell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    scope: str = "row"  # "row" or "rowgroup"


@dataclass(frozen=True)
class LayoutRow:
    """One body row of table 三: its row-header cells (right-aligned into the three label
    columns; cells spanning down from earlier rows are not repeated) and its numbers."""

    key: str
    heads: tuple[HeadCell, ...]
    values: tuple[int, ...]

    @property
    def first_column(self) -> int:
        """Index (0–2) of the first label column this row's own cells occupy."""
        return 3 - sum(cell.colspan for cell in self.heads)


def table_three_layout(three: TableThree) -> list[LayoutRow]:
    """The body of table 三 as in the national format, with its merged label cells."""
    rows = [
        LayoutRow("new", (HeadCell(NEW_LABEL, colspan=3),), three.new.values),
        LayoutRow("carried_in", (HeadCell(CARRIED_IN_LABEL, colspan=3),), three.carried_in.values),
    ]
    results_rowspan = len(three.outcomes) + 1
    first = True
    for group_label, members in OUTCOME_ROWS:
        for index, (sub_label, outcome) in enumerate(members):
            heads = []
            if first:
                heads.append(HeadCell(RESULTS_LABEL, rowspan=results_rowspan, scope="rowgroup"))
                first = False
            if len(members) == 1:
                heads.append(HeadCell(group_label, colspan=2))
            else:
                if index == 0:
                    heads.append(HeadCell(group_label, rowspan=len(members), scope="rowgroup"))
                heads.append(HeadCell(sub_label))
            rows.append(LayoutRow(outcome.value, tuple(heads), three.outcome(outcome).values))
    rows.append(
        LayoutRow(
            "concluded_total",
            (HeadCell(CONCLUDED_TOTAL_LABEL, colspan=2),),
            three.concluded_total.values,
        )
    )
    rows.append(
        LayoutRow(
            "carried_out", (HeadCell(CARRIED_OUT_LABEL, colspan=3),), three.carried_out.values
        )
    )
    return rows


# --- Excel ----------------------------------------------------------------------------------


def statistics_xlsx(three: TableThree, four: TableFour, extra: ExtraFigures | None = None) -> bytes:
    """Tables 三 and 四 in the national layout (merged header cells), one sheet each, and the
    extra figures on a third sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = Alignment(horizontal="left", vertical="center", wrap_text=True)
    bold = Font(bold=True)
    subtitle = _("%(scope)s %(year)s年度（统计截至%(day)s）") % {
        "scope": three.scope.organization_name
        + (_("（含下属机关）") if three.scope.include_descendants else ""),
        "year": three.year,
        "day": three.as_of.isoformat(),
    }

    def put(ws, row, col, value, *, colspan=1, rowspan=1, align=center, font=None):
        cell = ws.cell(row=row, column=col, value=value)
        cell.alignment = align
        if font:
            cell.font = font
        for r in range(row, row + rowspan):
            for c in range(col, col + colspan):
                ws.cell(row=r, column=c).border = border
        if colspan > 1 or rowspan > 1:
            ws.merge_cells(
                start_row=row,
                start_column=col,
                end_row=row + rowspan - 1,
                end_column=col + colspan - 1,
            )
        return cell

    wb = Workbook()

    # Table 三: label columns A–C, numbers D–J; title rows 1–2, header rows 3–5.
    ws = wb.active
    ws.title = "表三"
    ws.cell(row=1, column=1, value=THREE_TITLE).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=10)
    ws.cell(row=2, column=1, value=subtitle)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=10)
    put(ws, 3, 1, NOTE, colspan=3, rowspan=3)
    put(ws, 3, 4, APPLICANT_HEADER, colspan=7, font=bold)
    put(ws, 4, 4, NATURAL_LABEL, rowspan=2, font=bold)
    put(ws, 4, 5, ORGANIZATIONS_LABEL, colspan=5, font=bold)
    put(ws, 4, 10, TOTAL_LABEL, rowspan=2, font=bold)
    for offset, (_key, label) in enumerate(KIND_COLUMNS[1:]):
        put(ws, 5, 5 + offset, label, font=bold)
    row = 6
    for layout in table_three_layout(three):
        col = 1 + layout.first_column
        for head in layout.heads:
            put(ws, row, col, head.text, colspan=head.colspan, rowspan=head.rowspan, align=left)
            col += head.colspan
        for offset, value in enumerate(layout.values):
            put(ws, row, 4 + offset, value)
        row += 1
    for col, width in zip(range(1, 11), (12, 18, 40, 9, 9, 9, 11, 11, 9, 9), strict=True):
        ws.column_dimensions[get_column_letter(col)].width = width

    # Table 四: 15 columns; header rows 3–5, numbers row 6.
    ws = wb.create_sheet("表四")
    ws.cell(row=1, column=1, value=FOUR_TITLE).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=15)
    ws.cell(row=2, column=1, value=subtitle)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=15)
    put(ws, 3, 1, REVIEW_LABEL, colspan=5, font=bold)
    put(ws, 3, 6, SUIT_LABEL, colspan=10, font=bold)
    for offset, (_key, label) in enumerate(REMEDY_COLUMNS):
        put(ws, 4, 1 + offset, label, rowspan=2, font=bold)
    put(ws, 4, 6, REMEDY_GROUPS[1][1], colspan=5, font=bold)
    put(ws, 4, 11, REMEDY_GROUPS[2][1], colspan=5, font=bold)
    for offset, (_key, label) in enumerate(REMEDY_COLUMNS * 2):
        put(ws, 5, 6 + offset, label, font=bold)
    for offset, value in enumerate(four.values):
        put(ws, 6, 1 + offset, value)
    for col in range(1, 16):
        ws.column_dimensions[get_column_letter(col)].width = 10

    if extra is not None:
        ws = wb.create_sheet("其他统计")
        ws.append([_("项目"), _("数量")])
        for cell in ws[1]:
            cell.font = bold
        for month, n in enumerate(extra.monthly, start=1):
            ws.append([_("%(month)s月收到申请") % {"month": month}, n])
        for share in extra.shares:
            ws.append(
                [
                    _("%(label)s（占办理结果总计%(percent)s%%）")
                    % {"label": share.label, "percent": share.percent},
                    share.count,
                ]
            )
        ws.append([_("逾期答复（件）"), extra.late_replies])
        ws.append([_("收取信息处理费（元）"), float(extra.fees_collected)])
        ws.cell(row=ws.max_row, column=2).number_format = "0.00"
        ws.column_dimensions["A"].width = 40
        ws.column_dimensions["B"].width = 14

    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
