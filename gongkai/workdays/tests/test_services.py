from datetime import date

from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

import pytest

from gongkai.core.errors import DomainError, NotAllowed
from gongkai.core.models import AuditEntry
from gongkai.workdays import add_working_days, working_days_between
from gongkai.workdays import seed as seed_module
from gongkai.workdays.models import SpecialDay, YearArrangement
from gongkai.workdays.services import (
    calendar_import_year,
    special_day_remove,
    special_day_set,
    year_arrangement_create,
)

pytestmark = pytest.mark.django_db

HOLIDAY, WORKDAY = SpecialDay.Kind.HOLIDAY, SpecialDay.Kind.WORKDAY


def test_seed_migration_entered_2019_to_2026():
    assert list(YearArrangement.objects.order_by("year").values_list("year", flat=True)) == list(
        range(2019, 2027)
    )
    national_day = SpecialDay.objects.get(date=date(2025, 10, 1))
    assert (national_day.kind, national_day.name) == (HOLIDAY, "国庆节")
    make_up = SpecialDay.objects.get(date=date(2025, 9, 28))
    assert (make_up.kind, make_up.name) == (WORKDAY, "国庆节")
    assert SpecialDay.objects.get(date=date(2025, 10, 6)).name == "中秋节"
    # Weekend holiday days are entered too: 2025-02-01 is a Saturday inside 春节.
    assert SpecialDay.objects.get(date=date(2025, 2, 1)).kind == HOLIDAY


def test_seed_kinds_match_the_model():
    assert {seed_module.HOLIDAY, seed_module.WORKDAY} == set(SpecialDay.Kind.values)


class TestSpecialDaySet:
    def test_needs_the_year_arrangement(self):
        with pytest.raises(DomainError, match="2030年的节假日安排尚未建立"):
            special_day_set(day=date(2030, 1, 1), kind=HOLIDAY, name="元旦", actor=None)

    def test_new_year_then_days(self, admin_user):
        year_arrangement_create(year=2030, source="测试通知", actor=admin_user)
        special_day_set(day=date(2030, 1, 2), kind=HOLIDAY, name="元旦", actor=admin_user)
        special_day_set(day=date(2030, 1, 5), kind=WORKDAY, name="元旦", actor=admin_user)
        due = add_working_days(date(2030, 1, 1), 1)
        assert due == date(2030, 1, 3)
        assert not due.provisional
        assert add_working_days(date(2030, 1, 4), 1) == date(2030, 1, 5)
        arrangement = YearArrangement.objects.get(year=2030)
        assert AuditEntry.objects.filter(object_id=arrangement.pk).count() == 3

    def test_replaces_the_kind_of_an_existing_day(self):
        special_day_set(day=date(2025, 9, 28), kind=HOLIDAY, name="国庆节", actor=None)
        assert SpecialDay.objects.get(date=date(2025, 9, 28)).kind == HOLIDAY
        assert add_working_days(date(2025, 9, 26), 1) == date(2025, 9, 29)

    def test_unknown_kind(self):
        with pytest.raises(DomainError):
            special_day_set(day=date(2025, 9, 29), kind="vacation", name="", actor=None)

    def test_only_platform_admins(self, django_user_model):
        clerk = django_user_model.objects.create_user(username="clerk", password="x")
        with pytest.raises(NotAllowed):
            special_day_set(day=date(2025, 9, 29), kind=HOLIDAY, name="", actor=clerk)
        assert not SpecialDay.objects.filter(date=date(2025, 9, 29)).exists()


class TestSpecialDayRemove:
    def test_day_follows_the_weekday_rule_again(self):
        assert working_days_between(date(2025, 9, 30), date(2025, 10, 8)) == 0
        special_day_remove(day=date(2025, 10, 8), actor=None)
        assert working_days_between(date(2025, 9, 30), date(2025, 10, 8)) == 1

    def test_unknown_day(self):
        with pytest.raises(DomainError):
            special_day_remove(day=date(2025, 10, 9), actor=None)


def test_year_arrangement_create_twice():
    with pytest.raises(DomainError, match="已存在"):
        year_arrangement_create(year=2025, source="", actor=None)


def test_day_must_belong_to_its_year():
    day = SpecialDay(
        arrangement=YearArrangement.objects.get(year=2025), date=date(2026, 1, 1), kind=HOLIDAY
    )
    with pytest.raises(ValidationError):
        day.full_clean()


class TestImport:
    def test_is_idempotent(self):
        before = set(SpecialDay.objects.values_list("date", "kind", "name"))
        audits = AuditEntry.objects.count()
        calendar_import_year(year=2025)
        assert set(SpecialDay.objects.values_list("date", "kind", "name")) == before
        assert AuditEntry.objects.count() == audits  # nothing changed, nothing recorded
        # 28 holiday days (including weekends) and 5 make-up workdays.
        assert SpecialDay.objects.filter(date__year=2025).count() == 33

    def test_restores_the_official_arrangement(self):
        special_day_remove(day=date(2025, 10, 11), actor=None)
        special_day_set(day=date(2025, 10, 15), kind=HOLIDAY, name="", actor=None)
        calendar_import_year(year=2025)
        assert SpecialDay.objects.get(date=date(2025, 10, 11)).kind == WORKDAY
        assert not SpecialDay.objects.filter(date=date(2025, 10, 15)).exists()
        assert add_working_days(date(2025, 10, 10), 1) == date(2025, 10, 11)

    def test_year_the_package_does_not_know(self):
        with pytest.raises(DomainError, match="2027"):
            calendar_import_year(year=2027)


class TestCalendarSyncCommand:
    def test_skips_present_years(self):
        special_day_remove(day=date(2025, 10, 11), actor=None)
        call_command("calendar_sync")
        assert not SpecialDay.objects.filter(date=date(2025, 10, 11)).exists()

    def test_force_reimports(self):
        special_day_remove(day=date(2025, 10, 11), actor=None)
        call_command("calendar_sync", "--year", "2025", "--force")
        assert SpecialDay.objects.filter(date=date(2025, 10, 11)).exists()
        assert add_working_days(date(2025, 10, 10), 1) == date(2025, 10, 11)

    def test_imports_a_missing_year(self):
        SpecialDay.objects.filter(date__year=2019).delete()
        YearArrangement.objects.filter(year=2019).delete()
        call_command("calendar_sync")
        assert SpecialDay.objects.filter(date__year=2019).exists()

    def test_unknown_year(self):
        with pytest.raises(CommandError):
            call_command("calendar_sync", "--year", "2030")


class TestAdmin:
    def test_changelist_and_change_page(self, admin_client):
        assert (
            admin_client.get(reverse("admin:workdays_yeararrangement_changelist")).status_code
            == 200
        )
        arrangement = YearArrangement.objects.get(year=2025)
        url = reverse("admin:workdays_yeararrangement_change", args=[arrangement.pk])
        response = admin_client.get(url)
        assert response.status_code == 200
        assert "国庆节" in response.content.decode()

    def test_saving_and_deleting_a_day_changes_the_result_at_once(self, admin_client):
        assert add_working_days(date(2025, 10, 14), 1) == date(2025, 10, 15)
        response = admin_client.post(
            reverse("admin:workdays_specialday_add"),
            {
                "arrangement": YearArrangement.objects.get(year=2025).pk,
                "date": "2025-10-15",
                "kind": HOLIDAY,
                "name": "测试",
            },
        )
        assert response.status_code == 302
        assert add_working_days(date(2025, 10, 14), 1) == date(2025, 10, 16)

        day = SpecialDay.objects.get(date=date(2025, 10, 15))
        response = admin_client.post(
            reverse("admin:workdays_specialday_delete", args=[day.pk]), {"post": "yes"}
        )
        assert response.status_code == 302
        assert add_working_days(date(2025, 10, 14), 1) == date(2025, 10, 15)

    def test_day_in_the_wrong_year_is_refused(self, admin_client):
        response = admin_client.post(
            reverse("admin:workdays_specialday_add"),
            {
                "arrangement": YearArrangement.objects.get(year=2025).pk,
                "date": "2026-10-15",
                "kind": HOLIDAY,
            },
        )
        assert response.status_code == 200
        assert not SpecialDay.objects.filter(date=date(2026, 10, 15)).exists()
