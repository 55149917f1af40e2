"""The reply clock of a message, derived on demand.

- The reply is due ``reply_days`` working days after the receipt date (the day of receipt is
  not counted), on the official calendar of ``gongkai.workdays``.
- "即将到期" when ``due_soon_days`` working days or fewer are left; "已逾期" after the due date.
- The three-month line is counted in calendar days from the receipt date, whatever the working
  days say: from ``warn_after_days`` an unanswered message is "即将满三个月未答复", from
  ``limit_days`` "已超过三个月未答复" (the website inspection's veto 互动回应差).
"""

from dataclasses import dataclass
from datetime import date

from gongkai.workdays import add_working_days, working_days_between

from .choices import ThreeMonth


@dataclass(frozen=True)
class Limits:
    due_soon_days: int = 3
    warn_after_days: int = 60
    limit_days: int = 90

    @classmethod
    def from_settings(cls, mailbox_settings) -> "Limits":
        return cls(
            due_soon_days=mailbox_settings.due_soon_days,
            warn_after_days=mailbox_settings.warn_after_days,
            limit_days=mailbox_settings.limit_days,
        )


@dataclass(frozen=True)
class ReplyClock:
    received_on: date
    due_on: date
    provisional: bool
    answered_on: date | None
    working_days_left: int | None  # None once answered
    age_days: int  # calendar days from receipt to the answer (or to today)
    overdue: bool
    due_soon: bool
    three_month: str  # "" or a ThreeMonth value (only while unanswered)

    @property
    def answered_late(self) -> bool:
        return self.answered_on is not None and self.answered_on > self.due_on

    @property
    def three_month_label(self) -> str:
        return str(ThreeMonth(self.three_month).label) if self.three_month else ""


def due_date(received_on: date, reply_days: int):
    """The last day to reply (a ``WorkDate``: ``.provisional`` if a year's holidays are
    missing)."""
    return add_working_days(received_on, reply_days)


def three_month_flag(received_on: date, today: date, limits: Limits = Limits()) -> str:
    """ "" , ``ThreeMonth.APPROACHING`` or ``ThreeMonth.EXCEEDED`` for an unanswered message."""
    age = (today - received_on).days
    if age >= limits.limit_days:
        return ThreeMonth.EXCEEDED
    if age >= limits.warn_after_days:
        return ThreeMonth.APPROACHING
    return ""


def reply_clock(
    received_on: date,
    reply_days: int,
    *,
    today: date,
    answered_on: date | None = None,
    limits: Limits = Limits(),
) -> ReplyClock:
    due = due_date(received_on, reply_days)
    if answered_on is not None:
        return ReplyClock(
            received_on=received_on,
            due_on=due,
            provisional=due.provisional,
            answered_on=answered_on,
            working_days_left=None,
            age_days=(answered_on - received_on).days,
            overdue=answered_on > due,
            due_soon=False,
            three_month="",
        )
    left = int(working_days_between(today, due)) if today <= due else 0
    overdue = today > due
    return ReplyClock(
        received_on=received_on,
        due_on=due,
        provisional=due.provisional,
        answered_on=None,
        working_days_left=left,
        age_days=(today - received_on).days,
        overdue=overdue,
        due_soon=not overdue and left <= limits.due_soon_days,
        three_month=three_month_flag(received_on, today, limits),
    )


def working_days_taken(received_on: date, answered_on: date) -> int:
    """Working days from receipt to the answer (an answer on the day of receipt takes 0)."""
    return max(int(working_days_between(received_on, answered_on)), 0)
