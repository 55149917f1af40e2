"""Working-day arithmetic on the official Chinese calendar — the legal clock.

Every legal time limit in the system goes through here. Rules:

- A day is a working day if it is a 调休上班 day, or a Monday–Friday that is not a 法定节假日.
- Counting starts on the day after the start day (the usual practice for 条例 time limits).
- A year without a ``YearArrangement`` is counted on weekends alone and the result is marked
  ``provisional`` with the missing years, instead of silently pretending to be final.

The calendar (a few hundred dates) is held in process memory. ``calendar_changed()`` drops it
at once in this process and changes the ``CalendarRevision`` token, which other processes
compare at most every ``CHECK_INTERVAL`` seconds.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from time import monotonic
from uuid import uuid4

from django.db import connection, transaction
from django.utils.translation import gettext as _

from .models import CalendarRevision, SpecialDay, YearArrangement
from .results import WorkDate, WorkDayCount

# How stale another process's calendar edit may be before this process sees it.
CHECK_INTERVAL = 5.0


@dataclass(frozen=True)
class _Snapshot:
    token: str | None
    years: frozenset[int]
    holidays: frozenset[date]
    workdays: frozenset[date]
    checked_at: float
    # Read inside a transaction: it may hold uncommitted edits that a rollback undoes (every
    # test is such a transaction), so its token is re-checked on each use until it is seen
    # from outside a transaction.
    tentative: bool = field(default=False)

    def is_working_day(self, day: date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5


class _CalendarCache:
    # Replacing the whole snapshot is atomic, so threads need no lock: at worst two of them
    # load the same data.
    def __init__(self) -> None:
        self._snapshot: _Snapshot | None = None

    def clear(self) -> None:
        self._snapshot = None

    def get(self) -> _Snapshot:
        snapshot = self._snapshot
        now = monotonic()
        if (
            snapshot is not None
            and not snapshot.tentative
            and now - snapshot.checked_at < CHECK_INTERVAL
        ):
            return snapshot
        in_transaction = connection.in_atomic_block
        # The token is read before the data: data newer than its token only costs a reload
        # later, while a token newer than its data would hide an edit for good.
        token = _read_token()
        if snapshot is not None and snapshot.token == token:
            snapshot = replace(
                snapshot, checked_at=now, tentative=snapshot.tentative and in_transaction
            )
        else:
            snapshot = _load(token=token, checked_at=now, tentative=in_transaction)
        self._snapshot = snapshot
        return snapshot


def _read_token() -> str | None:
    return CalendarRevision.objects.filter(pk=1).values_list("token", flat=True).first()


def _load(*, token: str | None, checked_at: float, tentative: bool) -> _Snapshot:
    holidays: set[date] = set()
    workdays: set[date] = set()
    for day, kind in SpecialDay.objects.values_list("date", "kind"):
        (workdays if kind == SpecialDay.Kind.WORKDAY else holidays).add(day)
    return _Snapshot(
        token=token,
        years=frozenset(YearArrangement.objects.values_list("year", flat=True)),
        holidays=frozenset(holidays),
        workdays=frozenset(workdays),
        checked_at=checked_at,
        tentative=tentative,
    )


_cache = _CalendarCache()


def calendar_changed() -> None:
    """Make every process re-read the calendar. Call inside the transaction that edits it.

    The new token is written in that transaction, so other processes see it exactly when the
    edit commits. This process drops its copy at once (so the editing code sees its own edit)
    and again on commit (in case another thread re-read the old data meanwhile).
    """
    CalendarRevision.objects.update_or_create(pk=1, defaults={"token": uuid4().hex})
    _cache.clear()
    transaction.on_commit(_cache.clear)


def clear_cache() -> None:
    """Forget the in-memory calendar of this process (tests use it between cases)."""
    _cache.clear()


def _require_date(value: date, name: str) -> None:
    # A datetime is a date too, but its .date() depends on its time zone: refuse rather than
    # guess which day the caller meant.
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(
            f"{name} must be a date (use gongkai.core.timeutil.local_date for a datetime), "
            f"not {type(value).__name__}"
        )


def is_working_day(day: date) -> bool:
    """Whether ``day`` is a working day. For a year without an arrangement this is the weekend
    rule alone; callers that must know check ``missing_years([day.year])``."""
    _require_date(day, "day")
    return _cache.get().is_working_day(day)


def add_working_days(start: date, n: int) -> WorkDate:
    """The ``n``-th working day after ``start`` (``start`` itself is not counted; n=0 → start)."""
    _require_date(start, "start")
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    calendar = _cache.get()
    day, counted, touched = start, 0, set()
    while counted < n:
        day += timedelta(days=1)
        touched.add(day.year)
        if calendar.is_working_day(day):
            counted += 1
    return WorkDate.of(day, missing_years=touched - calendar.years)


def working_days_between(a: date, b: date) -> WorkDayCount:
    """Working days d with a < d <= b, so that ``working_days_between(a, add_working_days(a,
    n)) == n``; negative when b is before a."""
    _require_date(a, "a")
    _require_date(b, "b")
    if b < a:
        result = working_days_between(b, a)
        return WorkDayCount(-result, missing_years=result.missing_years)
    calendar = _cache.get()
    day, counted, touched = a, 0, set()
    while day < b:
        day += timedelta(days=1)
        touched.add(day.year)
        if calendar.is_working_day(day):
            counted += 1
    return WorkDayCount(counted, missing_years=touched - calendar.years)


def missing_years(years: Iterable[int]) -> list[int]:
    """Those of ``years`` that have no holiday arrangement entered, sorted."""
    return sorted(set(years) - _cache.get().years)


def calendar_warnings(today: date) -> list[str]:
    """Messages for staff pages about years whose holiday arrangement is not entered."""
    _require_date(today, "today")
    known = _cache.get().years
    warnings = []
    if today.year not in known:
        warnings.append(
            _(
                "本年度（%(year)s年）节假日安排尚未录入，所有按工作日计算的期限目前只排除了周末，"
                "可能算错。请管理员立即在“工作日历”中录入国务院办公厅公布的节假日安排。"
            )
            % {"year": today.year}
        )
    if today.month >= 11 and today.year + 1 not in known:
        warnings.append(
            _(
                "明年节假日安排尚未录入（%(year)s年）。国务院办公厅通常在11月前后公布下一年的"
                "节假日安排，公布后请管理员及时在“工作日历”中录入；在此之前，跨入%(year)s年的"
                "期限只排除周末，标记为暂定。"
            )
            % {"year": today.year + 1}
        )
    return warnings


def add_hours(start: datetime, hours: int) -> datetime:
    """``start`` plus ``hours`` elapsed clock hours (for the 5 h / 24 h response limits).

    Computed in UTC so that the result is right in any time zone, then shown in ``start``'s.
    """
    if not isinstance(start, datetime) or start.utcoffset() is None:
        raise ValueError("start must be an aware datetime")
    if hours < 0:
        raise ValueError(f"hours must be >= 0, got {hours}")
    return (start.astimezone(UTC) + timedelta(hours=hours)).astimezone(start.tzinfo)
