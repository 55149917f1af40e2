"""The hour clocks of a public-opinion event.

Two clocks start when the event is first seen (``first_seen_at``):

- 首次权威发布: the first authoritative release (a response of a kind in
  ``FIRST_RELEASE_KINDS``: 权威发布, 新闻发布会 or 答记者问) is due within
  ``first_release_hours``;
- 举行新闻发布会: for levels that require one, a press conference is due within
  ``press_conference_hours``. It is met by a response of kind 新闻发布会 or by a press conference
  linked to the event, whichever came first.

The hours are elapsed clock hours (``gongkai.workdays.add_hours``): nights, weekends and public
holidays count like any other hour. The limits are copied onto the event from its level's
``ResponseClockRule`` when it is recorded, so these functions read nothing from the database
beyond the event's own responses and press conferences (prefetched by the selectors).

A clock is *overdue* (missed) when its due time passed without it being met, or when it was met
only after the due time; a missed clock stays missed.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils.translation import gettext as _

from gongkai.workdays import add_hours

from .choices import FIRST_RELEASE_KINDS, ClockKind, ResponseKind


@dataclass(frozen=True)
class Clock:
    kind: str  # ClockKind
    hours: int
    due_at: datetime
    met_at: datetime | None
    remaining: timedelta | None  # due_at − now while not met (negative once overdue)
    overdue: bool

    @property
    def label(self) -> str:
        return str(ClockKind(self.kind).label)

    @property
    def running(self) -> bool:
        """Not met yet (whether or not its time has run out)."""
        return self.met_at is None

    @property
    def state(self) -> str:
        """``running``, ``overdue`` (not met, time out), ``met`` or ``met_late``."""
        if self.met_at is None:
            return "overdue" if self.overdue else "running"
        return "met_late" if self.overdue else "met"


def _clock(kind: str, start: datetime, hours: int, met: Iterable[datetime], now: datetime):
    due_at = add_hours(start, hours)
    moments = sorted(m for m in met if m is not None)
    met_at = moments[0] if moments else None
    if met_at is None:
        return Clock(kind, hours, due_at, None, due_at - now, now > due_at)
    return Clock(kind, hours, due_at, met_at, None, met_at > due_at)


def compute_clocks(
    *,
    first_seen_at: datetime,
    first_release_hours: int,
    press_conference_hours: int | None,
    release_times: Iterable[datetime],
    conference_times: Iterable[datetime],
    now: datetime,
) -> list[Clock]:
    """The clocks from plain values: the pure core of ``event_clocks``."""
    clocks = [
        _clock(ClockKind.FIRST_RELEASE, first_seen_at, first_release_hours, release_times, now)
    ]
    if press_conference_hours:
        clocks.append(
            _clock(
                ClockKind.PRESS_CONFERENCE,
                first_seen_at,
                press_conference_hours,
                conference_times,
                now,
            )
        )
    return clocks


def event_clocks(event, now: datetime) -> list[Clock]:
    """The event's clocks at ``now``: each with its due time, when it was met, the time left
    and whether it was missed."""
    responses = list(event.responses.all())
    releases = [r.released_at for r in responses if r.kind in FIRST_RELEASE_KINDS]
    conferences = [r.released_at for r in responses if r.kind == ResponseKind.PRESS_CONFERENCE]
    held = [c.held_at for c in event.press_conferences.all() if c.held_at <= now]
    releases += held  # a press conference is itself an authoritative release
    conferences += held
    return compute_clocks(
        first_seen_at=event.first_seen_at,
        first_release_hours=event.first_release_hours,
        press_conference_hours=event.press_conference_hours,
        release_times=releases,
        conference_times=conferences,
        now=now,
    )


def format_duration(delta: timedelta) -> str:
    """“3小时05分” (or “40分钟”, “3天2小时”) for the absolute value of ``delta`` (minutes rounded down)."""
    minutes = int(abs(delta).total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    if hours >= 48:
        days, hours = divmod(hours, 24)
        return _("%(days)d天%(hours)d小时") % {"days": days, "hours": hours}
    if hours:
        return _("%(hours)d小时%(minutes)02d分") % {"hours": hours, "minutes": minutes}
    return _("%(minutes)d分钟") % {"minutes": minutes}
