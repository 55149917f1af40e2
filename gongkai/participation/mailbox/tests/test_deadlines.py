"""The reply clock on the official calendar (2025 seeded by migration).

国庆+中秋 2025: holidays 10/1–10/8, make-up working days Sun 9/28 and Sat 10/11. Every expected
date below is counted by hand in its comment.
"""

from datetime import date

import pytest

from gongkai.participation.mailbox.choices import ThreeMonth
from gongkai.participation.mailbox.deadlines import (
    Limits,
    due_date,
    reply_clock,
    three_month_flag,
    working_days_taken,
)
from gongkai.participation.mailbox.models import MailboxSettings
from gongkai.participation.mailbox.testing import received

pytestmark = pytest.mark.django_db

FRIDAY = date(2025, 9, 26)


def test_ten_working_days_across_national_day():
    # 9/28 (Sun, 调休) 1, 9/29 2, 9/30 3, [10/1–10/8 holiday], 10/9 4, 10/10 5,
    # 10/11 (Sat, 调休) 6, 10/13 7, 10/14 8, 10/15 9, 10/16 10.
    due = due_date(FRIDAY, 10)
    assert due == date(2025, 10, 16)
    assert not due.provisional


def test_received_on_the_last_day_before_the_holiday():
    # 10/9 1, 10/10 2, 10/11 (调休) 3, 10/13–10/17 4–8, 10/20 9, 10/21 10.
    assert due_date(date(2025, 9, 30), 10) == date(2025, 10, 21)


def test_received_during_the_holiday():
    # Received on 10/3 (a holiday): 10/9 1, 10/10 2, 10/11 3, 10/13–17 4–8, 10/20 9, 10/21 10.
    assert due_date(date(2025, 10, 3), 10) == date(2025, 10, 21)


def test_days_left_due_soon_and_overdue():
    # After 10/9: 10/10, 10/11, 10/13, 10/14, 10/15, 10/16 = 6 working days left.
    clock = reply_clock(FRIDAY, 10, today=date(2025, 10, 9))
    assert clock.working_days_left == 6
    assert not clock.due_soon and not clock.overdue
    # During the holiday nothing is consumed: still 10/9 … 10/16 = 7 left on 10/5.
    assert reply_clock(FRIDAY, 10, today=date(2025, 10, 5)).working_days_left == 7
    # After 10/13: 10/14, 10/15, 10/16 = 3, the default 临期 threshold.
    clock = reply_clock(FRIDAY, 10, today=date(2025, 10, 13))
    assert clock.working_days_left == 3 and clock.due_soon
    last_day = reply_clock(FRIDAY, 10, today=date(2025, 10, 16))
    assert last_day.working_days_left == 0 and last_day.due_soon and not last_day.overdue
    late = reply_clock(FRIDAY, 10, today=date(2025, 10, 17))
    assert late.overdue and not late.due_soon and late.working_days_left == 0


def test_answered_clock_is_closed():
    on_time = reply_clock(FRIDAY, 10, today=date(2026, 3, 1), answered_on=date(2025, 10, 16))
    assert not on_time.overdue and not on_time.answered_late and on_time.three_month == ""
    late = reply_clock(FRIDAY, 10, today=date(2026, 3, 1), answered_on=date(2025, 10, 17))
    assert late.overdue and late.answered_late and late.working_days_left is None


@pytest.mark.parametrize(
    ("today", "flag"),
    [
        (date(2025, 7, 30), ""),  # 59 days after 6/1
        (date(2025, 7, 31), ThreeMonth.APPROACHING),  # 60 days
        (date(2025, 8, 29), ThreeMonth.APPROACHING),  # 89 days
        (date(2025, 8, 30), ThreeMonth.EXCEEDED),  # 90 days
        (date(2026, 1, 1), ThreeMonth.EXCEEDED),
    ],
)
def test_three_month_thresholds(today, flag):
    assert three_month_flag(date(2025, 6, 1), today) == flag
    clock = reply_clock(date(2025, 6, 1), 10, today=today)
    assert clock.three_month == flag
    assert clock.overdue  # long past the ten working days in every case


def test_three_month_thresholds_are_configurable():
    limits = Limits(due_soon_days=3, warn_after_days=30, limit_days=45)
    assert three_month_flag(date(2025, 6, 1), date(2025, 7, 1), limits) == ThreeMonth.APPROACHING
    assert three_month_flag(date(2025, 6, 1), date(2025, 7, 16), limits) == ThreeMonth.EXCEEDED


def test_an_answer_clears_the_three_month_warning():
    clock = reply_clock(
        date(2025, 6, 1), 10, today=date(2025, 9, 30), answered_on=date(2025, 9, 29)
    )
    assert clock.three_month == ""
    assert clock.age_days == 120


def test_working_days_taken():
    # 9/26 → 10/9: 9/28, 9/29, 9/30, 10/9 = 4.
    assert working_days_taken(FRIDAY, date(2025, 10, 9)) == 4
    assert working_days_taken(FRIDAY, FRIDAY) == 0


def test_unknown_year_is_provisional():
    assert due_date(date(2031, 12, 24), 10).provisional


def test_message_takes_the_limit_of_its_kind(education):
    config = MailboxSettings.load()
    config.complain_reply_days = 5
    config.save()
    complaint = received(FRIDAY, education, kind="complain")
    consult = received(FRIDAY, education, kind="consult")
    assert complaint.reply_days == 5
    assert consult.reply_days == 10
    # A later change of the settings does not move messages already received.
    config.complain_reply_days = 15
    config.save()
    complaint.refresh_from_db()
    assert complaint.reply_days == 5
