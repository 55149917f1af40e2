"""The legal clock of an application, on the official 2025/2026 calendars (seeded by migration).

2025: 国庆+中秋 10/1–10/8, make-up Sun 9/28 and Sat 10/11; 春节 1/28–2/4, make-up Sun 1/26 and
Sat 2/8. 2026: 春节 2/15–2/23, make-up Sat 2/14 and Sat 2/28; 国庆 10/1–10/7, make-up Sun 9/20
and Sat 10/10. Every expected date below is counted by hand in its comment.
"""

from datetime import date, timedelta

import chinese_calendar
import pytest

from gongkai.core.errors import DomainError
from gongkai.foi.clock import (
    ClockEvent,
    EventKind,
    Party,
    compute,
    validate_event,
)
from gongkai.workdays import WorkDate, WorkDayCount
from gongkai.workdays.calendar import clear_cache

pytestmark = pytest.mark.django_db

K = EventKind
RECEIVED = date(2025, 9, 26)  # a Friday, received online (both sides confirmed that day)


@pytest.fixture(autouse=True)
def fresh_calendar_cache():
    clear_cache()
    yield
    clear_cache()


def ev(kind, on, **kwargs):
    return ClockEvent(kind, on, **kwargs)


def oracle(start: date, n: int) -> date:
    day, counted = start, 0
    while counted < n:
        day += timedelta(days=1)
        counted += chinese_calendar.is_workday(day)
    return day


def text(state) -> str:
    return "\n".join(state.explanation)


class TestPlainReply:
    def test_received_before_national_day(self):
        # Counting from 9/27: 9/28 (Sun, 调休) 1, 9/29 2, 9/30 3, [10/1–10/8 holiday], 10/9 4,
        # 10/10 5, 10/11 (Sat, 调休) 6, 10/13–17 7–11, 10/20–24 12–16, 10/27 17, 10/28 18,
        # 10/29 19, 10/30 20.
        state = compute(RECEIVED, [], today=date(2025, 10, 9))
        assert state.due_on == date(2025, 10, 30) == oracle(RECEIVED, 20)
        assert isinstance(state.due_on, WorkDate)
        # Left after 10/9: 10/10, 10/11, 10/13–17, 10/20–24, 10/27–30 = 2 + 5 + 5 + 4.
        assert state.working_days_left == 16
        assert isinstance(state.working_days_left, WorkDayCount)
        assert not (state.paused or state.closed or state.overdue or state.extended)
        assert state.pause_reason == ""
        assert not state.provisional
        assert state.limit("reply").due_on == date(2025, 10, 30)
        # Within the first 7 working days the 补正 limit is shown as a reminder:
        # 9/28, 9/29, 9/30, 10/9, 10/10, 10/11, 10/13.
        notice = state.limit("supplement_notice")
        assert notice.due_on == date(2025, 10, 13)
        assert notice.met_on is None and not notice.overdue

    def test_the_reminder_goes_once_the_seven_days_are_over(self):
        state = compute(RECEIVED, [], today=date(2025, 10, 14))
        assert state.limit("supplement_notice") is None

    def test_last_day_and_overdue_while_open(self):
        assert compute(RECEIVED, [], today=date(2025, 10, 30)).working_days_left == 0
        state = compute(RECEIVED, [], today=date(2025, 11, 3))
        assert state.overdue
        assert state.working_days_left == -2  # 10/31 and 11/3 past the due date
        assert "已逾期" in text(state)

    def test_replied_on_time(self):
        state = compute(RECEIVED, [ev(K.REPLIED, date(2025, 10, 30))], today=date(2025, 12, 1))
        assert state.closed and not state.overdue
        assert state.closed_by == K.REPLIED
        assert state.due_on == date(2025, 10, 30)
        assert state.working_days_left is None
        assert state.limit("reply").met_on == date(2025, 10, 30)

    def test_replied_late_is_overdue(self):
        state = compute(RECEIVED, [ev(K.REPLIED, date(2025, 10, 31))], today=date(2025, 10, 31))
        assert state.closed and state.overdue
        assert state.due_on == date(2025, 10, 30)
        assert state.limit("reply").overdue
        assert "逾期答复" in text(state)


class TestSupplementAndConsultation:
    EVENTS = [
        ev(K.SUPPLEMENT_REQUESTED, date(2025, 9, 29), until=date(2025, 10, 15)),
        ev(K.SUPPLEMENT_RECEIVED, date(2025, 10, 10)),
        ev(K.CONSULTATION_STARTED, date(2025, 10, 15), party=Party.THIRD_PARTY),
        ev(K.CONSULTATION_ENDED, date(2025, 10, 24), party=Party.THIRD_PARTY),
    ]

    def test_waiting_for_the_supplement_stops_the_clock(self):
        state = compute(RECEIVED, self.EVENTS[:1], today=date(2025, 10, 9))
        assert state.paused and not state.overdue
        assert state.paused_since == date(2025, 9, 29)
        assert "补正" in state.pause_reason and "2025年10月15日" in state.pause_reason
        # The full 20 days will start again, so the projected date is 20 after today.
        assert state.working_days_left == 20
        assert state.due_on == oracle(date(2025, 10, 9), 20)

    def test_supplement_restarts_then_consultation_is_not_counted(self):
        # Restart from 10/10 (Fri): 10/11 (Sat, 调休) 1, 10/13 2, 10/14 3, 10/15 4 used when the
        # consultation starts; 16 left. Counting resumes after 10/24: 10/27–31 1–5, 11/3–7 6–10,
        # 11/10–14 11–15, 11/17 16.
        state = compute(RECEIVED, self.EVENTS, today=date(2025, 11, 3))
        assert state.due_on == date(2025, 11, 17)
        # Cross-check: without the consultation the due date is 11/6 (20 after 10/10); the
        # 7 working days 10/16–10/24 are added: 11/7, 11/10–14, 11/17.
        assert oracle(date(2025, 10, 10), 20) == date(2025, 11, 6)
        assert state.working_days_left == 10  # 11/4–7, 11/10–14, 11/17
        assert not state.paused

        limits = {limit.key: limit for limit in state.limits}
        assert list(limits) == [
            "supplement_notice",
            "supplement_deadline",
            "third_party_reply",
            "reply",
        ]
        assert limits["supplement_notice"].due_on == date(2025, 10, 13)
        assert limits["supplement_notice"].met_on == date(2025, 9, 29)
        assert not limits["supplement_notice"].overdue
        assert limits["supplement_deadline"].met_on == date(2025, 10, 10)
        assert not limits["supplement_deadline"].overdue
        # 15 after 10/15: 10/16, 10/17, 10/20–24, 10/27–31, 11/3, 11/4, 11/5.
        assert limits["third_party_reply"].due_on == date(2025, 11, 5)
        assert limits["third_party_reply"].met_on == date(2025, 10, 24)
        assert not limits["third_party_reply"].overdue
        assert "收到补正后" in limits["reply"].label

    def test_during_the_consultation(self):
        state = compute(RECEIVED, self.EVENTS[:3], today=date(2025, 10, 20))
        assert state.paused
        assert state.pause_reason == "正在征求第三方意见"
        assert state.working_days_left == 16

    def test_late_supplement_notice_is_reported(self):
        events = [ev(K.SUPPLEMENT_REQUESTED, date(2025, 10, 14), until=date(2025, 10, 24))]
        notice = compute(RECEIVED, events, today=date(2025, 10, 14)).limit("supplement_notice")
        assert notice.due_on == date(2025, 10, 13)
        assert notice.met_on == date(2025, 10, 14)
        assert notice.overdue

    def test_no_supplement_then_lapsed(self):
        request = ev(K.SUPPLEMENT_REQUESTED, date(2025, 9, 29), until=date(2025, 10, 15))
        waiting = compute(RECEIVED, [request], today=date(2025, 10, 16))
        assert waiting.paused and not waiting.closed
        assert waiting.limit("supplement_deadline").overdue
        assert "逾期未补正" in text(waiting)

        with pytest.raises(DomainError, match="期满之后"):
            validate_event(RECEIVED, [request], ev(K.SUPPLEMENT_LAPSED, date(2025, 10, 15)))
        lapse = ev(K.SUPPLEMENT_LAPSED, date(2025, 10, 16))
        validate_event(RECEIVED, [request], lapse)
        state = compute(RECEIVED, [request, lapse], today=date(2025, 11, 20))
        assert state.closed and not state.paused and not state.overdue
        assert state.closed_by == K.SUPPLEMENT_LAPSED
        assert state.due_on is None and state.working_days_left is None
        assert state.limit("reply") is None
        assert "视为放弃" in text(state)

    def test_a_supplement_asked_after_the_due_date_does_not_revive_it(self):
        events = [
            ev(K.SUPPLEMENT_REQUESTED, date(2025, 11, 3), until=date(2025, 11, 10)),
            ev(K.SUPPLEMENT_RECEIVED, date(2025, 11, 5)),
        ]
        state = compute(RECEIVED, events, today=date(2025, 11, 5))
        assert state.overdue and state.due_on == date(2025, 10, 30)

    def test_a_supplement_asked_in_time_restarts_even_after_the_old_due_date(self):
        events = [
            ev(K.SUPPLEMENT_REQUESTED, date(2025, 9, 29)),
            ev(K.SUPPLEMENT_RECEIVED, date(2025, 11, 3)),
        ]
        state = compute(RECEIVED, events, today=date(2025, 11, 3))
        assert not state.overdue
        assert state.due_on == oracle(date(2025, 11, 3), 20) == date(2025, 12, 1)

    def test_reply_while_waiting_for_the_supplement(self):
        events = [
            ev(K.SUPPLEMENT_REQUESTED, date(2025, 9, 29), until=date(2025, 10, 15)),
            ev(K.REPLIED, date(2025, 10, 9)),
        ]
        state = compute(RECEIVED, events, today=date(2025, 12, 1))
        assert state.closed and not state.overdue and not state.paused


class TestConsultations:
    def test_started_and_ended_the_same_day_changes_nothing(self):
        events = [
            ev(K.CONSULTATION_STARTED, date(2025, 10, 9), party=Party.AGENCY),
            ev(K.CONSULTATION_ENDED, date(2025, 10, 9), party=Party.AGENCY),
        ]
        assert compute(RECEIVED, events, today=date(2025, 10, 9)).due_on == date(2025, 10, 30)

    def test_third_party_silence_resumes_the_clock_after_15_working_days(self):
        # Used before: 9/28, 9/29, 9/30, 10/9 = 4; 16 left. Third-party limit, 15 after 10/9:
        # 10/10, 10/11, 10/13–17, 10/20–24, 10/27, 10/28, 10/29. Counting resumes after 10/29:
        # 10/30, 10/31, 11/3–7, 11/10–14, 11/17–20 → 16th is 11/20.
        started = ev(K.CONSULTATION_STARTED, date(2025, 10, 9), party=Party.THIRD_PARTY)
        last_day = compute(RECEIVED, [started], today=date(2025, 10, 29))
        assert last_day.paused
        state = compute(RECEIVED, [started], today=date(2025, 11, 10))
        assert not state.paused
        assert state.due_on == date(2025, 11, 20)
        limit = state.limit("third_party_reply")
        assert limit.due_on == date(2025, 10, 29) and limit.met_on is None and limit.overdue
        assert "未在15个工作日内" in text(state)
        # A late answer recorded afterwards does not move the date.
        late_answer = ev(K.CONSULTATION_ENDED, date(2025, 11, 5), party=Party.THIRD_PARTY)
        validate_event(RECEIVED, [started], late_answer)
        state = compute(RECEIVED, [started, late_answer], today=date(2025, 11, 10))
        assert state.due_on == date(2025, 11, 20)
        assert state.limit("third_party_reply").overdue

    def test_overlapping_consultations_pause_once(self):
        # Paused from 10/9 to 10/20: 10/10, 10/11, 10/13–17, 10/20 = 8 working days not
        # counted, so 10/30 moves to 10/31, 11/3–7, 11/10, 11/11.
        events = [
            ev(K.CONSULTATION_STARTED, date(2025, 10, 9), party=Party.THIRD_PARTY),
            ev(K.CONSULTATION_STARTED, date(2025, 10, 13), party=Party.AGENCY),
            ev(K.CONSULTATION_ENDED, date(2025, 10, 14), party=Party.THIRD_PARTY),
        ]
        middle = compute(RECEIVED, events, today=date(2025, 10, 15))
        assert middle.paused and middle.pause_reason == "正在征求其他机关意见"
        events.append(ev(K.CONSULTATION_ENDED, date(2025, 10, 20), party=Party.AGENCY))
        state = compute(RECEIVED, events, today=date(2025, 10, 20))
        assert state.due_on == date(2025, 11, 11)
        assert [limit.key for limit in state.limits] == [
            "third_party_reply",
            "agency_reply",
            "reply",
        ]

    def test_blank_party_ends_the_only_kind_open(self):
        started = [
            ev(K.CONSULTATION_STARTED, date(2025, 10, 9), party=Party.THIRD_PARTY),
            ev(K.CONSULTATION_STARTED, date(2025, 10, 13), party=Party.AGENCY),
        ]
        with pytest.raises(DomainError, match="请注明") as error:
            validate_event(RECEIVED, started, ev(K.CONSULTATION_ENDED, date(2025, 10, 14)))
        assert error.value.field == "party"
        validate_event(RECEIVED, started[:1], ev(K.CONSULTATION_ENDED, date(2025, 10, 14)))

    def test_a_pause_after_the_due_date_does_not_revive_it(self):
        events = [ev(K.CONSULTATION_STARTED, date(2025, 11, 3), party=Party.THIRD_PARTY)]
        state = compute(RECEIVED, events, today=date(2025, 11, 4))
        assert state.paused and state.overdue
        assert state.due_on == date(2025, 10, 30)
        events.append(ev(K.CONSULTATION_ENDED, date(2025, 11, 10), party=Party.THIRD_PARTY))
        state = compute(RECEIVED, events, today=date(2025, 11, 10))
        assert state.overdue and state.due_on == date(2025, 10, 30)

    def test_a_pause_from_the_due_day_leaves_nothing(self):
        events = [
            ev(K.CONSULTATION_STARTED, date(2025, 10, 30), party=Party.THIRD_PARTY),
            ev(K.CONSULTATION_ENDED, date(2025, 11, 5), party=Party.THIRD_PARTY),
        ]
        state = compute(RECEIVED, events, today=date(2025, 11, 5))
        assert state.due_on == date(2025, 11, 5)
        assert state.working_days_left == 0 and not state.overdue


class TestExtension:
    def test_twenty_more_working_days(self):
        # 20 after 10/30: 10/31, 11/3–7, 11/10–14, 11/17–21, 11/24–27 → 11/27.
        extension = ev(K.EXTENSION_APPROVED, date(2025, 10, 20), days=20)
        validate_event(RECEIVED, [], extension)
        state = compute(RECEIVED, [extension], today=date(2025, 10, 20))
        assert state.extended and state.extension_days == 20
        assert state.due_on == date(2025, 11, 27) == oracle(RECEIVED, 40)
        assert "延长20个工作日" in state.limit("reply").label

    def test_five_days(self):
        extension = ev(K.EXTENSION_APPROVED, date(2025, 10, 20), days=5)
        # 10/31, 11/3, 11/4, 11/5, 11/6.
        assert compute(RECEIVED, [extension], today=date(2025, 10, 20)).due_on == date(2025, 11, 6)

    @pytest.mark.parametrize("days", [21, 0, -1, None])
    def test_more_than_twenty_or_none_is_refused(self, days):
        with pytest.raises(DomainError, match="最长不超过20个工作日") as error:
            validate_event(RECEIVED, [], ev(K.EXTENSION_APPROVED, date(2025, 10, 20), days=days))
        assert error.value.field == "days"

    def test_only_once(self):
        first = ev(K.EXTENSION_APPROVED, date(2025, 10, 20), days=10)
        with pytest.raises(DomainError, match="只能延长一次"):
            validate_event(RECEIVED, [first], ev(K.EXTENSION_APPROVED, date(2025, 10, 21), days=10))

    def test_not_after_the_due_date(self):
        with pytest.raises(DomainError, match="不能再延长"):
            validate_event(RECEIVED, [], ev(K.EXTENSION_APPROVED, date(2025, 10, 31), days=5))
        validate_event(RECEIVED, [], ev(K.EXTENSION_APPROVED, date(2025, 10, 30), days=5))

    def test_a_stored_second_extension_is_skipped_and_reported(self):
        events = [
            ev(K.EXTENSION_APPROVED, date(2025, 10, 20), days=20),
            ev(K.EXTENSION_APPROVED, date(2025, 10, 21), days=20),
        ]
        state = compute(RECEIVED, events, today=date(2025, 10, 21))
        assert state.due_on == date(2025, 11, 27)
        assert state.extension_days == 20
        assert len(state.problems) == 1 and "只能延长一次" in state.problems[0]
        assert "未计入" in text(state)


class TestUnreasonableVolume:
    """Art.35: reasons asked for, then a later deadline the office sets once."""

    RECEIVED = date(2025, 9, 1)  # Monday
    # Counting from 9/2: 9/2–5 1–4, 9/8–12 5–9, 9/15–19 10–14, 9/22–26 15–19, 9/28 (Sun,
    # 调休) 20.
    DUE = date(2025, 9, 28)
    REASONS = ev(K.REASONS_REQUESTED, date(2025, 9, 10))
    # Across 国庆+中秋 (10/1–10/8) to Friday 10/17.
    DEFERRAL = ev(K.DEFERRAL_SET, date(2025, 9, 25), until=date(2025, 10, 17))

    def test_asking_for_reasons_does_not_stop_the_clock(self):
        validate_event(self.RECEIVED, [], self.REASONS)
        state = compute(self.RECEIVED, [self.REASONS], today=date(2025, 9, 10))
        assert state.due_on == self.DUE == oracle(self.RECEIVED, 20)
        assert not state.paused and state.pause_reason == ""
        assert state.deferred_until is None
        # Left after 9/10: 9/11, 9/12, 9/15–19, 9/22–26, 9/28.
        assert state.working_days_left == 13
        assert "2025年9月10日认为申请公开政府信息的数量、频次明显超过合理范围" in text(state)
        assert "答复期限照常计算" in text(state)

    def test_the_later_deadline_replaces_the_due_date_across_national_day(self):
        events = [self.REASONS, self.DEFERRAL]
        validate_event(self.RECEIVED, events[:1], self.DEFERRAL, today=date(2025, 9, 25))
        state = compute(self.RECEIVED, events, today=date(2025, 9, 25))
        assert state.due_on == date(2025, 10, 17)
        assert state.deferred_until == date(2025, 10, 17)
        assert not (state.paused or state.overdue or state.extended)
        # Left after 9/25: 9/26, 9/28 (调休), 9/29, 9/30, [10/1–10/8], 10/9, 10/10, 10/11 (调休),
        # 10/13–17.
        assert state.working_days_left == 12
        assert "第三十五条" in state.limit("reply").label
        assert "答复期限由2025年9月28日改为2025年10月17日" in text(state)
        replied = compute(
            self.RECEIVED, [*events, ev(K.REPLIED, date(2025, 10, 17))], today=date(2025, 11, 3)
        )
        assert replied.closed and not replied.overdue and replied.due_on == date(2025, 10, 17)
        late = compute(
            self.RECEIVED, [*events, ev(K.REPLIED, date(2025, 10, 20))], today=date(2025, 10, 20)
        )
        assert late.overdue

    def test_a_make_up_saturday_is_a_working_day(self):
        deferral = ev(K.DEFERRAL_SET, date(2025, 9, 25), until=date(2025, 10, 11))
        validate_event(self.RECEIVED, [self.REASONS], deferral)
        state = compute(self.RECEIVED, [self.REASONS, deferral], today=date(2025, 9, 25))
        assert state.due_on == date(2025, 10, 11)

    def test_a_consultation_after_it_is_still_not_counted(self):
        # Paused 10/13 to 10/15: 10/14 and 10/15 not counted, so 10/17 moves to 10/20, 10/21.
        events = [
            self.REASONS,
            self.DEFERRAL,
            ev(K.CONSULTATION_STARTED, date(2025, 10, 13), party=Party.THIRD_PARTY),
            ev(K.CONSULTATION_ENDED, date(2025, 10, 15), party=Party.THIRD_PARTY),
        ]
        state = compute(self.RECEIVED, events, today=date(2025, 10, 15))
        assert state.due_on == date(2025, 10, 21)
        assert state.deferred_until == date(2025, 10, 17)
        assert "不计算在内" in state.limit("reply").label

    def test_after_an_extension_it_must_still_be_later(self):
        # Extended by 5 from 9/28: 9/29, 9/30, 10/9, 10/10, 10/11.
        extension = ev(K.EXTENSION_APPROVED, date(2025, 9, 22), days=5)
        events = [self.REASONS, extension]
        with pytest.raises(DomainError, match="应晚于现行答复期限（2025年10月11日）") as error:
            validate_event(
                self.RECEIVED,
                events,
                ev(K.DEFERRAL_SET, date(2025, 9, 25), until=date(2025, 10, 10)),
            )
        assert error.value.field == "until"
        validate_event(self.RECEIVED, events, self.DEFERRAL)
        state = compute(self.RECEIVED, [*events, self.DEFERRAL], today=date(2025, 9, 25))
        assert state.due_on == date(2025, 10, 17)
        assert "延长" not in state.limit("reply").label

    @pytest.mark.parametrize(
        ("events", "new", "message", "field"),
        [
            ([], DEFERRAL, "应先要求申请人说明理由", None),
            (
                [REASONS],
                ev(K.DEFERRAL_SET, date(2025, 9, 25)),
                "请填写延迟答复的期限",
                "until",
            ),
            (
                [REASONS],
                ev(K.DEFERRAL_SET, date(2025, 9, 25), until=DUE),
                "应晚于现行答复期限（2025年9月28日）",
                "until",
            ),
            (
                [REASONS],
                ev(K.DEFERRAL_SET, date(2025, 9, 25), until=date(2025, 10, 5)),
                "2025年10月5日不是工作日",
                "until",
            ),
            (
                [REASONS],
                ev(K.DEFERRAL_SET, date(2025, 9, 25), until=date(2026, 9, 2)),
                "在收到申请一年之后，请核对日期",
                "until",
            ),
            (
                [REASONS],
                ev(K.DEFERRAL_SET, date(2025, 9, 29), until=date(2025, 10, 17)),
                "答复期限已于2025年9月28日届满",
                "on",
            ),
            (
                [REASONS, DEFERRAL],
                ev(K.DEFERRAL_SET, date(2025, 9, 26), until=date(2025, 10, 24)),
                "只能确定一次",
                None,
            ),
            (
                [REASONS, DEFERRAL],
                ev(K.EXTENSION_APPROVED, date(2025, 9, 26), days=5),
                "不能再延长",
                None,
            ),
            (
                [REASONS, DEFERRAL],
                ev(K.SUPPLEMENT_REQUESTED, date(2025, 9, 26), until=date(2025, 10, 10)),
                "不能再发出补正告知",
                None,
            ),
            ([REASONS], ev(K.REASONS_REQUESTED, date(2025, 9, 11)), "已于2025年9月10日", None),
            (
                [ev(K.SUPPLEMENT_REQUESTED, date(2025, 9, 3), until=date(2025, 9, 17))],
                ev(K.REASONS_REQUESTED, date(2025, 9, 10)),
                "等待补正期间",
                None,
            ),
            (
                [REASONS, ev(K.CONSULTATION_STARTED, date(2025, 9, 22), party=Party.AGENCY)],
                DEFERRAL,
                "征求意见期间",
                None,
            ),
        ],
    )
    def test_refused(self, events, new, message, field):
        with pytest.raises(DomainError, match=message) as error:
            validate_event(self.RECEIVED, events, new)
        assert error.value.field == field

    def test_a_stored_second_deferral_is_skipped_and_reported(self):
        events = [
            self.REASONS,
            self.DEFERRAL,
            ev(K.DEFERRAL_SET, date(2025, 9, 26), until=date(2025, 10, 24)),
        ]
        state = compute(self.RECEIVED, events, today=date(2025, 9, 26))
        assert state.due_on == date(2025, 10, 17)
        assert len(state.problems) == 1 and "只能确定一次" in state.problems[0]


class TestFee:
    NOTICE = ev(K.FEE_NOTICE_SENT, date(2025, 10, 20))

    def test_waiting_for_payment_is_not_counted(self):
        # Used by 10/20: 9/28, 9/29, 9/30, 10/9, 10/10, 10/11, 10/13–17, 10/20 = 12; 8 left.
        state = compute(RECEIVED, [self.NOTICE], today=date(2025, 11, 10))
        assert state.paused and not state.overdue
        assert "缴纳信息处理费" in state.pause_reason
        assert state.working_days_left == 8
        # If payment came today: 11/11–14, 11/17–20.
        assert state.due_on == date(2025, 11, 20)
        # Payment due 20 after 10/20: 10/21–24, 10/27–31, 11/3–7, 11/10–14, 11/17.
        fee = state.limit("fee_payment")
        assert fee.due_on == date(2025, 11, 17) and not fee.overdue

    def test_paid_resumes(self):
        paid = ev(K.FEE_PAID, date(2025, 11, 3))
        state = compute(RECEIVED, [self.NOTICE, paid], today=date(2025, 11, 3))
        # 8 after 11/3: 11/4–7, 11/10–13.
        assert state.due_on == date(2025, 11, 13)
        assert not state.paused
        assert state.limit("fee_payment").met_on == date(2025, 11, 3)
        assert "不计算在内" in state.limit("reply").label

    def test_lapsed_closes(self):
        with pytest.raises(DomainError, match="期满之后"):
            validate_event(RECEIVED, [self.NOTICE], ev(K.FEE_LAPSED, date(2025, 11, 17)))
        lapse = ev(K.FEE_LAPSED, date(2025, 11, 18))
        validate_event(RECEIVED, [self.NOTICE], lapse)
        before = compute(RECEIVED, [self.NOTICE], today=date(2025, 11, 18))
        assert "逾期未缴费" in text(before) and before.limit("fee_payment").overdue
        state = compute(RECEIVED, [self.NOTICE, lapse], today=date(2025, 11, 18))
        assert state.closed and state.closed_by == K.FEE_LAPSED
        assert not state.paused and not state.overdue
        assert state.due_on is None and state.working_days_left is None
        assert state.limit("fee_payment").overdue

    def test_paid_without_notice_or_twice(self):
        with pytest.raises(DomainError, match="尚未发出收费通知"):
            validate_event(RECEIVED, [], ev(K.FEE_PAID, date(2025, 10, 20)))
        paid = ev(K.FEE_PAID, date(2025, 10, 21))
        with pytest.raises(DomainError, match="已于2025年10月21日缴费"):
            validate_event(RECEIVED, [self.NOTICE, paid], ev(K.FEE_PAID, date(2025, 10, 22)))
        with pytest.raises(DomainError, match="只能发出一次"):
            validate_event(RECEIVED, [self.NOTICE, paid], ev(K.FEE_NOTICE_SENT, date(2025, 10, 22)))


class TestAcrossSpringFestival2026:
    RECEIVED = date(2026, 2, 6)  # Friday

    def test_plain(self):
        # 2/9–13 1–5, 2/14 (Sat, 调休) 6, [2/15–2/23 holiday], 2/24–27 7–10, 2/28 (Sat, 调休) 11,
        # 3/2–6 12–16, 3/9–12 17–20.
        state = compute(self.RECEIVED, [], today=date(2026, 2, 20))
        assert state.due_on == date(2026, 3, 12) == oracle(self.RECEIVED, 20)
        # Left after 2/20: 2/24–27, 2/28, 3/2–6, 3/9–12.
        assert state.working_days_left == 14

    def test_consultation_over_the_holiday(self):
        # Used by 2/12: 2/9–12 = 4; 16 left. Not counted: 2/13, 2/14, 2/24, 2/25, 2/26.
        # After 2/26: 2/27, 2/28, 3/2–6, 3/9–13, 3/16–19 → 16th is 3/19.
        events = [
            ev(K.CONSULTATION_STARTED, date(2026, 2, 12), party=Party.THIRD_PARTY),
            ev(K.CONSULTATION_ENDED, date(2026, 2, 26), party=Party.THIRD_PARTY),
        ]
        state = compute(self.RECEIVED, events, today=date(2026, 2, 26))
        assert state.due_on == date(2026, 3, 19)
        # Third party: 15 after 2/12: 2/13, 2/14, 2/24–27, 2/28, 3/2–6, 3/9–11.
        assert state.limit("third_party_reply").due_on == date(2026, 3, 11)


class TestProvisional:
    def test_due_date_in_2027(self):
        # 2027 has no arrangement: weekends only (元旦 1/1 is counted as a working day).
        # 12/16–18 1–3, 12/21–25 4–8, 12/28–31 9–12, 1/1 13, 1/4–8 14–18, 1/11 19, 1/12 20.
        state = compute(date(2026, 12, 15), [], today=date(2026, 12, 15))
        assert state.due_on == date(2027, 1, 12)
        assert state.provisional and state.missing_years == (2027,)
        assert state.due_on.provisional and state.working_days_left.provisional
        assert "2027年的节假日安排尚未录入" in text(state)

    def test_only_the_days_left_are_provisional_when_today_is_in_2027(self):
        state = compute(date(2026, 12, 1), [], today=date(2027, 1, 4))
        assert not state.due_on.provisional  # 12/29: all of it in 2026
        assert state.working_days_left.provisional and state.provisional

    def test_2026_alone_is_final(self):
        state = compute(date(2026, 11, 2), [], today=date(2026, 11, 2))
        assert not state.provisional and not state.due_on.provisional


class TestValidation:
    @pytest.mark.parametrize(
        ("events", "new", "message"),
        [
            ([], ev(K.SUPPLEMENT_RECEIVED, date(2025, 10, 9)), "尚未发出补正告知"),
            ([], ev(K.REPLIED, date(2025, 9, 25)), "不能早于收到申请"),
            (
                [ev(K.EXTENSION_APPROVED, date(2025, 10, 20), days=5)],
                ev(K.REPLIED, date(2025, 10, 17)),
                "不能早于上一项",
            ),
            (
                [ev(K.REPLIED, date(2025, 10, 20))],
                ev(K.EXTENSION_APPROVED, date(2025, 10, 21), days=5),
                "不能再记录",
            ),
            ([], ev(K.CONSULTATION_ENDED, date(2025, 10, 9)), "没有尚未结束"),
            ([], ev(K.CONSULTATION_STARTED, date(2025, 10, 9), party="expert"), "第三方或其他机关"),
            (
                [ev(K.CONSULTATION_STARTED, date(2025, 10, 9), party=Party.AGENCY)],
                ev(K.SUPPLEMENT_REQUESTED, date(2025, 10, 9)),
                "征求意见期间",
            ),
            (
                [ev(K.SUPPLEMENT_REQUESTED, date(2025, 9, 29))],
                ev(K.FEE_NOTICE_SENT, date(2025, 10, 9)),
                "等待补正期间",
            ),
            (
                [],
                ev(K.SUPPLEMENT_REQUESTED, date(2025, 9, 29), until=date(2025, 9, 29)),
                "补正期限应晚于",
            ),
        ],
    )
    def test_impossible_events(self, events, new, message):
        with pytest.raises(DomainError, match=message):
            validate_event(RECEIVED, events, new)

    def test_second_supplement_notice(self):
        done = [
            ev(K.SUPPLEMENT_REQUESTED, date(2025, 9, 29)),
            ev(K.SUPPLEMENT_RECEIVED, date(2025, 10, 9)),
        ]
        with pytest.raises(DomainError, match="一次性"):
            validate_event(RECEIVED, done, ev(K.SUPPLEMENT_REQUESTED, date(2025, 10, 10)))

    def test_future_events_when_today_is_given(self):
        future = ev(K.REPLIED, date(2025, 10, 10))
        with pytest.raises(DomainError, match="今天以后"):
            validate_event(RECEIVED, [], future, today=date(2025, 10, 9))
        validate_event(RECEIVED, [], future, today=date(2025, 10, 10))

    def test_events_on_the_day_of_receipt_are_fine(self):
        validate_event(RECEIVED, [], ev(K.SUPPLEMENT_REQUESTED, RECEIVED))

    def test_datetimes_are_refused(self):
        from datetime import datetime

        with pytest.raises(TypeError):
            compute(RECEIVED, [], today=datetime(2025, 10, 9, 12))


def test_explanation_mentions_each_step():
    # Restart after 10/10, 4 used by 10/15 (10/11, 10/13–15); consultation until 10/24;
    # 6 more by the fee notice on 11/3 (10/27–31, 11/3): 10 used, 10 left. Paid 11/5:
    # 11/6, 11/7, 11/10–14, 11/17–19 → 11/19.
    events = [
        ev(K.SUPPLEMENT_REQUESTED, date(2025, 9, 29), until=date(2025, 10, 15)),
        ev(K.SUPPLEMENT_RECEIVED, date(2025, 10, 10)),
        ev(K.CONSULTATION_STARTED, date(2025, 10, 15), party=Party.THIRD_PARTY),
        ev(K.CONSULTATION_ENDED, date(2025, 10, 24), party=Party.THIRD_PARTY),
        ev(K.FEE_NOTICE_SENT, date(2025, 11, 3)),
        ev(K.FEE_PAID, date(2025, 11, 5)),
        ev(K.REPLIED, date(2025, 11, 19)),
    ]
    for index, event in enumerate(events):
        validate_event(RECEIVED, events[:index], event, today=date(2025, 11, 19))
    state = compute(RECEIVED, events, today=date(2025, 11, 20))
    assert state.due_on == date(2025, 11, 19)
    assert state.closed and not state.overdue
    lines = state.explanation
    assert lines[0].startswith("2025年9月26日收到申请")
    for needle in (
        "2025年9月29日发出补正告知",
        "2025年10月10日收到补正材料，答复期限自次日起重新计算",
        "2025年10月15日向第三方征求意见",
        "2025年10月24日收到第三方意见",
        "2025年11月3日发出收费通知",
        "2025年11月5日申请人缴费",
        "2025年11月19日答复申请人，在答复期限",
    ):
        assert sum(needle in line for line in lines) == 1, needle
    assert sum("恢复计算" in line for line in lines) == 3  # after 补正, consultation, fee
    assert state.problems == ()
