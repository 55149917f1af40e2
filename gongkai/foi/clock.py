"""The legal clock of an application for government information (依申请公开).

A pure function of the date of receipt, the recorded events and ``today``: no models, no
database access except the working-day calendar through :mod:`gongkai.workdays`.

    state = compute(received_on, events, today=today)
    state.due_on, state.working_days_left, state.paused, state.limits, state.explanation

    validate_event(received_on, events, new_event, today=today)  # DomainError if impossible

Rules (条例, 2019; see /work/shared/research/cn-legal-facts.md §1 and §3):

- **Reply (Art.33):** within 20 working days of receipt. Receipt is the day fixed by Art.31
  (in person: that day; post: signed for; online/fax: the day both sides confirm); the caller
  passes it as ``received_on``.
- **补正 (Art.30):** the office may ask once, within 7 working days of receipt, naming a
  reasonable deadline (``until``). While it waits the reply clock is stopped; when the
  supplement arrives the 20 working days start again from that day and the days used before
  are discarded. No supplement in time without good reason → 视为放弃 (closed).
- **Consultation (Arts 32, 34):** the third party, or the other agency of a joint document, has
  15 working days to answer; the time spent consulting is not counted (Art.33).
- **Extension (Art.33):** once, at most 20 working days, approved before the reply is due.
- **Fee (国办函〔2020〕109号; Sichuan implementing notice):** the applicant pays within 20
  working days of the 收费通知, otherwise 视为放弃. The rules found do not say whether the
  reply clock stops meanwhile; we stop it (the office cannot provide before payment).
- **Volume or frequency clearly unreasonable (Art.35):** the office may ask the applicant to
  state reasons (``REASONS_REQUESTED``). Unlike Arts 30 and 33 the article does not stop the
  clock for this, so counting goes on. Unreasonable reasons end in 不予处理 (an outcome, not a
  clock event); reasonable ones, when the Art.33 limit cannot be met, let the office set a
  later deadline once (``DEFERRAL_SET``, the date in ``until``), which replaces the due date.

Conventions, all following :mod:`gongkai.workdays` (a day is counted when it is a working day —
调休上班 days included — and a period never counts its own start day):

1. **Counting.** A period of n working days from day A ends on ``add_working_days(A, n)``; the
   days used from A to B are ``working_days_between(A, B)``, i.e. the working days d with
   A < d <= B.
2. **Pauses.** A pause (补正, consultation, fee) from day P to day E covers the days P < d <= E:
   the day the pause starts is still counted (the office worked on the file that day); the day
   it ends is not, and counting resumes the day after, exactly as after a receipt. So the working
   days not counted are ``working_days_between(P, E)``, and a pause that starts and ends on the
   same day changes nothing.
3. **Restart after 补正.** Counting starts again from the day after the supplement is received,
   with the full 20 working days plus any extension already approved.
4. **Consultations.** Several may run at once (several third parties, or a third party and an
   agency); the clock is stopped while any of them stops it. A consultation stops the clock at
   most until its 15-working-day limit: a recorded answer after it, or no answer by ``today``,
   resumes counting from the day after the limit, because from then on the law lets the office
   decide without the answer (Art.32 silence → the office decides; Art.34 silence = consent).
   ``CONSULTATION_ENDED`` closes the oldest open consultation of its ``party`` (or the only
   kind open when ``party`` is blank).
5. **补正 and fee waits** are the applicant's: they last until an event ends them. Their
   deadlines passing does not close the application by itself, since 视为放弃 requires "no
   good reason" and is the office's call; the state says so and ``SUPPLEMENT_LAPSED`` /
   ``FEE_LAPSED`` (accepted only after the deadline) close it. The fee deadline runs from the
   notice date (the notice's receipt by the applicant is not recorded).
6. **One pause kind at a time.** No 补正 notice or fee notice while another pause is on; during
   a 补正 or fee wait only its own end, its lapse, a reply or an extension may be recorded.
7. **A missed deadline is not revived.** A pause (a 补正 notice included) that starts after
   the reply was due leaves ``due_on`` at the missed date and the application overdue, even
   once the pause ends or the supplement arrives. A pause that starts on the due day itself
   leaves 0 days: the reply is then due on the day the pause ends (whatever day that is). A
   supplement asked for in time restarts the count even if it arrives after the old due date.
   An extension can only be approved while the reply is not yet due.
8. **While paused** ``due_on`` is the date the reply would be due if the pause ended today (it
   moves on as the pause lasts) and ``working_days_left`` the fixed number of working days that
   will remain. A reply recorded during a pause is measured against that date on the reply day.
9. **Closed** by ``REPLIED`` (``due_on`` is the due date that applied, ``overdue`` if the reply
   came after it) or by a lapse (``due_on`` is None, there is no reply duty any more, unless the
   reply was already overdue when the wait began). ``working_days_left`` is None once closed.
10. **Order.** Events are taken in date order; events of one day keep the order given, which
    must be the order they happened. Nothing may be recorded before receipt, before the previous
    event, or after the application is closed.
11. **The Art.35 later deadline** needs the reasons asked for first, is set while the clock
    runs (no pause on) and the reply is not yet due, and must be a working day after the
    current due date (and, to catch typos, within a year of receipt). From then on the working
    days up to it are the budget: the due date is that day, and a later consultation or fee
    wait moves it on as it would move the Art.33 date (Art.35 is silent; that time is not the
    office's to control). It is set once and replaces the extension: none may be approved
    after it, nor a 补正 notice (a supplement would restart the 20 days).
12. **Provisional.** A computation that crosses a year whose holiday arrangement is not entered
    counts weekends only; the affected ``WorkDate``/``WorkDayCount`` values and the state carry
    ``missing_years`` and say so in the explanation.

``compute`` never raises for a stored sequence that breaks these rules (say, one recorded before
a rule was tightened): an event ``validate_event`` would refuse is skipped and reported in
``ClockState.problems`` and the explanation. Like :mod:`gongkai.workdays` it raises
``TypeError`` for a ``datetime`` or other non-date where a date belongs.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from gongkai.core.errors import DomainError
from gongkai.workdays import (
    WorkDate,
    WorkDayCount,
    add_working_days,
    is_working_day,
    working_days_between,
)

REPLY_DAYS = 20
SUPPLEMENT_NOTICE_DAYS = 7
CONSULTATION_DAYS = 15
FEE_PAYMENT_DAYS = 20
MAX_EXTENSION_DAYS = 20
#: Art.35 names no limit; a later deadline further than this after receipt is taken for a typo.
MAX_DEFERRAL_DAYS = 365


class EventKind(models.TextChoices):
    """What happened to an application. The values are stored in the database."""

    SUPPLEMENT_REQUESTED = "supplement_requested", _lazy("补正告知")
    SUPPLEMENT_RECEIVED = "supplement_received", _lazy("收到补正材料")
    SUPPLEMENT_LAPSED = "supplement_lapsed", _lazy("逾期未补正")
    CONSULTATION_STARTED = "consultation_started", _lazy("征求意见")
    CONSULTATION_ENDED = "consultation_ended", _lazy("征求意见结束")
    EXTENSION_APPROVED = "extension_approved", _lazy("延长答复期限")
    FEE_NOTICE_SENT = "fee_notice_sent", _lazy("收费通知")
    FEE_PAID = "fee_paid", _lazy("缴纳费用")
    FEE_LAPSED = "fee_lapsed", _lazy("逾期未缴费")
    REASONS_REQUESTED = "reasons_requested", _lazy("要求说明理由")
    DEFERRAL_SET = "deferral_set", _lazy("确定延迟答复期限")
    REPLIED = "replied", _lazy("答复")


class Party(StrEnum):
    """Whom the office consults (``ClockEvent.party``)."""

    THIRD_PARTY = "third_party"  # Art.32
    AGENCY = "agency"  # Art.34


@dataclass(frozen=True)
class ClockEvent:
    """One recorded event. ``days``: extension length; ``until``: the 补正 deadline the office
    gave, or the later reply deadline of Art.35; ``party``: a :class:`Party` value for
    consultations."""

    kind: EventKind
    on: date
    days: int | None = None
    until: date | None = None
    party: str = ""


@dataclass(frozen=True)
class Limit:
    """One legal time limit that applies to the application.

    ``overdue``: fulfilled after ``due_on``, or not fulfilled and ``today`` (or the day the
    application closed) is after ``due_on``.
    """

    # supplement_notice, supplement_deadline, third_party_reply, agency_reply, fee_payment, reply
    key: str
    label: str
    due_on: WorkDate
    met_on: date | None
    overdue: bool


@dataclass(frozen=True)
class ClockState:
    """The clock on a given day. See the module docstring for what each field means while
    running, paused and closed; ``provisional`` covers the limits as well as the reply."""

    received_on: date
    due_on: WorkDate | None
    working_days_left: WorkDayCount | None
    paused: bool
    pause_reason: str
    closed: bool
    overdue: bool
    extended: bool
    limits: tuple[Limit, ...]
    explanation: tuple[str, ...]
    provisional: bool
    # Added fields.
    paused_since: date | None = None
    closed_by: EventKind | None = None  # REPLIED, SUPPLEMENT_LAPSED or FEE_LAPSED
    closed_on: date | None = None
    extension_days: int = 0
    deferred_until: date | None = None  # the later deadline set under Art.35
    missing_years: tuple[int, ...] = ()
    problems: tuple[str, ...] = ()  # stored events that were skipped, and why

    def limit(self, key: str) -> Limit | None:
        """The first limit with this key, if it applies."""
        return next((limit for limit in self.limits if limit.key == key), None)


def compute(received_on: date, events: Sequence[ClockEvent], *, today: date) -> ClockState:
    """The state of the legal clock on ``today``."""
    _require_date(received_on, "received_on")
    _require_date(today, "today")
    replay = _Replay(received_on)
    for event in sorted(events, key=lambda event: event.on):
        replay.apply(event)
    return replay.state(today)


def validate_event(
    received_on: date,
    events: Sequence[ClockEvent],
    new_event: ClockEvent,
    *,
    today: date | None = None,
) -> None:
    """Raise ``DomainError`` (Chinese message) if ``new_event`` cannot follow ``events``.

    With ``today``, an event dated after it is refused too.
    """
    _require_date(received_on, "received_on")
    replay = _Replay(received_on)
    for event in sorted(events, key=lambda event: event.on):
        replay.apply(event)
    if today is not None and new_event.on > today:
        raise DomainError(_("不能记录今天以后的事项。"), field="on")
    problem = replay.check(new_event)
    if problem is not None:
        message, field_name = problem
        raise DomainError(message, field=field_name)


# --- The replay -----------------------------------------------------------------------------

_SUPPLEMENT, _CONSULTATION, _FEE = "supplement", "consultation", "fee"


def _require_date(value, name: str) -> None:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"{name} must be a date, not {type(value).__name__}")


def _d(day: date) -> str:
    return _("%(year)s年%(month)s月%(day)s日") % {
        "year": day.year,
        "month": day.month,
        "day": day.day,
    }


def _as_kind(value) -> EventKind | None:
    """The event kind of a stored value, or None for a value no longer known."""
    try:
        return EventKind(value)
    except ValueError:
        return None


def _party_label(party: str) -> str:
    return _("第三方") if party == Party.THIRD_PARTY else _("其他机关")


@dataclass
class _Consultation:
    party: str
    started_on: date
    limit: WorkDate
    ended_on: date | None = None
    stopping: bool = True  # still stopping the clock


class _Replay:
    """Replays the events in order, keeping what the clock needs to know."""

    def __init__(self, received_on: date) -> None:
        self.received_on = received_on
        # Counting runs over the working days after ``anchor``; ``used`` of ``budget`` are spent.
        self.anchor = received_on
        self.budget = REPLY_DAYS
        self.used = 0
        self.pause: str | None = None
        self.paused_since: date | None = None
        self.expired_due: WorkDate | None = None
        self.restarted_on: date | None = None
        self.not_counted = False  # some consultation or fee time was left out
        self.extension: ClockEvent | None = None
        self.supplement_request: ClockEvent | None = None
        self.supplement_received_on: date | None = None
        self.fee_notice: ClockEvent | None = None
        self.fee_due: WorkDate | None = None
        self.fee_paid_on: date | None = None
        self.reasons_request: ClockEvent | None = None
        self.deferral: ClockEvent | None = None
        self.consultations: list[_Consultation] = []
        self.closed_by: EventKind | None = None
        self.closed_on: date | None = None
        self.reply_due: WorkDate | None = None
        self.last_on: date | None = None
        self.lines: list[str] = [
            _("%(date)s收到申请，答复期限自次日起计算，为%(days)s个工作日（条例第三十三条）。")
            % {"date": _d(received_on), "days": REPLY_DAYS}
        ]
        self.problems: list[str] = []
        self.missing: set[int] = set()  # years unknown to the reply computation
        self.other_missing: set[int] = set()  # ... and to the other limits

    # Calendar arithmetic that remembers unknown years.

    def _add(self, start: date, n: int) -> WorkDate:
        result = add_working_days(start, n)
        self.missing.update(result.missing_years)
        return result

    def _between(self, a: date, b: date) -> int:
        result = working_days_between(a, b)
        self.missing.update(result.missing_years)
        return int(result)

    def _limit_date(self, start: date, n: int) -> WorkDate:
        result = add_working_days(start, n)
        self.other_missing.update(result.missing_years)
        return result

    # The reply due date.

    def _left_after_pause(self) -> int:
        """Working days that remain once the current pause ends."""
        if self.pause == _SUPPLEMENT:
            return self.budget  # the count starts again
        return self.budget - self.used

    def _due(self) -> WorkDate:
        """The due date while counting runs (or the missed one)."""
        if self.expired_due is not None:
            return self.expired_due
        return self._add(self.anchor, self.budget - self.used)

    def due_as_of(self, day: date) -> WorkDate:
        if self.expired_due is not None or self.pause is None:
            return self._due()
        return self._add(max(day, self.paused_since), self._left_after_pause())

    def _stop(self, on: date, pause: str) -> None:
        if self.pause is None and self.expired_due is None:
            due = self._due()
            if on > due:
                self.expired_due = due
                self.lines.append(
                    _("答复期限已于%(due)s届满，此后的中止不再使期限重新计算。") % {"due": _d(due)}
                )
            else:
                self.used += self._between(self.anchor, on)
        self.pause, self.paused_since = pause, on

    def _resume(self, on: date) -> None:
        self.pause, self.paused_since, self.anchor = None, None, on

    def _resumed_line(self, on: date) -> str:
        if self.expired_due is not None:
            return _("答复期限已于%(due)s届满，仍按逾期处理。") % {"due": _d(self.expired_due)}
        return _("自%(date)s次日起恢复计算，尚余%(left)s个工作日，答复期限为%(due)s。") % {
            "date": _d(on),
            "left": self.budget - self.used,
            "due": _d(self._due()),
        }

    # Consultations that ran out of time stop stopping the clock.

    def advance(self, day: date) -> None:
        """Let consultations whose 15 working days ended before ``day`` resume the clock."""
        if self.closed_by is not None or self.pause != _CONSULTATION:
            return
        for consultation in sorted(
            (c for c in self.consultations if c.stopping), key=lambda c: c.limit
        ):
            if consultation.limit >= day:
                break
            consultation.stopping = False
            self.lines.append(
                _("%(party)s未在%(days)s个工作日内（至%(limit)s）答复，此后的时间计入答复期限。")
                % {
                    "party": _party_label(consultation.party),
                    "days": CONSULTATION_DAYS,
                    "limit": _d(consultation.limit),
                }
            )
            if not any(c.stopping for c in self.consultations):
                self._resume(consultation.limit)
                self.lines.append(self._resumed_line(consultation.limit))

    # Events.

    def _open_consultation(self, party: str) -> _Consultation | None:
        open_ = [c for c in self.consultations if c.ended_on is None]
        if not party:
            if len({c.party for c in open_}) != 1:
                return None
        else:
            open_ = [c for c in open_ if c.party == party]
        return open_[0] if open_ else None

    def check(self, event: ClockEvent) -> tuple[str, str | None] | None:
        """Why ``event`` cannot come next (message, form field), or None. Advances the
        consultations to ``event.on`` first."""
        kind = _as_kind(event.kind)
        if kind is None:
            return _("未知的事项类型。"), "kind"
        _require_date(event.on, "on")
        if event.on < self.received_on:
            return _("事项日期不能早于收到申请的日期（%(date)s）。") % {
                "date": _d(self.received_on)
            }, "on"
        if self.last_on is not None and event.on < self.last_on:
            return _("事项日期不能早于上一项记录的日期（%(date)s）。") % {
                "date": _d(self.last_on)
            }, "on"
        if self.closed_by is not None:
            return _("该申请已于%(date)s%(how)s，不能再记录其他事项。") % {
                "date": _d(self.closed_on),
                "how": _closed_label(self.closed_by),
            }, None
        self.advance(event.on)
        waiting = {
            _SUPPLEMENT: _("等待补正"),
            _FEE: _("等待缴费"),
            _CONSULTATION: _("征求意见"),
        }.get(self.pause or "")
        busy = (
            _("申请正处于%(state)s期间，不能记录“%(kind)s”。")
            % {"state": waiting, "kind": str(kind.label)},
            None,
        )

        if kind == EventKind.SUPPLEMENT_REQUESTED:
            if self.supplement_request is not None:
                return _("补正告知只能一次性发出（条例第三十条），本申请已于%(date)s告知。") % {
                    "date": _d(self.supplement_request.on)
                }, None
            if self.deferral is not None:
                return _("已于%(date)s确定延迟答复期限，不能再发出补正告知。") % {
                    "date": _d(self.deferral.on)
                }, None
            if self.pause is not None:
                return busy
            if event.until is not None:
                _require_date(event.until, "until")
                if event.until <= event.on:
                    return _("补正期限应晚于补正告知日。"), "until"
        elif kind == EventKind.SUPPLEMENT_RECEIVED:
            if self.supplement_request is None:
                return _("尚未发出补正告知，不能记录收到补正材料。"), None
            if self.supplement_received_on is not None:
                return _("已于%(date)s收到补正材料。") % {
                    "date": _d(self.supplement_received_on)
                }, None
        elif kind == EventKind.SUPPLEMENT_LAPSED:
            if self.supplement_request is None:
                return _("尚未发出补正告知，不能按逾期未补正处理。"), None
            if self.supplement_received_on is not None:
                return _("申请人已于%(date)s补正，不能按逾期未补正处理。") % {
                    "date": _d(self.supplement_received_on)
                }, None
            until = self.supplement_request.until
            if until is not None and event.on <= until:
                return _("补正期限至%(date)s，期满之后才能按逾期未补正处理。") % {
                    "date": _d(until)
                }, "on"
            if until is None and event.on <= self.supplement_request.on:
                return _("补正告知当日不能按逾期未补正处理。"), "on"
        elif kind == EventKind.CONSULTATION_STARTED:
            if event.party not in (Party.THIRD_PARTY, Party.AGENCY):
                return _("请注明征求意见的对象：第三方或其他机关。"), "party"
            if self.pause in (_SUPPLEMENT, _FEE):
                return busy
        elif kind == EventKind.CONSULTATION_ENDED:
            if event.party and event.party not in (Party.THIRD_PARTY, Party.AGENCY):
                return _("请注明征求意见的对象：第三方或其他机关。"), "party"
            if not any(c.ended_on is None for c in self.consultations):
                return _("没有尚未结束的征求意见。"), None
            if self._open_consultation(event.party) is None:
                if event.party:
                    return _("没有尚未结束的向%(party)s征求意见。") % {
                        "party": _party_label(event.party)
                    }, "party"
                return _("有多项征求意见尚未结束，请注明是第三方还是其他机关。"), "party"
        elif kind == EventKind.EXTENSION_APPROVED:
            if self.deferral is not None:
                return _("已于%(date)s依条例第三十五条确定延迟答复期限，不能再延长答复期限。") % {
                    "date": _d(self.deferral.on)
                }, None
            if self.extension is not None:
                return _("答复期限只能延长一次（条例第三十三条），已于%(date)s延长。") % {
                    "date": _d(self.extension.on)
                }, None
            days = event.days
            if (
                not isinstance(days, int)
                or isinstance(days, bool)
                or not (1 <= days <= MAX_EXTENSION_DAYS)
            ):
                return _("延长的期限最长不超过%(max)s个工作日（条例第三十三条）。") % {
                    "max": MAX_EXTENSION_DAYS
                }, "days"
            due = self.due_as_of(event.on)
            if event.on > due:
                return _("答复期限已于%(date)s届满，不能再延长。") % {"date": _d(due)}, "on"
        elif kind == EventKind.FEE_NOTICE_SENT:
            if self.fee_notice is not None:
                return _("收费通知只能发出一次，本申请已于%(date)s发出。") % {
                    "date": _d(self.fee_notice.on)
                }, None
            if self.pause is not None:
                return busy
        elif kind in (EventKind.FEE_PAID, EventKind.FEE_LAPSED):
            if self.fee_notice is None:
                return _("尚未发出收费通知。"), None
            if self.fee_paid_on is not None:
                return _("申请人已于%(date)s缴费。") % {"date": _d(self.fee_paid_on)}, None
            if kind == EventKind.FEE_LAPSED and event.on <= self.fee_due:
                return _("缴费期限至%(date)s，期满之后才能按逾期未缴费处理。") % {
                    "date": _d(self.fee_due)
                }, "on"
        elif kind == EventKind.REASONS_REQUESTED:
            if self.reasons_request is not None:
                return _("已于%(date)s要求申请人说明理由。") % {
                    "date": _d(self.reasons_request.on)
                }, None
            if self.pause in (_SUPPLEMENT, _FEE):
                return busy
        elif kind == EventKind.DEFERRAL_SET:
            return self._check_deferral(event, busy)
        # REPLIED is possible whenever the application is open.
        return None

    def _check_deferral(self, event: ClockEvent, busy) -> tuple[str, str | None] | None:
        if self.deferral is not None:
            return _("延迟答复期限只能确定一次，本申请已于%(date)s确定。") % {
                "date": _d(self.deferral.on)
            }, None
        if self.reasons_request is None:
            return _("确定延迟答复期限前，应先要求申请人说明理由（条例第三十五条）。"), None
        if self.pause is not None:
            return busy
        if event.until is None:
            return _("请填写延迟答复的期限。"), "until"
        _require_date(event.until, "until")
        if event.until > self.received_on + timedelta(days=MAX_DEFERRAL_DAYS):
            return _("延迟答复的期限%(date)s在收到申请一年之后，请核对日期。") % {
                "date": _d(event.until)
            }, "until"
        due = self._due()
        if event.on > due:
            return _("答复期限已于%(date)s届满，不能再确定延迟答复期限。") % {"date": _d(due)}, "on"
        if event.until <= due:
            return _("延迟答复的期限应晚于现行答复期限（%(date)s）。") % {"date": _d(due)}, "until"
        if not is_working_day(event.until):
            return _("延迟答复的期限应为工作日，%(date)s不是工作日。") % {
                "date": _d(event.until)
            }, "until"
        return None

    def apply(self, event: ClockEvent) -> None:
        problem = self.check(event)
        if problem is not None:
            message = problem[0]
            self.problems.append(message)
            kind = _as_kind(event.kind)
            self.lines.append(
                _("（%(date)s的“%(kind)s”记录未计入：%(why)s）")
                % {
                    "date": _d(event.on),
                    "kind": str(kind.label) if kind else event.kind,
                    "why": message,
                }
            )
            return
        self.last_on = event.on
        kind, on = EventKind(event.kind), event.on
        line = self.lines.append

        if kind == EventKind.SUPPLEMENT_REQUESTED:
            self.supplement_request = event
            self._stop(on, _SUPPLEMENT)
            if event.until is not None:
                line(
                    _(
                        "%(date)s发出补正告知，要求申请人于%(until)s前补正；"
                        "等待补正期间答复期限停止计算，收到补正后重新计算。"
                    )
                    % {"date": _d(on), "until": _d(event.until)}
                )
            else:
                line(
                    _("%(date)s发出补正告知；等待补正期间答复期限停止计算，收到补正后重新计算。")
                    % {"date": _d(on)}
                )
        elif kind == EventKind.SUPPLEMENT_RECEIVED:
            self.supplement_received_on = on
            self.restarted_on = on
            self._resume(on)
            self.used = 0
            line(
                _(
                    "%(date)s收到补正材料，答复期限自次日起重新计算%(days)s个工作日"
                    "（条例第三十条），此前已经过的时间不再计入。"
                )
                % {"date": _d(on), "days": self.budget}
            )
            line(self._resumed_line(on))
        elif kind == EventKind.SUPPLEMENT_LAPSED:
            self.closed_by, self.closed_on = kind, on
            line(
                _("申请人无正当理由逾期未补正，视为放弃申请（条例第三十条），%(date)s不再处理。")
                % {"date": _d(on)}
            )
        elif kind == EventKind.CONSULTATION_STARTED:
            self.not_counted = True
            limit = self._limit_date(on, CONSULTATION_DAYS)
            self.consultations.append(_Consultation(event.party, on, limit))
            if self.pause is None:
                self._stop(on, _CONSULTATION)
            article = _("第三十二条") if event.party == Party.THIRD_PARTY else _("第三十四条")
            line(
                _(
                    "%(date)s向%(party)s征求意见（条例%(article)s），%(party)s应于%(limit)s前答复；"
                    "征求意见的时间不计入答复期限，此前已用%(used)s个工作日。"
                )
                % {
                    "date": _d(on),
                    "party": _party_label(event.party),
                    "article": article,
                    "limit": _d(limit),
                    "used": self.used,
                }
            )
        elif kind == EventKind.CONSULTATION_ENDED:
            consultation = self._open_consultation(event.party)
            consultation.ended_on = on
            if consultation.stopping:
                consultation.stopping = False
                line(
                    _("%(date)s收到%(party)s意见。")
                    % {"date": _d(on), "party": _party_label(consultation.party)}
                )
                if not any(c.stopping for c in self.consultations):
                    self._resume(on)
                    line(self._resumed_line(on))
            else:
                line(
                    _("%(date)s收到%(party)s意见（已超过%(party)s答复期限，期限此前已恢复计算）。")
                    % {"date": _d(on), "party": _party_label(consultation.party)}
                )
        elif kind == EventKind.EXTENSION_APPROVED:
            self.extension = event
            self.budget += event.days
            line(
                _("%(date)s经批准延长答复期限%(days)s个工作日（条例第三十三条）。")
                % {"date": _d(on), "days": event.days}
            )
            if self.pause is None:
                line(_("延长后的答复期限为%(due)s。") % {"due": _d(self._due())})
        elif kind == EventKind.FEE_NOTICE_SENT:
            self.not_counted = True
            self.fee_notice = event
            self.fee_due = self._limit_date(on, FEE_PAYMENT_DAYS)
            self._stop(on, _FEE)
            line(
                _(
                    "%(date)s发出收费通知，申请人应于%(due)s前缴费；"
                    "等待缴费期间答复期限停止计算，此前已用%(used)s个工作日。"
                )
                % {"date": _d(on), "due": _d(self.fee_due), "used": self.used}
            )
        elif kind == EventKind.FEE_PAID:
            self.fee_paid_on = on
            self._resume(on)
            late = _("（已超过缴费期限）") if on > self.fee_due else ""
            line(_("%(date)s申请人缴费%(late)s。") % {"date": _d(on), "late": late})
            line(self._resumed_line(on))
        elif kind == EventKind.FEE_LAPSED:
            self.closed_by, self.closed_on = kind, on
            line(
                _("申请人逾期未按收费通知缴费，视为放弃申请，%(date)s不再处理。") % {"date": _d(on)}
            )
        elif kind == EventKind.REASONS_REQUESTED:
            self.reasons_request = event
            line(
                _(
                    "%(date)s认为申请公开政府信息的数量、频次明显超过合理范围，要求申请人说明理由"
                    "（条例第三十五条）；说明理由期间答复期限照常计算。"
                )
                % {"date": _d(on)}
            )
        elif kind == EventKind.DEFERRAL_SET:
            self.deferral = event
            old_due = self._due()
            # The later deadline replaces everything counted so far, pauses included.
            self.budget += self._between(old_due, event.until)
            self.not_counted = False
            line(
                _(
                    "%(date)s认为申请人说明的理由合理，但无法在条例第三十三条规定的期限内答复，"
                    "确定延迟答复的合理期限（条例第三十五条）：答复期限由%(old)s改为%(due)s。"
                )
                % {"date": _d(on), "old": _d(old_due), "due": _d(self._due())}
            )
        elif kind == EventKind.REPLIED:
            due = self.due_as_of(on)
            self.reply_due = due
            self.closed_by, self.closed_on = kind, on
            if on > due:
                line(
                    _("%(date)s答复申请人，已超过答复期限（%(due)s），属逾期答复。")
                    % {"date": _d(on), "due": _d(due)}
                )
            else:
                line(
                    _("%(date)s答复申请人，在答复期限（%(due)s）内。")
                    % {"date": _d(on), "due": _d(due)}
                )

    # The result.

    def state(self, today: date) -> ClockState:
        self.advance(today)
        closed = self.closed_by is not None
        reference = self.closed_on if closed else today
        due_on: WorkDate | None
        left: WorkDayCount | None = None
        if self.closed_by == EventKind.REPLIED:
            due_on = self.reply_due
            overdue = self.closed_on > due_on
        elif closed:
            due_on = self.expired_due
            overdue = due_on is not None
        else:
            due_on = self.due_as_of(today)
            overdue = today > due_on
        # What the due date rests on; counting the days left may add today's year.
        due_missing = tuple(sorted(self.missing))
        if not closed:
            if self.pause is not None and self.expired_due is None:
                left_days = self._left_after_pause()
            else:
                left_days = self._between(today, due_on)

        pause_reason = self._pause_reason() if not closed else ""
        if not closed:
            if self.pause is not None and not overdue:
                self.lines.append(
                    _("目前暂停计算：%(reason)s；恢复计算后尚余%(left)s个工作日。")
                    % {"reason": pause_reason, "left": left_days}
                )
            elif self.pause is not None:
                self.lines.append(_("目前：%(reason)s。") % {"reason": pause_reason})
            if overdue:
                self.lines.append(_("答复期限%(due)s已过，已逾期。") % {"due": _d(due_on)})
            elif self.pause is None:
                self.lines.append(
                    _("答复期限为%(due)s，还剩%(left)s个工作日。")
                    % {"due": _d(due_on), "left": left_days}
                )
            self._reminders(today)

        if due_on is not None:
            due_on = WorkDate.of(due_on, missing_years=due_missing)
        if not closed:
            left = WorkDayCount(left_days, missing_years=sorted(self.missing))
        all_missing = tuple(sorted(self.missing | self.other_missing))
        if all_missing:
            self.lines.append(
                _("%(years)s年的节假日安排尚未录入，涉及的期限只排除了周末，为暂定。")
                % {"years": "、".join(str(year) for year in all_missing)}
            )
        limits = self._limits(today, reference, due_on, overdue)
        return ClockState(
            received_on=self.received_on,
            due_on=due_on,
            working_days_left=left,
            paused=not closed and self.pause is not None,
            pause_reason=pause_reason,
            closed=closed,
            overdue=overdue,
            extended=self.extension is not None,
            limits=limits,
            explanation=tuple(self.lines),
            provisional=bool(all_missing),
            paused_since=None if closed else self.paused_since,
            closed_by=self.closed_by,
            closed_on=self.closed_on,
            extension_days=self.extension.days if self.extension else 0,
            deferred_until=self.deferral.until if self.deferral else None,
            missing_years=all_missing,
            problems=tuple(self.problems),
        )

    def _pause_reason(self) -> str:
        if self.pause == _SUPPLEMENT:
            until = self.supplement_request.until
            if until is not None:
                return _("等待申请人补正（补正期限：%(until)s）") % {"until": _d(until)}
            return _("等待申请人补正")
        if self.pause == _FEE:
            return _("等待申请人缴纳信息处理费（缴费期限：%(due)s）") % {"due": _d(self.fee_due)}
        if self.pause == _CONSULTATION:
            parties = {c.party for c in self.consultations if c.stopping}
            if parties == {Party.THIRD_PARTY}:
                return _("正在征求第三方意见")
            if parties == {Party.AGENCY}:
                return _("正在征求其他机关意见")
            return _("正在征求第三方和其他机关意见")
        return ""

    def _reminders(self, today: date) -> None:
        if self.pause == _SUPPLEMENT:
            until = self.supplement_request.until
            if until is not None and today > until:
                self.lines.append(
                    _(
                        "补正期限%(until)s已过，申请人尚未补正；无正当理由逾期不补正的，"
                        "视为放弃申请，可记录“逾期未补正”。"
                    )
                    % {"until": _d(until)}
                )
        if self.pause == _FEE and today > self.fee_due:
            self.lines.append(
                _("缴费期限%(due)s已过，申请人尚未缴费；可记录“逾期未缴费”，不再处理该申请。")
                % {"due": _d(self.fee_due)}
            )

    def _limits(
        self, today: date, reference: date, due_on: WorkDate | None, overdue: bool
    ) -> tuple[Limit, ...]:
        limits: list[Limit] = []
        notice_due = self._limit_date(self.received_on, SUPPLEMENT_NOTICE_DAYS)
        notice_label = _("补正告知期限（收到申请之日起%(days)s个工作日内）") % {
            "days": SUPPLEMENT_NOTICE_DAYS
        }
        request = self.supplement_request
        if request is not None:
            limits.append(
                Limit(
                    "supplement_notice",
                    notice_label,
                    notice_due,
                    request.on,
                    request.on > notice_due,
                )
            )
        elif self.closed_by is None and today <= notice_due:
            # Still a reminder: if a 补正 is needed, this is the last day to ask.
            limits.append(Limit("supplement_notice", notice_label, notice_due, None, False))
        if request is not None and request.until is not None:
            met = self.supplement_received_on
            limits.append(
                Limit(
                    "supplement_deadline",
                    _("补正期限（补正告知中确定的期限）"),
                    WorkDate.of(request.until),
                    met,
                    (met if met is not None else reference) > request.until,
                )
            )
        for consultation in self.consultations:
            met = consultation.ended_on
            third = consultation.party == Party.THIRD_PARTY
            label = (
                _("第三方答复期限（征求意见之日起%(days)s个工作日内）")
                if third
                else _("其他机关答复期限（征求意见之日起%(days)s个工作日内）")
            ) % {"days": CONSULTATION_DAYS}
            limits.append(
                Limit(
                    "third_party_reply" if third else "agency_reply",
                    label,
                    consultation.limit,
                    met,
                    (met if met is not None else reference) > consultation.limit,
                )
            )
        if self.fee_notice is not None:
            met = self.fee_paid_on
            limits.append(
                Limit(
                    "fee_payment",
                    _("缴费期限（收费通知发出之日起%(days)s个工作日内）")
                    % {"days": FEE_PAYMENT_DAYS},
                    self.fee_due,
                    met,
                    (met if met is not None else reference) > self.fee_due,
                )
            )
        if due_on is not None:
            limits.append(
                Limit(
                    "reply",
                    self._reply_label(),
                    due_on,
                    self.closed_on if self.closed_by == EventKind.REPLIED else None,
                    overdue,
                )
            )
        return tuple(limits)

    def _reply_label(self) -> str:
        if self.deferral is not None:
            label = _("答复期限（依条例第三十五条确定的延迟答复期限")
        elif self.restarted_on is not None:
            label = _("答复期限（收到补正后的申请之日起%(days)s个工作日内") % {"days": REPLY_DAYS}
        else:
            label = _("答复期限（收到申请之日起%(days)s个工作日内") % {"days": REPLY_DAYS}
        if self.extension is not None and self.deferral is None:
            label += _("，延长%(days)s个工作日") % {"days": self.extension.days}
        if self.not_counted:
            label += _("，征求意见和等待缴费的时间不计算在内")
        return label + _("）")


def _closed_label(kind: EventKind) -> str:
    return {
        EventKind.REPLIED: _("答复"),
        EventKind.SUPPLEMENT_LAPSED: _("因逾期未补正终止"),
        EventKind.FEE_LAPSED: _("因逾期未缴费终止"),
    }[kind]


__all__ = [
    "ClockEvent",
    "ClockState",
    "EventKind",
    "Limit",
    "Party",
    "compute",
    "validate_event",
]
