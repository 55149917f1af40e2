"""The ledger (台账): filters, rows, the Excel export and who may have it."""

import html
import io
import zipfile
from datetime import date, datetime
from urllib.parse import unquote

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

import pytest
import time_machine
from openpyxl import load_workbook

from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry
from gongkai.core.testing import OrganizationFactory, aware, staff
from gongkai.foi import services
from gongkai.foi.choices import ApplicantKind, Outcome, RemedyKind, Status
from gongkai.foi.clock import EventKind
from gongkai.foi.ledger import (
    LedgerFilters,
    ledger_applications,
    ledger_filename,
    ledger_row,
    ledger_rows,
)
from gongkai.foi.services import clock_for
from gongkai.foi.testing import CREDIT_CODE, PHONE, RESIDENT_ID
from gongkai.foi.tests.test_statistics import Office, _at
from gongkai.orgs.models import Role
from gongkai.workdays.calendar import clear_cache

pytestmark = pytest.mark.django_db

TODAY = date(2025, 6, 2)
HEADERS = [
    "申请编号",
    "受理机关",
    "收到申请日期",
    "提交时间",
    "申请方式",
    "申请人类型",
    "申请内容",
    "办理情况",
    "办理状态",
    "办理结果",
    "办结日期",
    "答复期限",
    "法定期限",
    "是否逾期",
    "复议/诉讼",
    "信息处理费（元）",
]


@pytest.fixture(autouse=True)
def fresh_calendar_cache():
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def office():
    return Office()


@pytest.fixture
def records(office):
    """Five applications of one office (and one of another), as of 2025-06-02."""
    disclosed = office.conclude(
        office.receive(
            date(2025, 3, 3), title_hint="2025年度部门预算", document_number_hint="测财〔2025〕1号"
        ),
        Outcome.DISCLOSE,
        date(2025, 3, 10),
    )
    services.remedy_add(
        application=disclosed,
        kind=RemedyKind.REVIEW,
        filed_on=date(2025, 4, 1),
        actor=office.clerk,
        now=_at(date(2025, 4, 1)),
    )
    supplement = office.receive(date(2025, 5, 26), ApplicantKind.COMMERCIAL)
    services.clock_entry_add(
        application=supplement,
        kind=EventKind.SUPPLEMENT_REQUESTED,
        on=date(2025, 5, 27),
        until=date(2025, 6, 10),
        actor=office.clerk,
        now=_at(date(2025, 5, 27)),
    )
    overdue = office.receive(date(2025, 1, 6), ApplicantKind.RESEARCH)  # due 2025-02-11
    last_year = office.receive(date(2024, 12, 23))
    online = services.application_submit(
        organization=office.org, data=_person(), now=aware(2025, 5, 30, 20, 0)
    )
    Office().receive(date(2025, 3, 3))  # another organization's
    return {
        "disclosed": disclosed,
        "supplement": supplement,
        "overdue": overdue,
        "last_year": last_year,
        "online": online,
    }


def _person():
    from gongkai.foi.testing import person_data

    return person_data()


def _numbers(applications):
    return {application.number for application in applications}


def _filters(**params):
    return LedgerFilters.from_params(params, today=TODAY)


# --- filters --------------------------------------------------------------------------------


def test_filters(office, records):
    org = {office.org.pk}
    r = records

    def numbers(**params):
        return _numbers(ledger_applications(organization_ids=org, filters=_filters(**params)))

    year_2025 = {
        r["disclosed"].number,
        r["supplement"].number,
        r["overdue"].number,
        r["online"].number,
    }
    assert numbers() == year_2025  # the current year by default
    assert numbers(year="2025") == year_2025
    assert numbers(year="2024") == {r["last_year"].number}
    assert numbers(year="all") == year_2025 | {r["last_year"].number}
    assert numbers(**{"from": "2025-05-01", "to": "2025-05-31"}) == {
        r["supplement"].number,
        r["online"].number,
    }
    assert numbers(year="all", status=Status.SUBMITTED) == {r["online"].number}
    assert numbers(outcome=Outcome.DISCLOSE) == {r["disclosed"].number}
    assert numbers(kind=ApplicantKind.COMMERCIAL) == {r["supplement"].number}
    # Another organization's applications never appear.
    assert len(ledger_applications(organization_ids=None, filters=_filters(year="2025"))) == 5

    overdue = ledger_rows(
        ledger_applications(organization_ids=org, filters=_filters(overdue="1")),
        today=TODAY,
        overdue_only=True,
    )
    assert [row.number for row in overdue] == [r["overdue"].number]


@pytest.mark.parametrize(
    "params",
    [
        {"year": "abc"},
        {"year": "1999"},
        {"year": "2030"},
        {"from": "2025-13-01"},
        {"from": "2025-06-01", "to": "2025-05-01"},
        {"status": "nope"},
        {"outcome": "nope"},
        {"kind": "nope"},
    ],
)
def test_bad_filters_are_refused_in_chinese(params):
    with pytest.raises(DomainError) as excinfo:
        LedgerFilters.from_params(params, today=TODAY)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(excinfo.value.message))


def test_filters_round_trip():
    filters = _filters(year="2025", status=Status.PROCESSING, kind=ApplicantKind.OTHER, overdue="1")
    assert LedgerFilters.from_params(filters.params(), today=TODAY) == filters
    assert ledger_filename("测试市第一局", filters) == "依申请公开台账-测试市第一局-2025.xlsx"


# --- rows -----------------------------------------------------------------------------------


def test_row_content(office, records):
    disclosed = ledger_row(records["disclosed"], today=TODAY)
    assert disclosed.number == records["disclosed"].number
    assert disclosed.received_on == date(2025, 3, 3)
    assert disclosed.applicant_kind == "自然人"
    assert "信息名称：2025年度部门预算" in disclosed.content
    assert "文号：测财〔2025〕1号" in disclosed.content
    assert disclosed.outcome == "予以公开" and disclosed.concluded_on == date(2025, 3, 10)
    assert disclosed.due_on == date(2025, 3, 31) and not disclosed.overdue
    assert "行政复议 2025-04-01 尚未审结" in disclosed.remedies
    assert disclosed.applicant_name == ""

    supplement = records["supplement"]
    row = ledger_row(supplement, today=TODAY)
    assert "2025-05-27 补正告知（补正期限 2025-06-10）" in row.processing
    state = clock_for(supplement, today=TODAY)
    assert row.due_on == state.due_on
    for limit in state.limits:
        assert f"{limit.label} {limit.due_on.isoformat()}" in row.limits

    overdue = ledger_row(records["overdue"], today=TODAY)
    assert overdue.overdue and overdue.outcome == ""

    online = ledger_row(records["online"], today=TODAY)
    assert online.received_on is None and online.due_on is None
    assert online.submitted_at == datetime(2025, 5, 30, 20, 0)


# --- the Excel export -----------------------------------------------------------------------


def _export(client, user, **params):
    client.force_login(user)
    with time_machine.travel(aware(2025, 6, 2, 10, 0), tick=False):
        return client.get(reverse("foi_reports:ledger_export"), params)


def _strings(content: bytes) -> str:
    """Every part of the .xlsx file as text, character references resolved."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return html.unescape(
            "".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
        )


def test_export_is_a_proper_sheet_without_personal_data(client, office, records):
    response = _export(client, office.clerk, org=office.org.pk, year=2025)

    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and "filename*=utf-8''" in disposition
    assert unquote(disposition.split("''", 1)[1]) == f"依申请公开台账-{office.org.name}-2025.xlsx"

    wb = load_workbook(io.BytesIO(response.content))
    ws = wb.active
    assert office.org.name in ws["A1"].value and "台账" in ws["A1"].value
    assert [cell.value for cell in ws[3]] == HEADERS
    assert ws.freeze_panes == "A4"
    assert ws.auto_filter.ref == "A3:P7"
    data = list(ws.iter_rows(min_row=4, values_only=True))
    assert len(data) == 4
    assert sorted(row[0] for row in data) == sorted(
        records[key].number for key in ("disclosed", "supplement", "overdue", "online")
    )
    first = next(row for row in data if row[0] == records["disclosed"].number)
    assert first[2] == datetime(2025, 3, 3)  # a real date cell
    assert ws.cell(row=4, column=3).number_format == "yyyy-mm-dd"
    assert first[13] == "否" and first[11] == datetime(2025, 3, 31)
    overdue = next(row for row in data if row[0] == records["overdue"].number)
    assert overdue[13] == "是"

    text = _strings(response.content)
    for secret in (
        "张三",
        RESIDENT_ID,
        PHONE,
        "zhangsan@example.com",
        "人民路100号",
        "某某科技有限公司",
        CREDIT_CODE,
        "0571-87001234",
        "李四",
        "王五",
    ):
        assert secret not in text, secret


def test_export_writes_an_audit_row(client, office, records):
    _export(client, office.clerk, org=office.org.pk, year=2025, status=Status.PROCESSING)
    entry = AuditEntry.objects.get(action="foi.export")
    assert entry.content_type == ContentType.objects.get_for_model(office.org)
    assert entry.object_id == office.org.pk and entry.actor == office.clerk
    assert entry.data["rows"] == 2 and entry.data["include_names"] is False
    assert entry.data["filters"]["status"] == Status.PROCESSING
    assert set(entry.data["applications"]) == {records["supplement"].pk, records["overdue"].pk}


def test_names_only_for_the_office_and_audited(client, office, records):
    response = _export(client, office.clerk, org=office.org.pk, year=2025, names=1)
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws.cell(row=3, column=7).value == "申请人"
    assert "张三" in _strings(response.content)
    assert RESIDENT_ID not in _strings(response.content)
    assert PHONE not in _strings(response.content)
    assert AuditEntry.objects.get(action="foi.export").data["include_names"] is True

    admin = staff(OrganizationFactory(), Role.PLATFORM_ADMIN)
    assert _export(client, admin, org=office.org.pk, year=2025, names=1).status_code == 403
    assert _export(client, admin, org="all", year=2025).status_code == 200
    assert AuditEntry.objects.filter(action="foi.export").count() == 2


def test_export_permissions(client, office, records):
    other = Office()
    drafter = staff(office.org, Role.DRAFTER)
    assert _export(client, other.clerk, org=office.org.pk, year=2025).status_code == 403
    response = _export(client, drafter, org=office.org.pk, year=2025)
    assert response.status_code == 403
    assert "政务公开工作机构" in response.content.decode()
    assert not AuditEntry.objects.filter(action="foi.export").exists()
    client.logout()
    anonymous = client.get(reverse("foi_reports:ledger_export"), {"org": office.org.pk})
    assert anonymous.status_code == 302


def test_export_bad_params_are_400(client, office):
    for params in ({"year": "abc"}, {"org": "abc"}, {"org": "999999"}, {"from": "x"}):
        response = _export(client, office.clerk, **params)
        assert response.status_code == 400, params
        assert not AuditEntry.objects.filter(action="foi.export").exists()
