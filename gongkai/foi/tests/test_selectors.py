"""The workbench's reads: scope, and due-soon / overdue / paused computed from the clock."""

from datetime import date
from types import SimpleNamespace

import pytest

from gongkai.core.testing import OrganizationFactory, aware, staff
from gongkai.foi import selectors, services
from gongkai.foi.choices import ApplicantKind, Status
from gongkai.foi.clock import EventKind
from gongkai.foi.models import Application
from gongkai.foi.testing import company_data, person_data, received_application
from gongkai.orgs.models import Role
from gongkai.workdays import calendar as calendar_module
from gongkai.workdays.calendar import clear_cache
from gongkai.workdays.services import special_day_set

pytestmark = pytest.mark.django_db

TODAY = date(2025, 3, 27)  # a Thursday


@pytest.fixture(autouse=True)
def _fresh_calendar():
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def org():
    return OrganizationFactory()


@pytest.fixture
def office(org):
    return staff(org, Role.OPENNESS_OFFICE)


@pytest.fixture
def world(org, office):
    """One application in each clock situation on TODAY, plus another office's overdue one."""
    apps = {
        # received Mon 2025-03-03 → due Mon 2025-03-31: 2 working days left on TODAY
        "soon": received_application(org, office, received_on=date(2025, 3, 3)),
        # received 2025-02-10 → due 2025-03-10: overdue
        "late": received_application(org, office, received_on=date(2025, 2, 10)),
        # received 2025-03-24 → due in April
        "fresh": received_application(org, office, received_on=date(2025, 3, 24)),
        "paused": received_application(org, office, received_on=date(2025, 3, 20)),
    }
    services.clock_entry_add(
        application=apps["paused"],
        kind=EventKind.SUPPLEMENT_REQUESTED,
        on=date(2025, 3, 21),
        until=date(2025, 4, 3),
        actor=office,
        now=aware(2025, 3, 21, 10, 0),
    )
    apps["online"] = services.application_submit(
        organization=org, data=person_data(), now=aware(2025, 3, 26, 9, 0)
    )
    other = OrganizationFactory()
    apps["other"] = received_application(
        other, staff(other, Role.OPENNESS_OFFICE), received_on=date(2025, 2, 10)
    )
    return apps


def pks(rows):
    return [row.application.pk for row in rows]


def test_scope_is_the_office_organizations(world, office, org):
    assert set(selectors.staff_applications(office)) == {
        a for key, a in world.items() if key != "other"
    }
    drafter = staff(org, Role.DRAFTER)
    assert not selectors.staff_applications(drafter).exists()
    admin = staff(OrganizationFactory(), Role.PLATFORM_ADMIN)
    assert selectors.staff_applications(admin).count() == len(world)


def test_due_soon_overdue_paused_on_real_dates(world, office):
    assert pks(selectors.due_soon(office, TODAY)) == [world["soon"].pk]
    assert pks(selectors.overdue(office, TODAY)) == [world["late"].pk]
    assert pks(selectors.paused(office, TODAY)) == [world["paused"].pk]
    # Two days earlier the first one still had 4 working days: not within 3 but within 5.
    (row,) = selectors.due_soon(office, date(2025, 3, 25))
    assert row.due_on == date(2025, 3, 31) and row.days_left == 4 and not row.warn
    (row,) = selectors.due_soon(office, TODAY)
    assert row.days_left == 2 and row.warn
    assert pks(selectors.due_soon(office, TODAY, within=1)) == []


def test_organization_filter(world, office, org):
    assert pks(selectors.overdue(office, TODAY, organization=org.pk)) == [world["late"].pk]
    assert selectors.overdue(office, TODAY, organization=world["other"].organization_id) == []


def test_a_calendar_correction_moves_due_dates_at_once(world, office):
    assert pks(selectors.due_soon(office, TODAY, within=2)) == [world["soon"].pk]
    # An extra holiday on Friday 2025-03-28 pushes the due date to Tuesday 2025-04-01.
    special_day_set(day=date(2025, 3, 28), kind="holiday", name="测试", actor=None)
    (row,) = selectors.due_soon(office, TODAY)
    assert row.due_on == date(2025, 4, 1) and row.days_left == 2


def test_replied_applications_leave_the_clock_lists(world, office, org):
    other_office = staff(org, Role.OPENNESS_OFFICE)
    late = world["late"]
    services.application_decide(
        application=late,
        outcome="disclose",
        processing_summary="已提供",
        actor=office,
        now=aware(2025, 3, 27, 9, 0),
    )
    assert pks(selectors.overdue(office, TODAY)) == [late.pk]  # pending approval still counts
    services.application_approve(application=late, actor=other_office, now=aware(2025, 3, 27, 9))
    services.application_reply(application=late, actor=office, now=aware(2025, 3, 27, 10, 0))
    assert selectors.overdue(office, TODAY) == []
    late.refresh_from_db()
    assert late.status == Status.REPLIED and late.replied_late


def test_workbench_counts(world, office, org):
    counts = selectors.workbench_counts(office, TODAY)
    assert counts == {
        "submitted": 1,
        "due_soon": 1,
        "overdue": 1,
        "paused": 1,
        "pending_approval": 0,
        "approved": 0,
    }
    assert selectors.workbench_counts(staff(org, Role.DRAFTER), TODAY)["overdue"] == 0


def test_rows_compute_each_clock_once_with_one_prefetch(
    world, office, monkeypatch, django_assert_num_queries
):
    # Outside a transaction (as in a request) the calendar stays cached between uses; inside
    # the test's transaction it would re-check its token on every use.
    monkeypatch.setattr(calendar_module, "connection", SimpleNamespace(in_atomic_block=False))
    applications = selectors.with_clock_entries(
        selectors.staff_applications(office).filter(status=Status.PROCESSING)
    )
    selectors.application_rows(applications[:1], TODAY)  # warm the calendar
    with django_assert_num_queries(2):  # applications, their clock entries
        rows = selectors.application_rows(applications, TODAY)
    assert len(rows) == 4


def test_search_by_number_code_and_title(world, office):
    soon = world["soon"]
    base = selectors.staff_applications(office)
    assert list(selectors.search_applications(base, soon.number)) == [soon]
    code = soon.tracking_code.replace("-", "").lower()
    assert list(selectors.search_applications(base, code)) == [soon]
    assert selectors.search_applications(base, "部门预算").count() == 5
    assert not selectors.search_applications(base, "不存在的信息").exists()


def test_mask_name():
    person = Application(applicant_kind=ApplicantKind.NATURAL, applicant_name="张三丰")
    company = Application(
        applicant_kind=ApplicantKind.COMMERCIAL, applicant_name=company_data()["applicant_name"]
    )
    assert selectors.mask_name(person) == "张**"
    assert selectors.mask_name(company) == "测试市某某科技有限公司"
