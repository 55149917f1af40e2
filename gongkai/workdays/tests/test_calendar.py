"""Working-day arithmetic against the official arrangements (cn-legal-facts.md §4), which the
seed migration entered for 2019–2026."""

import os
import pickle
import subprocess
import sys
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.db import transaction

import chinese_calendar
import pytest

from gongkai.workdays import (
    WorkDate,
    WorkDayCount,
    add_hours,
    add_working_days,
    calendar_warnings,
    is_working_day,
    missing_years,
    working_days_between,
)
from gongkai.workdays import calendar as calendar_module
from gongkai.workdays.models import CalendarRevision, SpecialDay, YearArrangement
from gongkai.workdays.services import special_day_remove, special_day_set

pytestmark = pytest.mark.django_db

HOLIDAY = SpecialDay.Kind.HOLIDAY


def oracle_add_working_days(start: date, n: int) -> date:
    """The same rule computed with the chinesecalendar package."""
    day, counted = start, 0
    while counted < n:
        day += timedelta(days=1)
        counted += chinese_calendar.is_workday(day)
    return day


class TestNationalDay2025:
    # 国庆+中秋: holidays 10/1–10/8; make-up workdays Sun 9/28 and Sat 10/11.

    def test_first_working_day_after_friday_is_the_make_up_sunday(self):
        assert add_working_days(date(2025, 9, 26), 1) == date(2025, 9, 28)

    def test_the_working_days_before_the_holiday_then_10_9(self):
        # 9/29 and 9/30 are ordinary working days, so the 2nd one after 9/26 is 9/29 and the
        # first after 9/30 is 10/9.
        assert add_working_days(date(2025, 9, 26), 2) == date(2025, 9, 29)
        assert add_working_days(date(2025, 9, 30), 1) == date(2025, 10, 9)
        assert add_working_days(date(2025, 9, 28), 2) == date(2025, 9, 30)

    def test_no_working_days_inside_the_holiday(self):
        assert working_days_between(date(2025, 9, 30), date(2025, 10, 8)) == 0

    def test_make_up_saturday_counts(self):
        assert add_working_days(date(2025, 10, 10), 1) == date(2025, 10, 11)
        assert is_working_day(date(2025, 10, 11))
        assert not is_working_day(date(2025, 10, 12))

    def test_twenty_working_days_from_friday_26_september(self):
        # By hand: 9/28 (调休) 1, 9/29 2, 9/30 3, [10/1–10/8 holiday], 10/9 4, 10/10 5,
        # 10/11 (调休) 6, 10/13–17 7–11, 10/20–24 12–16, 10/27 17, 10/28 18, 10/29 19, 10/30 20.
        received = date(2025, 9, 26)
        due = add_working_days(received, 20)
        assert due == date(2025, 10, 30)
        assert due == oracle_add_working_days(received, 20)
        assert not due.provisional
        assert working_days_between(received, due) == 20


class TestSpringFestival:
    def test_2026(self):
        # Holidays 2/15–2/23; make-up Sat 2/14 and Sat 2/28.
        assert add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 14)
        assert add_working_days(date(2026, 2, 14), 1) == date(2026, 2, 24)
        assert working_days_between(date(2026, 2, 13), date(2026, 2, 24)) == 2
        assert is_working_day(date(2026, 2, 28))
        assert add_working_days(date(2026, 2, 27), 1) == date(2026, 2, 28)

    def test_2025(self):
        # Holidays 1/28–2/4; make-up Sun 1/26 and Sat 2/8.
        assert add_working_days(date(2025, 1, 24), 1) == date(2025, 1, 26)
        assert add_working_days(date(2025, 1, 24), 2) == date(2025, 1, 27)
        assert add_working_days(date(2025, 1, 24), 3) == date(2025, 2, 5)
        assert working_days_between(date(2025, 1, 27), date(2025, 2, 4)) == 0
        assert add_working_days(date(2025, 2, 7), 1) == date(2025, 2, 8)


def test_every_seeded_day_agrees_with_chinesecalendar():
    day = date(2019, 1, 1)
    while day <= date(2026, 12, 31):
        assert is_working_day(day) == chinese_calendar.is_workday(day), day
        day += timedelta(days=1)


@pytest.mark.parametrize("start", [date(2025, 9, 26), date(2025, 12, 20), date(2026, 1, 30)])
@pytest.mark.parametrize("n", [1, 5, 10, 15, 20, 60])
def test_add_and_between_are_inverse_and_match_the_oracle(start, n):
    due = add_working_days(start, n)
    assert due == oracle_add_working_days(start, n)
    assert working_days_between(start, due) == n


class TestEdges:
    def test_zero_days_is_the_start_day(self):
        result = add_working_days(date(2025, 10, 1), 0)
        assert result == date(2025, 10, 1)
        assert isinstance(result, WorkDate)
        assert not result.provisional

    def test_negative_days_are_refused(self):
        with pytest.raises(ValueError):
            add_working_days(date(2025, 10, 1), -1)

    def test_between_forward_backward_and_equal(self):
        a, b = date(2025, 9, 26), date(2025, 10, 9)
        assert working_days_between(a, b) == 4  # 9/28, 9/29, 9/30, 10/9
        assert working_days_between(b, a) == -4
        assert working_days_between(a, a) == 0
        assert isinstance(working_days_between(b, a), WorkDayCount)

    def test_datetimes_are_refused_rather_than_guessing_the_day(self):
        moment = datetime(2025, 9, 26, 23, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
        with pytest.raises(TypeError):
            add_working_days(moment, 1)
        with pytest.raises(TypeError):
            working_days_between(date(2025, 9, 26), moment)

    def test_a_result_can_be_the_next_start(self):
        first = add_working_days(date(2025, 9, 26), 3)
        assert add_working_days(first, 1) == date(2025, 10, 9)


class TestMissingYears:
    def test_unknown_year_counts_weekends_only_and_is_provisional(self):
        # 2027 is in no arrangement: 1/1 (元旦 in reality) counts as a working day.
        due = add_working_days(date(2026, 12, 31), 3)
        assert due == date(2027, 1, 5)
        assert due.provisional
        assert due.missing_years == (2027,)

    def test_count_in_unknown_year(self):
        count = working_days_between(date(2030, 1, 1), date(2030, 1, 31))
        assert count == 22  # weekdays 1/2–1/31
        assert count.provisional
        assert count.missing_years == (2030,)
        backwards = working_days_between(date(2030, 1, 31), date(2030, 1, 1))
        assert backwards == -22
        assert backwards.missing_years == (2030,)

    def test_range_into_unknown_year_lists_only_the_unknown_one(self):
        count = working_days_between(date(2026, 12, 25), date(2028, 1, 3))
        assert count.missing_years == (2027, 2028)

    def test_known_years_are_final(self):
        count = working_days_between(date(2024, 12, 1), date(2025, 2, 1))
        assert not count.provisional
        assert count.missing_years == ()

    def test_missing_years(self):
        assert missing_years([2025, 2026, 2027, 2018]) == [2018, 2027]
        assert missing_years(range(2019, 2027)) == []

    def test_removing_an_arrangement_makes_its_year_provisional(self):
        SpecialDay.objects.filter(date__year=2026).delete()
        YearArrangement.objects.filter(year=2026).delete()
        calendar_module.calendar_changed()
        due = add_working_days(date(2026, 2, 13), 1)
        assert due == date(2026, 2, 16)  # Monday: the weekend rule alone
        assert due.missing_years == (2026,)


class TestWarnings:
    def test_next_year_missing_in_november(self):
        warnings = calendar_warnings(date(2026, 11, 22))
        assert len(warnings) == 1
        assert "明年节假日安排尚未录入" in warnings[0]
        assert "2027" in warnings[0]

    def test_no_warning_before_november(self):
        assert calendar_warnings(date(2026, 10, 31)) == []

    def test_current_year_missing_is_serious(self):
        warnings = calendar_warnings(date(2027, 3, 1))
        assert len(warnings) == 1
        assert "本年度（2027年）" in warnings[0]

    def test_both_in_december_of_an_unknown_year(self):
        assert len(calendar_warnings(date(2027, 12, 1))) == 2


class TestResultTypes:
    def test_arithmetic_gives_plain_dates(self):
        due = add_working_days(date(2026, 12, 31), 3)
        assert type(due + timedelta(days=1)) is date
        assert type(timedelta(days=1) + due) is date
        assert type(due - timedelta(days=1)) is date
        assert due - date(2027, 1, 1) == timedelta(days=4)

    def test_pickle_keeps_provenance(self):
        due = add_working_days(date(2026, 12, 31), 3)
        assert pickle.loads(pickle.dumps(due)).missing_years == (2027,)
        count = working_days_between(date(2030, 1, 1), date(2030, 1, 31))
        restored = pickle.loads(pickle.dumps(count))
        assert (restored, restored.missing_years) == (22, (2030,))

    def test_count_arithmetic_gives_plain_ints(self):
        count = working_days_between(date(2030, 1, 1), date(2030, 1, 31))
        assert type(count + 1) is int


class TestAddHours:
    def test_adds_elapsed_hours(self):
        start = datetime(2025, 9, 30, 22, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
        assert add_hours(start, 5) == datetime(2025, 10, 1, 3, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
        assert add_hours(start, 24).tzinfo == start.tzinfo

    def test_naive_or_negative_refused(self):
        with pytest.raises(ValueError):
            add_hours(datetime(2025, 9, 30, 22, 0), 5)
        with pytest.raises(ValueError):
            add_hours(datetime(2025, 9, 30, 22, 0, tzinfo=ZoneInfo("Asia/Shanghai")), -1)


class TestCache:
    def test_service_edit_is_seen_at_once(self):
        assert add_working_days(date(2025, 10, 14), 1) == date(2025, 10, 15)
        special_day_set(day=date(2025, 10, 15), kind=HOLIDAY, name="测试", actor=None)
        assert add_working_days(date(2025, 10, 14), 1) == date(2025, 10, 16)
        special_day_remove(day=date(2025, 10, 15), actor=None)
        assert add_working_days(date(2025, 10, 14), 1) == date(2025, 10, 15)

    def test_rolled_back_edit_is_forgotten(self):
        assert add_working_days(date(2025, 10, 14), 1) == date(2025, 10, 15)
        with pytest.raises(RuntimeError), transaction.atomic():
            special_day_set(day=date(2025, 10, 15), kind=HOLIDAY, name="", actor=None)
            assert add_working_days(date(2025, 10, 14), 1) == date(2025, 10, 16)
            raise RuntimeError
        assert add_working_days(date(2025, 10, 14), 1) == date(2025, 10, 15)

    def test_other_process_edit_is_seen_after_the_check_interval(self, monkeypatch):
        # Outside a transaction (as in a web request) the token is only re-read every
        # CHECK_INTERVAL seconds; simulate the clock and another process's commit.
        clock = [1000.0]
        monkeypatch.setattr(calendar_module, "monotonic", lambda: clock[0])
        monkeypatch.setattr(calendar_module, "connection", SimpleNamespace(in_atomic_block=False))
        assert add_working_days(date(2025, 10, 14), 1) == date(2025, 10, 15)

        arrangement = YearArrangement.objects.get(year=2025)
        SpecialDay.objects.create(arrangement=arrangement, date=date(2025, 10, 15), kind=HOLIDAY)
        CalendarRevision.objects.update_or_create(pk=1, defaults={"token": "other-process"})

        clock[0] += calendar_module.CHECK_INTERVAL - 1
        assert add_working_days(date(2025, 10, 14), 1) == date(2025, 10, 15)
        clock[0] += 2
        assert add_working_days(date(2025, 10, 14), 1) == date(2025, 10, 16)

    def test_warm_calendar_costs_at_most_one_query(self, django_assert_max_num_queries):
        add_working_days(date(2025, 1, 1), 1)
        with django_assert_max_num_queries(1):
            add_working_days(date(2025, 9, 26), 20)


def test_importing_the_package_does_not_load_models():
    code = (
        "import sys, gongkai.workdays as w; "
        "assert 'gongkai.workdays.calendar' not in sys.modules; "
        "assert 'gongkai.workdays.models' not in sys.modules; print(w.WorkDate)"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, capture_output=True)
