"""Tables 三 and 四 computed from records made through the services, on real 2024–2026 dates."""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from gongkai.core.testing import OrganizationFactory, aware, staff
from gongkai.foi import services
from gongkai.foi.choices import (
    OUTCOME_ROWS,
    ApplicantKind,
    Outcome,
    RemedyKind,
    RemedyResult,
    Status,
)
from gongkai.foi.clock import EventKind
from gongkai.foi.fees import FeeMethod
from gongkai.foi.models import Application
from gongkai.foi.statistics import (
    COLUMNS,
    NOTE,
    as_json,
    extra_figures,
    fees_collected,
    late_replies,
    monthly_received,
    statistics_xlsx,
    table_four,
    table_three,
    table_three_layout,
)
from gongkai.foi.testing import company_data, person_data, received_application
from gongkai.orgs.models import Level, Role
from gongkai.workdays.calendar import clear_cache

pytestmark = pytest.mark.django_db

KINDS = [kind for kind, _label in COLUMNS[:-1]]


@pytest.fixture(autouse=True)
def fresh_calendar_cache():
    clear_cache()
    yield
    clear_cache()


class Office:
    """An organization with two office members (one decides, the other approves)."""

    def __init__(self, organization=None):
        self.org = organization or OrganizationFactory()
        self.clerk = staff(self.org, Role.OPENNESS_OFFICE)
        self.chief = staff(self.org, Role.OPENNESS_OFFICE)

    def receive(self, on: date, kind: str = ApplicantKind.NATURAL, **overrides) -> Application:
        data = (
            person_data(**overrides)
            if kind == ApplicantKind.NATURAL
            else company_data(applicant_kind=kind, **overrides)
        )
        return received_application(self.org, self.clerk, received_on=on, data=data)

    def conclude(self, application: Application, outcome: str, on: date) -> Application:
        """Bring ``application`` to ``outcome`` on day ``on`` the way the office would."""
        at = aware(on.year, on.month, on.day, 15, 0)
        if outcome == Outcome.OTHER_NO_SUPPLEMENT:
            asked = application.received_on + timedelta(days=1)
            services.clock_entry_add(
                application=application,
                kind=EventKind.SUPPLEMENT_REQUESTED,
                on=asked,
                until=asked + timedelta(days=3),
                actor=self.clerk,
                now=_at(asked),
            )
            services.clock_entry_add(
                application=application,
                kind=EventKind.SUPPLEMENT_LAPSED,
                on=on,
                actor=self.clerk,
                now=at,
            )
        elif outcome == Outcome.OTHER_FEE_UNPAID:
            notice = application.received_on + timedelta(days=1)
            services.fee_notice_send(
                application=application,
                method=FeeMethod.BY_PAGE,
                pages=50,
                actor=self.clerk,
                now=_at(notice),
            )
            services.clock_entry_add(
                application=application,
                kind=EventKind.FEE_LAPSED,
                on=on,
                actor=self.clerk,
                now=at,
            )
        else:
            if outcome == Outcome.REJECT_EXCESSIVE:  # Art. 35: reasons are asked for first
                asked = application.received_on + timedelta(days=1)
                services.clock_entry_add(
                    application=application,
                    kind=EventKind.REASONS_REQUESTED,
                    on=asked,
                    actor=self.clerk,
                    now=_at(asked),
                )
            services.application_decide(
                application=application,
                outcome=outcome,
                actor=self.clerk,
                now=at,
                reasons="依据《中华人民共和国政府信息公开条例》相关规定。",
                processing_summary="经检索，提供相关信息。",
            )
            services.application_approve(application=application, actor=self.chief, now=at)
            services.application_reply(application=application, actor=self.clerk, now=at)
        application.refresh_from_db()
        return application


def _at(day: date):
    return aware(day.year, day.month, day.day, 10, 0)


@pytest.fixture
def office():
    return Office()


def lapse_on(outcome: str, received: date) -> date:
    """A day after the deadline the lapse waits for (补正: 3 days; fee: 20 working days)."""
    if outcome == Outcome.OTHER_FEE_UNPAID:
        return received + timedelta(days=40)
    return received + timedelta(days=10)


# --- table 三 -------------------------------------------------------------------------------


def test_every_outcome_lands_in_its_own_cell(office):
    expected = {}
    for i, outcome in enumerate(Outcome):
        kind = KINDS[i % len(KINDS)]
        received = date(2025, 3, 3) + timedelta(days=i)
        application = office.receive(received, kind)
        done = received + timedelta(days=7)
        if outcome in (Outcome.OTHER_NO_SUPPLEMENT, Outcome.OTHER_FEE_UNPAID):
            done = lapse_on(outcome, received)
        application = office.conclude(application, outcome, done)
        assert application.outcome == outcome
        expected[outcome.value] = kind

    three = table_three(year=2025, organization=office.org)

    for outcome, kind in expected.items():
        line = three.outcome(outcome)
        assert three.cell(outcome, kind) == 1, outcome
        assert line.total == 1
        assert sum(line.values[:-1]) == 1
    # Every applicant kind was used, in the column of its label.
    assert {kind for kind in expected.values()} == set(KINDS)
    assert three.concluded_total.values == (4, 4, 4, 3, 3, 3, 21)
    assert three.new.values == (4, 4, 4, 3, 3, 3, 21)
    assert three.carried_in.total == 0
    assert three.carried_out.total == 0
    assert three.consistent
    # The row labels are the national format's, in its order.
    assert [line.group for line in three.outcomes][:3] == [
        "（一）予以公开",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "（三）不予公开",
    ]
    assert [line.label for line in three.outcomes] == [
        sub or group for group, members in OUTCOME_ROWS for sub, _o in members
    ]


def test_carried_over_across_the_year_boundary(office):
    # Received on Saturday 2025-12-20 (in person), replied on 2026-01-10.
    application = office.receive(date(2025, 12, 20), ApplicantKind.RESEARCH)
    office.conclude(application, Outcome.DISCLOSE, date(2026, 1, 10))

    y2025 = table_three(year=2025, organization=office.org)
    assert y2025.cell("new", ApplicantKind.RESEARCH) == 1
    assert y2025.concluded_total.total == 0
    assert y2025.cell("carried_out", ApplicantKind.RESEARCH) == 1
    assert y2025.carried_out.total == 1
    assert y2025.consistent

    y2026 = table_three(year=2026, organization=office.org)
    assert y2026.new.total == 0
    assert y2026.cell("carried_in", ApplicantKind.RESEARCH) == 1
    assert y2026.cell(Outcome.DISCLOSE, ApplicantKind.RESEARCH) == 1
    assert y2026.carried_out.total == 0
    assert y2026.consistent


def test_current_year_counts_as_of_today(office):
    office.receive(date(2025, 12, 1))
    three = table_three(year=2025, organization=office.org, today=date(2025, 12, 5))
    assert not three.complete
    assert three.as_of == date(2025, 12, 5)
    assert three.new.total == 1 and three.carried_out.total == 1 and three.consistent
    assert table_three(year=2025, organization=office.org, today=date(2026, 2, 1)).complete


def _mixed_data(office: Office) -> None:
    # 2024: concluded in 2024 (not carried), and one still open at year end (carried into 2025).
    done_2024 = office.receive(date(2024, 5, 6), ApplicantKind.COMMERCIAL)
    office.conclude(done_2024, Outcome.DISCLOSE, date(2024, 5, 20))
    carried = office.receive(date(2024, 12, 23), ApplicantKind.COMMERCIAL)
    office.conclude(carried, Outcome.WITHHOLD_PROCESS, date(2025, 1, 8))
    open_since_2024 = office.receive(date(2024, 12, 24), ApplicantKind.NATURAL)
    assert open_since_2024.status == Status.PROCESSING
    # 2025: concluded, lapsed, pending approval, open at year end, concluded next year.
    office.conclude(office.receive(date(2025, 2, 10)), Outcome.PARTIAL, date(2025, 2, 20))
    office.conclude(
        office.receive(date(2025, 4, 1), ApplicantKind.LEGAL_SERVICE),
        Outcome.UNABLE_NOT_HELD,
        date(2025, 4, 10),
    )
    lapsed = office.receive(date(2025, 6, 2), ApplicantKind.PUBLIC_WELFARE)
    office.conclude(lapsed, Outcome.OTHER_NO_SUPPLEMENT, date(2025, 6, 12))
    pending = office.receive(date(2025, 11, 3), ApplicantKind.OTHER)
    services.application_decide(
        application=pending,
        outcome=Outcome.REJECT_REPEAT,
        actor=office.clerk,
        now=_at(date(2025, 11, 10)),
        reasons="重复申请。",
    )
    office.receive(date(2025, 12, 29), ApplicantKind.NATURAL)
    office.conclude(office.receive(date(2025, 12, 30)), Outcome.DISCLOSE, date(2026, 1, 6))
    # Not received yet (online, unconfirmed): counted nowhere.
    services.application_submit(
        organization=office.org, data=person_data(), now=aware(2025, 12, 31, 9, 0)
    )


def test_consistency_holds_per_column_for_mixed_data(office):
    _mixed_data(office)
    three = table_three(year=2025, organization=office.org)

    assert three.new.values == (3, 0, 0, 1, 1, 1, 6)
    assert three.carried_in.values == (1, 1, 0, 0, 0, 0, 2)
    assert three.concluded_total.values == (1, 1, 0, 1, 1, 0, 4)
    assert three.carried_out.values == (3, 0, 0, 0, 0, 1, 4)
    assert [check.ok for check in three.checks] == [True] * 7
    total = three.checks[-1]
    assert (total.new, total.carried_in, total.concluded, total.carried_out) == (6, 2, 4, 4)
    assert (
        three.note == NOTE == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    )


def test_check_fails_on_inconsistent_data(office):
    application = office.receive(date(2025, 3, 3), ApplicantKind.RESEARCH)
    # Data corrupted by hand: concluded before it was received.
    Application.objects.filter(pk=application.pk).update(
        status=Status.REPLIED, outcome=Outcome.DISCLOSE, concluded_on=date(2024, 12, 1)
    )
    three = table_three(year=2025, organization=office.org)
    research = next(check for check in three.checks if check.column == ApplicantKind.RESEARCH)
    assert not research.ok and (research.left, research.right) == (1, 0)
    assert not three.consistent


def test_scope_descendants_and_all():
    government = Office(OrganizationFactory(level=Level.GOVERNMENT))
    department = Office(OrganizationFactory(parent=government.org))
    district = Office(OrganizationFactory(parent=department.org))
    other = Office()
    for unit in (government, department, district, other):
        unit.receive(date(2025, 5, 6))

    assert table_three(year=2025, organization=government.org).new.total == 1
    with_children = table_three(year=2025, organization=government.org, include_descendants=True)
    assert with_children.new.total == 3
    assert with_children.scope.include_descendants
    assert table_three(year=2025).new.total == 4
    assert table_three(year=2025).scope.organization_id is None


# --- table 四 -------------------------------------------------------------------------------


def _remedy(office, application, kind, filed_on, result=None, concluded_on=None):
    remedy = services.remedy_add(
        application=application,
        kind=kind,
        filed_on=filed_on,
        actor=office.clerk,
        now=_at(filed_on),
    )
    if result:
        remedy = services.remedy_conclude(
            remedy=remedy,
            result=result,
            concluded_on=concluded_on,
            actor=office.clerk,
            now=_at(concluded_on),
        )
    return remedy


def test_table_four_cells(office):
    application = office.conclude(
        office.receive(date(2024, 9, 2)), Outcome.WITHHOLD_THIRD_PARTY, date(2024, 9, 10)
    )
    R, K = RemedyResult, RemedyKind
    _remedy(
        office, application, K.REVIEW, date(2024, 10, 8), R.UPHELD, date(2024, 12, 1)
    )  # 2024 only
    _remedy(office, application, K.SUIT_AFTER_REVIEW, date(2024, 12, 20), R.OTHER, date(2025, 3, 1))
    _remedy(office, application, K.REVIEW, date(2025, 2, 3), R.UPHELD, date(2025, 4, 1))
    _remedy(office, application, K.REVIEW, date(2025, 3, 3), R.CORRECTED, date(2025, 5, 6))
    _remedy(office, application, K.REVIEW, date(2025, 11, 3), R.UPHELD, date(2026, 1, 20))
    _remedy(office, application, K.SUIT_DIRECT, date(2025, 6, 2))
    _remedy(office, application, K.SUIT_DIRECT, date(2025, 7, 1), R.CORRECTED, date(2025, 9, 1))

    four = table_four(year=2025, organization=office.org)
    assert four.group(K.REVIEW).values == (1, 1, 0, 1, 3)
    assert four.group(K.SUIT_DIRECT).values == (0, 1, 0, 1, 2)
    assert four.group(K.SUIT_AFTER_REVIEW).values == (0, 0, 1, 0, 1)
    assert four.values == (1, 1, 0, 1, 3, 0, 1, 0, 1, 2, 0, 0, 1, 0, 1)

    # The review pending at the end of 2025 is reported with its result in 2026.
    four_2026 = table_four(year=2026, organization=office.org)
    assert four_2026.group(K.REVIEW).values == (1, 0, 0, 0, 1)
    assert four_2026.group(K.SUIT_DIRECT).values == (0, 0, 0, 1, 1)
    # 2024: the first review upheld; the suit filed in December still pending.
    four_2024 = table_four(year=2024, organization=office.org)
    assert four_2024.group(K.REVIEW).values == (1, 0, 0, 0, 1)
    assert four_2024.group(K.SUIT_AFTER_REVIEW).values == (0, 0, 0, 1, 1)
    # Other organizations see none of it.
    assert sum(table_four(year=2025, organization=OrganizationFactory()).values) == 0


# --- around the tables ----------------------------------------------------------------------


def test_monthly_counts(office):
    for day in (date(2025, 1, 6), date(2025, 1, 20), date(2025, 3, 3), date(2025, 12, 31)):
        office.receive(day)
    office.receive(date(2024, 1, 8))
    assert monthly_received(year=2025, organization=office.org) == (
        2,
        0,
        1,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        1,
    )


def test_late_replies_and_fees(office):
    # Received Monday 2025-03-03; 20 working days end 2025-03-31: replying in May is late.
    late = office.conclude(office.receive(date(2025, 3, 3)), Outcome.DISCLOSE, date(2025, 5, 6))
    assert late.replied_late
    office.conclude(office.receive(date(2025, 3, 3)), Outcome.DISCLOSE, date(2025, 3, 10))

    paid = office.receive(date(2025, 6, 2))
    services.fee_notice_send(
        application=paid,
        method=FeeMethod.BY_PAGE,
        pages=50,
        actor=office.clerk,
        now=_at(date(2025, 6, 3)),
    )
    services.clock_entry_add(
        application=paid,
        kind=EventKind.FEE_PAID,
        on=date(2025, 6, 10),
        actor=office.clerk,
        now=_at(date(2025, 6, 10)),
    )
    unpaid = office.receive(date(2025, 6, 2))
    services.fee_notice_send(
        application=unpaid,
        method=FeeMethod.BY_PAGE,
        pages=120,
        actor=office.clerk,
        now=_at(date(2025, 6, 3)),
    )
    paid.refresh_from_db()

    assert late_replies(year=2025, organization=office.org) == 1
    amount, count = fees_collected(year=2025, organization=office.org)
    assert amount == paid.fee_amount > Decimal("0") and count == 1
    assert fees_collected(year=2024, organization=office.org) == (Decimal("0.00"), 0)

    extra = extra_figures(
        year=2025, organization=office.org, three=table_three(year=2025, organization=office.org)
    )
    assert extra.late_replies == 1 and extra.fees_collected == paid.fee_amount
    disclose = next(share for share in extra.shares if share.label == "予以公开")
    assert (disclose.count, disclose.percent) == (2, 100.0)
    assert [share.label for share in extra.shares] == [
        "予以公开",
        "部分公开",
        "不予公开",
        "无法提供",
        "不予处理",
        "其他处理",
    ]


def test_json_and_layout(office):
    _mixed_data(office)
    three = table_three(year=2025, organization=office.org)
    four = table_four(year=2025, organization=office.org)
    data = as_json(three, four, extra_figures(year=2025, organization=office.org, three=three))

    assert data["year"] == 2025 and data["scope"]["id"] == office.org.pk
    table = data["table_three"]
    assert [c["label"] for c in table["columns"]] == [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ]
    assert table["rows"][0]["label"] == "一、本年新收政府信息公开申请数量"
    assert table["rows"][0]["values"]["total"] == 6
    assert table["rows"][-1]["label"] == "四、结转下年度继续办理"
    assert len(table["rows"]) == 25 and table["consistent"] is True
    assert len(table["checks"]) == 7
    assert [g["label"] for g in data["table_four"]["groups"]] == [
        "行政复议",
        "未经复议直接起诉",
        "复议后起诉",
    ]
    assert len(data["extra"]["monthly_received"]) == 12

    layout = table_three_layout(three)
    assert len(layout) == 25
    assert layout[2].heads[0].text == "三、本年度办理结果" and layout[2].heads[0].rowspan == 22
    assert all(row.first_column + sum(h.colspan for h in row.heads) == 3 for row in layout)


def test_statistics_excel_has_the_national_layout(office):
    _mixed_data(office)
    three = table_three(year=2025, organization=office.org)
    four = table_four(year=2025, organization=office.org)
    content = statistics_xlsx(three, four, extra_figures(year=2025, organization=office.org))
    wb = load_workbook(io.BytesIO(content))
    assert wb.sheetnames == ["表三", "表四", "其他统计"]
    ws = wb["表三"]
    assert ws["A3"].value == NOTE
    assert "A3:C5" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["D3"].value == "申请人情况" and ws["E4"].value == "法人或其他组织"
    assert ws["A6"].value == "一、本年新收政府信息公开申请数量" and ws["J6"].value == 6
    assert ws["A30"].value == "四、结转下年度继续办理" and ws["J30"].value == 4
    assert ws["A8"].value == "三、本年度办理结果"
    ws4 = wb["表四"]
    assert ws4["A3"].value == "行政复议" and ws4["F3"].value == "行政诉讼"
    assert ws4["F4"].value == "未经复议直接起诉" and ws4["K4"].value == "复议后起诉"
    assert [ws4.cell(row=6, column=c).value for c in range(1, 16)] == [0] * 15
