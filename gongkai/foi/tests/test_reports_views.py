"""The statistics and ledger pages: who sees them, what they show, and bad parameters."""

import io
from datetime import date
from urllib.parse import unquote

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
import time_machine
from openpyxl import load_workbook

from gongkai.core.testing import OrganizationFactory, aware, staff
from gongkai.foi import views_reports
from gongkai.foi.choices import ApplicantKind, Outcome
from gongkai.foi.statistics import NOTE
from gongkai.foi.tests.test_statistics import Office, _mixed_data
from gongkai.orgs.models import Level, Role
from gongkai.workdays.calendar import clear_cache

pytestmark = pytest.mark.django_db

STATISTICS = reverse("foi_reports:statistics")
JSON = reverse("foi_reports:statistics_json")
XLSX = reverse("foi_reports:statistics_xlsx")
LEDGER = reverse("foi_reports:ledger")


@pytest.fixture(autouse=True)
def fresh_calendar_cache():
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def office():
    return Office()


@pytest.fixture
def admin():
    return staff(OrganizationFactory(), Role.PLATFORM_ADMIN)


def _get(client, user, url, **params):
    client.force_login(user)
    return client.get(url, params)


# --- the statistics page --------------------------------------------------------------------


def test_statistics_page_shows_the_national_tables(client, office):
    _mixed_data(office)
    response = _get(client, office.clerk, STATISTICS, org=office.org.pk, year=2025)
    assert response.status_code == 200
    html = response.content.decode()
    for label in (
        NOTE,
        "申请人情况",
        "法人或其他组织",
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "三、本年度办理结果",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "（七）总计",
        "四、结转下年度继续办理",
        "未经复议直接起诉",
        "复议后起诉",
        "尚未审结",
    ):
        assert label in html, label
    assert 'rowspan="22"' in html and 'scope="rowgroup"' in html
    assert html.count('class="check-ok"') == 7 and 'class="check-bad"' not in html
    assert 'role="img"' in html and '<title id="months-title">' in html
    assert "12月2件" in html  # the chart's text alternative: two received in December
    assert "逾期答复" in html and "收取信息处理费" in html
    assert f"?org={office.org.pk}&amp;year=2025" in html  # downloads keep the choice


def test_statistics_current_year_says_as_of_today(client, office):
    office.receive(date(2025, 5, 6))
    with time_machine.travel(aware(2025, 6, 2, 10, 0), tick=False):
        response = _get(client, office.clerk, STATISTICS)
    assert response.status_code == 200
    assert "本年度尚未结束，数据统计截至2025年6月2日" in response.content.decode()
    assert response.context["year"] == 2025
    assert response.context["choice"].organization == office.org


def test_statistics_page_query_count_is_bounded(client, office, django_assert_max_num_queries):
    _mixed_data(office)
    client.force_login(office.clerk)
    client.get(STATISTICS)  # creates the site settings row once
    for params in ({"year": 2025}, {"year": 2025, "sub": 1}):
        # 14: session, user, roles, the organizations, 6 aggregates, site settings and the
        # workbench navigation; a constant, whatever the number of applications.
        with django_assert_max_num_queries(14):
            response = client.get(STATISTICS, {"org": office.org.pk, **params})
        assert response.status_code == 200


def test_platform_admin_sees_all_and_any(client, office, admin):
    office.receive(date(2025, 3, 3))
    Office().receive(date(2025, 3, 4))
    response = _get(client, admin, JSON, year=2025)
    assert response.status_code == 200
    assert response.json()["scope"]["id"] is None
    assert response.json()["table_three"]["rows"][0]["values"]["total"] == 2
    one = _get(client, admin, JSON, org=office.org.pk, year=2025).json()
    assert one["table_three"]["rows"][0]["values"]["total"] == 1
    page = _get(client, admin, STATISTICS, year=2025)
    assert page.status_code == 200 and "全部机关" in page.content.decode()


def test_government_with_its_departments(client):
    government = Office(OrganizationFactory(level=Level.GOVERNMENT))
    department = Office(OrganizationFactory(parent=government.org))
    government.receive(date(2025, 3, 3))
    department.receive(date(2025, 3, 3))
    own = _get(client, government.clerk, JSON, org=government.org.pk, year=2025).json()
    assert own["table_three"]["rows"][0]["values"]["total"] == 1
    both = _get(client, government.clerk, JSON, org=government.org.pk, year=2025, sub=1).json()
    assert both["table_three"]["rows"][0]["values"]["total"] == 2
    assert both["scope"]["include_descendants"] is True


def test_others_are_refused(client, office):
    other = Office()
    drafter = staff(office.org, Role.DRAFTER)
    for user, params in (
        (other.clerk, {"org": office.org.pk}),
        (other.clerk, {"org": "all"}),
        (drafter, {}),
    ):
        for url in (STATISTICS, XLSX, LEDGER):
            response = _get(client, user, url, **params)
            assert response.status_code == 403, (url, params)
            assert "无权" in response.content.decode() or "只有" in response.content.decode()
        assert _get(client, user, JSON, **params).status_code == 403
    client.logout()
    assert client.get(STATISTICS).status_code == 302
    assert client.get(JSON).status_code == 302


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"year": "abc"}, "年度格式不正确"),
        ({"year": "1999"}, "年度应在"),
        ({"year": "2999"}, "年度应在"),
        ({"org": "abc"}, "机关参数不正确"),
        ({"org": "999999"}, "所选机关不存在"),
    ],
)
def test_bad_params_are_400_with_a_chinese_message(client, office, params, message):
    for url in (STATISTICS, XLSX, LEDGER):
        response = _get(client, office.clerk, url, **params)
        assert response.status_code == 400, url
        assert message in response.content.decode()
    response = _get(client, office.clerk, JSON, **params)
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_json_structure(client, office):
    application = office.receive(date(2025, 4, 1))
    office.conclude(application, Outcome.PARTIAL, date(2025, 4, 8))
    data = _get(client, office.clerk, JSON, org=office.org.pk, year=2025).json()
    assert set(data) == {"year", "scope", "as_of", "complete", "table_three", "table_four", "extra"}
    three = data["table_three"]
    assert three["note"] == NOTE and three["consistent"] is True
    assert [column["key"] for column in three["columns"]] == [
        "natural",
        "commercial",
        "research",
        "public_welfare",
        "legal_service",
        "other",
        "total",
    ]
    partial = next(row for row in three["rows"] if row["key"] == Outcome.PARTIAL)
    assert partial["values"][ApplicantKind.NATURAL] == 1 and partial["values"]["total"] == 1
    assert partial["group"] == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    assert [check["ok"] for check in three["checks"]] == [True] * 7
    four = data["table_four"]
    assert [group["kind"] for group in four["groups"]] == [
        "review",
        "suit_direct",
        "suit_after_review",
    ]
    assert set(four["groups"][0]["values"]) == {"upheld", "corrected", "other", "pending", "total"}
    extra = data["extra"]
    assert extra["monthly_received"][3] == 1 and sum(extra["monthly_received"]) == 1
    assert extra["late_replies"] == 0 and extra["fees_collected"] == "0.00"
    assert extra["outcome_shares"][1] == {
        "key": "partial",
        "label": "部分公开",
        "count": 1,
        "percent": 100.0,
    }


def test_statistics_excel_download(client, office):
    _mixed_data(office)
    response = _get(client, office.clerk, XLSX, org=office.org.pk, year=2025)
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert "filename*=utf-8''" in disposition
    assert unquote(disposition.split("''", 1)[1]) == f"依申请公开统计-{office.org.name}-2025.xlsx"
    wb = load_workbook(io.BytesIO(response.content))
    assert wb["表三"]["J6"].value == 6


# --- the ledger page ------------------------------------------------------------------------


def _queries_besides_the_calendar(context) -> list[str]:
    """Inside a test transaction the working-day calendar re-reads its revision token on each
    use (a test artefact: in production it is cached); leave those out of the count."""
    return [
        q["sql"] for q in context.captured_queries if "workdays_calendarrevision" not in q["sql"]
    ]


def test_ledger_page(client, office, monkeypatch):
    monkeypatch.setattr(views_reports, "LEDGER_PAGE_SIZE", 2)
    for day in (date(2025, 1, 6), date(2025, 3, 3), date(2025, 3, 4)):
        office.receive(day, title_hint=f"{day.month}月材料")
    office.conclude(office.receive(date(2025, 3, 5)), Outcome.DISCLOSE, date(2025, 3, 10))
    client.force_login(office.clerk)
    with time_machine.travel(aware(2025, 3, 20, 10, 0), tick=False):
        client.get(LEDGER)  # creates the site settings row once
        with CaptureQueriesContext(connection) as context:
            response = client.get(LEDGER, {"org": office.org.pk})
        queries = _queries_besides_the_calendar(context)
        assert len(queries) <= 14
        # No query per row: a page of four rows costs what a page of two does.
        monkeypatch.setattr(views_reports, "LEDGER_PAGE_SIZE", 10)
        with CaptureQueriesContext(connection) as context:
            assert client.get(LEDGER, {"org": office.org.pk}).status_code == 200
        assert len(_queries_besides_the_calendar(context)) == len(queries)
        monkeypatch.setattr(views_reports, "LEDGER_PAGE_SIZE", 2)
        assert response.status_code == 200
        html = response.content.decode()
        assert "共 4 件" in html and "第 1 / 2 页" in html
        assert "2025-0001" in html and "2025-0003" not in html
        assert "张三" not in html and "13800138000" not in html
        assert f"org={office.org.pk}&amp;year=2025&amp;page=2" in html
        assert "导出Excel（含申请人姓名）" in html

        second = client.get(LEDGER, {"org": office.org.pk, "year": 2025, "page": 2})
        assert "2025-0003" in second.content.decode()

        overdue = client.get(LEDGER, {"org": office.org.pk, "overdue": "1"})
        assert "共 1 件" in overdue.content.decode()  # received 2025-01-06, due 2025-02-11
        assert "逾期" in overdue.content.decode()

        disclosed = client.get(LEDGER, {"org": office.org.pk, "outcome": Outcome.DISCLOSE})
        assert "共 1 件" in disclosed.content.decode()
        assert "予以公开" in disclosed.content.decode()


def test_ledger_page_for_admin_has_no_names_export(client, office, admin):
    office.receive(date(2025, 3, 3))
    response = _get(client, admin, LEDGER, org="all", year=2025)
    assert response.status_code == 200
    assert "导出Excel（含申请人姓名）" not in response.content.decode()
    assert office.org.name in response.content.decode()
