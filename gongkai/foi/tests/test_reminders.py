"""The daily digest for the openness office: who gets what, and nothing personal in it."""

from datetime import date
from io import StringIO

from django.core import mail
from django.core.management import call_command

import pytest

from gongkai.core.testing import OrganizationFactory, aware, staff
from gongkai.foi import reminders, services
from gongkai.foi.clock import EventKind
from gongkai.foi.testing import PHONE, RESIDENT_ID, person_data, received_application
from gongkai.orgs.models import Role
from gongkai.workdays.calendar import clear_cache

pytestmark = pytest.mark.django_db

NOW = aware(2025, 3, 27, 8, 0)  # Thursday


@pytest.fixture(autouse=True)
def _fresh_calendar():
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def org():
    return OrganizationFactory(name="测试市教育局")


@pytest.fixture
def office(org):
    return staff(org, Role.OPENNESS_OFFICE, email="office@example.gov.cn")


@pytest.fixture
def situation(org, office):
    """Due in 2 working days, overdue, paused, and comfortably in time."""
    soon = received_application(org, office, received_on=date(2025, 3, 3))  # due 2025-03-31
    late = received_application(org, office, received_on=date(2025, 2, 10))  # due 2025-03-10
    stopped = received_application(org, office, received_on=date(2025, 3, 3))
    services.clock_entry_add(
        application=stopped,
        kind=EventKind.SUPPLEMENT_REQUESTED,
        on=date(2025, 3, 5),
        until=date(2025, 4, 10),
        actor=office,
        now=aware(2025, 3, 5, 9, 0),
    )
    fresh = received_application(org, office, received_on=date(2025, 3, 24))
    return soon, late, stopped, fresh


def test_one_digest_per_member_with_numbers_dates_and_links_only(org, office, situation):
    soon, late, stopped, fresh = situation
    staff(org, Role.OPENNESS_OFFICE, email="")  # no address: skipped
    staff(org, Role.OPENNESS_OFFICE, email="gone@example.gov.cn", is_active=False)
    staff(org, Role.DRAFTER, email="drafter@example.gov.cn")
    colleague = staff(org, Role.OPENNESS_OFFICE, email="colleague@example.gov.cn")

    sent = reminders.send_due_reminders(now=NOW, base_url="https://gk.example.gov.cn/")
    assert sent == 2
    assert sorted(m.to[0] for m in mail.outbox) == [colleague.email, office.email]
    message = next(m for m in mail.outbox if m.to == [office.email])
    assert "2 件" in message.subject and "逾期 1 件" in message.subject
    body = message.body
    assert "【测试市教育局】" in body
    assert soon.number in body and "2025-03-31" in body and "剩余 2 个工作日" in body
    assert late.number in body and "已逾期" in body
    assert f"https://gk.example.gov.cn/workbench/foi/{late.pk}/" in body
    assert body.index(late.number) < body.index(soon.number)  # overdue first
    assert stopped.number not in body and fresh.number not in body
    for personal in ("张三", RESIDENT_ID, PHONE, "zhangsan@example.com", "部门预算"):
        assert personal not in body and personal not in message.subject


def test_other_organizations_are_not_mixed_in(org, office, situation):
    other = OrganizationFactory()
    other_office = staff(other, Role.OPENNESS_OFFICE, email="other@example.gov.cn")
    quiet = staff(OrganizationFactory(), Role.OPENNESS_OFFICE, email="quiet@example.gov.cn")
    theirs = received_application(
        other, other_office, received_on=date(2025, 2, 12), data=person_data()
    )
    reminders.send_due_reminders(now=NOW, base_url="")
    by_address = {m.to[0]: m.body for m in mail.outbox}
    assert quiet.email not in by_address
    assert theirs.number in by_address[other_office.email]
    assert "测试市教育局" not in by_address[other_office.email]
    # Numbers repeat across organizations (per-org serials): compare the links instead.
    assert f"/workbench/foi/{theirs.pk}/" not in by_address[office.email]


def test_nothing_due_sends_nothing(org, office):
    received_application(org, office, received_on=date(2025, 3, 24))
    assert reminders.send_due_reminders(now=NOW) == 0
    assert mail.outbox == []


def test_command_skips_non_working_days(org, office, situation, time_machine):
    time_machine.move_to(aware(2025, 3, 29, 8, 0), tick=False)  # Saturday
    out = StringIO()
    call_command("foi_remind", stdout=out)
    assert "not a working day" in out.getvalue() and mail.outbox == []
    call_command("foi_remind", "--force", "--base-url=https://gk.example.gov.cn", stdout=out)
    assert "sent 1 reminder" in out.getvalue()
    assert "https://gk.example.gov.cn/workbench/foi/" in mail.outbox[0].body


def test_command_on_a_working_day(org, office, situation, time_machine):
    time_machine.move_to(NOW, tick=False)
    out = StringIO()
    call_command("foi_remind", stdout=out)
    assert "sent 1 reminder" in out.getvalue() and len(mail.outbox) == 1
