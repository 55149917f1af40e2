"""The legal clock: working days on the official Chinese calendar.

    from gongkai.workdays import add_working_days, working_days_between

    due = add_working_days(received, 20)   # a WorkDate; due.provisional, due.missing_years

Django imports this package while loading apps, before models may be used, so the functions
here only import ``.calendar`` (which touches models) when they are called.
"""

from collections.abc import Iterable
from datetime import date, datetime

from .results import WorkDate, WorkDayCount

__all__ = [
    "WorkDate",
    "WorkDayCount",
    "add_hours",
    "add_working_days",
    "calendar_warnings",
    "is_working_day",
    "missing_years",
    "working_days_between",
]


def add_working_days(start: date, n: int) -> WorkDate:
    """The ``n``-th working day after ``start``; ``start`` itself is not counted."""
    from .calendar import add_working_days

    return add_working_days(start, n)


def working_days_between(a: date, b: date) -> WorkDayCount:
    """Working days d with a < d <= b; negative when b is before a."""
    from .calendar import working_days_between

    return working_days_between(a, b)


def is_working_day(day: date) -> bool:
    """Whether ``day`` is a working day (weekend rule alone in a year without arrangement)."""
    from .calendar import is_working_day

    return is_working_day(day)


def missing_years(years: Iterable[int]) -> list[int]:
    """Those of ``years`` whose holiday arrangement is not entered yet."""
    from .calendar import missing_years

    return missing_years(years)


def calendar_warnings(today: date) -> list[str]:
    """Chinese warnings for staff pages about missing holiday arrangements."""
    from .calendar import calendar_warnings

    return calendar_warnings(today)


def add_hours(start: datetime, hours: int) -> datetime:
    """``start`` plus ``hours`` elapsed clock hours (aware datetimes)."""
    from .calendar import add_hours

    return add_hours(start, hours)
