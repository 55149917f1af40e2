from datetime import date
from decimal import Decimal

from django.core import mail

import pytest

from gongkai.core.errors import DomainError, InvalidTransition, NotAllowed
from gongkai.core.testing import OrganizationFactory, aware, staff
from gongkai.foi import services
from gongkai.foi.choices import ApplicantKind, Channel, LetterKind, Outcome, RemedyKind, Status
from gongkai.foi.clock import EventKind
from gongkai.foi.fees import FeeMethod
from gongkai.foi.ledger import ledger_row
from gongkai.foi.models import Application
from gongkai.foi.testing import PHONE, company_data, person_data, received_application
from gongkai.orgs.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganizationFactory(name="测试市财政局", short_name="市财政局")


@pytest.fixture
def office(org):
    return staff(org, Role.OPENNESS_OFFICE)


@pytest.fixture
def approver(org):
    return staff(org, Role.OPENNESS_OFFICE)


class TestReceiptDate:
    """Art. 31: the day the application counts as received depends on how it came."""

    def test_in_person_and_unsigned_post_count_the_day_handed_in(self):
        day = date(2025, 9, 26)
        assert services.receipt_date(Channel.IN_PERSON, submitted_on=day) == day
        assert services.receipt_date(Channel.POST_UNSIGNED, submitted_on=day) == day

    def test_post_counts_the_day_signed_for(self):
        got = services.receipt_date(
            Channel.POST, submitted_on=date(2025, 9, 26), signed_on=date(2025, 9, 29)
        )
        assert got == date(2025, 9, 29)

    @pytest.mark.parametrize("channel", [Channel.ONLINE, Channel.FAX, Channel.EMAIL])
    def test_electronic_channels_count_the_day_both_sides_confirm(self, channel):
        got = services.receipt_date(
            channel, submitted_on=date(2025, 9, 30), confirmed_on=date(2025, 10, 9)
        )
        assert got == date(2025, 10, 9)

    def test_a_letter_cannot_be_signed_for_before_it_was_sent(self):
        with pytest.raises(DomainError, match="签收日期不能早于"):
            services.receipt_date(
                Channel.POST, submitted_on=date(2025, 9, 26), signed_on=date(2025, 9, 25)
            )

    def test_missing_dates_are_reported_in_chinese(self):
        with pytest.raises(DomainError, match="签收日期"):
            services.receipt_date(Channel.POST, submitted_on=date(2025, 9, 26))
        with pytest.raises(DomainError, match="双方确认"):
            services.receipt_date(Channel.FAX, submitted_on=date(2025, 9, 26))


class TestIntake:
    def test_online_application_waits_for_confirmation_and_mails_its_code(
        self, org, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            app = services.application_submit(
                organization=org, data=person_data(), now=aware(2025, 9, 26, 20, 0)
            )
        assert app.status == Status.SUBMITTED
        assert app.received_on is None
        assert app.number == "2025-0001"
        assert len(app.tracking_code) == 14
        assert len(mail.outbox) == 1
        assert app.tracking_code in mail.outbox[0].body

    def test_id_number_is_encrypted_at_rest(self, org):
        from django.db import connection

        app = services.application_submit(
            organization=org, data=person_data(), now=aware(2025, 9, 26, 20, 0)
        )
        with connection.cursor() as cursor:
            cursor.execute("SELECT id_number FROM foi_application WHERE id = %s", [app.pk])
            stored = cursor.fetchone()[0]
        assert "11010519491231002X" not in stored
        assert Application.objects.get(pk=app.pk).id_number == "11010519491231002X"

    @pytest.mark.parametrize(
        ("changes", "field", "message"),
        [
            ({"id_number": "110105194912310021"}, "id_number", "校验位"),
            ({"description": "  "}, "description", "描述"),
            ({"phone": "12345"}, "phone", "电话"),
            ({"applicant_kind": "robot"}, "applicant_kind", "申请人类型"),
            ({"delivery": "post", "address": ""}, "address", "通信地址"),
        ],
    )
    def test_bad_input_is_refused_with_the_field_and_nothing_is_saved(
        self, org, changes, field, message
    ):
        with pytest.raises(DomainError, match=message) as caught:
            services.application_submit(
                organization=org, data=person_data(**changes), now=aware(2025, 9, 26, 20, 0)
            )
        assert caught.value.field == field
        assert not Application.objects.exists()

    def test_organizations_give_a_valid_credit_code(self, org):
        with pytest.raises(DomainError) as caught:
            services.application_submit(
                organization=org,
                data=company_data(credit_code="91350100M000100Y44"),
                now=aware(2025, 9, 26, 20, 0),
            )
        assert caught.value.field == "credit_code"
        app = services.application_submit(
            organization=org, data=company_data(), now=aware(2025, 9, 26, 20, 0)
        )
        assert app.applicant_kind == ApplicantKind.COMMERCIAL
        assert app.id_number == ""

    def test_staff_register_a_posted_application_on_the_day_signed_for(self, org, office):
        app = services.application_register(
            organization=org,
            data=person_data(),
            channel=Channel.POST,
            submitted_on=date(2025, 9, 25),
            signed_on=date(2025, 9, 26),
            actor=office,
            now=aware(2025, 9, 26, 15, 0),
        )
        assert app.status == Status.PROCESSING
        assert app.received_on == date(2025, 9, 26)
        clock = services.clock_for(app, today=date(2025, 9, 26))
        assert clock.due_on == date(2025, 10, 30)

    def test_only_the_office_registers(self, org):
        drafter = staff(org, Role.DRAFTER)
        with pytest.raises(NotAllowed):
            received_application(org, drafter, received_on=date(2025, 9, 26))

    def test_confirming_an_online_application_starts_the_clock(self, org, office):
        app = services.application_submit(
            organization=org, data=person_data(), now=aware(2025, 9, 30, 22, 0)
        )
        services.application_confirm(application=app, actor=office, now=aware(2025, 10, 9, 9))
        assert app.received_on == date(2025, 10, 9)
        with pytest.raises(InvalidTransition):
            services.application_confirm(application=app, actor=office, now=aware(2025, 10, 9, 9))


def _decided(app, office, outcome=Outcome.PARTIAL, day=(2025, 10, 9)):
    return services.application_decide(
        application=app,
        outcome=outcome,
        reasons="其中涉及第三方商业秘密的部分不予公开。",
        processing_summary="提供预算公开表。",
        actor=office,
        now=aware(*day, 10),
    )


class TestWorkflow:
    def test_decide_approve_reply_deliver_archive(self, org, office, approver):
        app = received_application(org, office, received_on=date(2025, 9, 26))
        _decided(app, office)
        with pytest.raises(NotAllowed, match="其他人员"):
            services.application_approve(application=app, actor=office, now=aware(2025, 10, 9))
        services.application_approve(application=app, actor=approver, now=aware(2025, 10, 9, 11))
        letter = services.application_reply(
            application=app, actor=office, now=aware(2025, 10, 10, 9)
        )
        assert letter.kind == LetterKind.REPLY
        assert app.status == Status.REPLIED
        assert app.concluded_on == date(2025, 10, 10)
        assert not app.replied_late
        services.application_deliver(
            application=app, note="电子邮件送达", actor=office, now=aware(2025, 10, 10, 10)
        )
        services.application_archive(application=app, actor=office, now=aware(2025, 10, 11, 9))
        assert app.status == Status.ARCHIVED
        with pytest.raises(InvalidTransition):
            services.application_archive(application=app, actor=office, now=aware(2025, 10, 12))

    def test_a_reply_after_the_due_date_is_allowed_and_marked_late(self, org, office, approver):
        app = received_application(org, office, received_on=date(2025, 9, 26))
        _decided(app, office, day=(2025, 11, 3))
        services.application_approve(application=app, actor=approver, now=aware(2025, 11, 3, 11))
        services.application_reply(application=app, actor=office, now=aware(2025, 11, 3, 15))
        assert app.replied_late  # due 2025-10-30
        assert services.clock_for(app, today=date(2025, 11, 3)).overdue

    def test_reasons_are_required_unless_disclosed(self, org, office):
        app = received_application(org, office, received_on=date(2025, 9, 26))
        with pytest.raises(DomainError, match="理由"):
            services.application_decide(
                application=app,
                outcome=Outcome.WITHHOLD_PROCESS,
                actor=office,
                now=aware(2025, 10, 9, 10),
            )

    def test_lapse_outcomes_come_from_the_clock_only(self, org, office):
        app = received_application(org, office, received_on=date(2025, 9, 26))
        with pytest.raises(DomainError, match="自动办结"):
            _decided(app, office, outcome=Outcome.OTHER_NO_SUPPLEMENT)

    def test_supplement_notice_sends_a_letter_and_a_lapse_closes(self, org, office):
        app = received_application(org, office, received_on=date(2025, 9, 26))
        services.clock_entry_add(
            application=app,
            kind=EventKind.SUPPLEMENT_REQUESTED,
            on=date(2025, 9, 29),
            until=date(2025, 10, 20),
            actor=office,
            now=aware(2025, 9, 29, 10),
        )
        assert app.letters.get().kind == LetterKind.SUPPLEMENT
        assert services.clock_for(app, today=date(2025, 10, 9)).paused
        with pytest.raises(DomainError, match="暂停"):
            _decided(app, office)
        services.clock_entry_add(
            application=app,
            kind=EventKind.SUPPLEMENT_LAPSED,
            on=date(2025, 10, 21),
            actor=office,
            now=aware(2025, 10, 21, 10),
        )
        assert app.status == Status.CLOSED
        assert app.outcome == Outcome.OTHER_NO_SUPPLEMENT
        assert app.concluded_on == date(2025, 10, 21)
        assert [letter.kind for letter in app.letters.all()] == [
            LetterKind.SUPPLEMENT,
            LetterKind.REPLY,
        ]

    def test_clock_entries_are_checked_against_the_clock(self, org, office):
        app = received_application(org, office, received_on=date(2025, 9, 26))
        with pytest.raises(DomainError):
            services.clock_entry_add(
                application=app,
                kind=EventKind.EXTENSION_APPROVED,
                on=date(2025, 10, 9),
                days=21,
                actor=office,
                now=aware(2025, 10, 9, 10),
            )
        assert not app.clock_entries.exists()

    def test_another_organizations_office_cannot_act(self, org, office):
        app = received_application(org, office, received_on=date(2025, 9, 26))
        outsider = staff(OrganizationFactory(), Role.OPENNESS_OFFICE)
        with pytest.raises(NotAllowed):
            _decided(app, outsider)


class TestUnreasonableVolume:
    """Art. 35, received on Monday 2025-09-01: due 2025-09-28 (a make-up Sunday)."""

    def _add(self, app, office, kind, on, **kwargs):
        return services.clock_entry_add(
            application=app,
            kind=kind,
            on=on,
            actor=office,
            now=aware(on.year, on.month, on.day, 10),
            **kwargs,
        )

    def test_reasons_then_a_later_deadline_each_with_its_letter(self, org, office, approver):
        app = received_application(org, office, received_on=date(2025, 9, 1))
        self._add(app, office, EventKind.REASONS_REQUESTED, date(2025, 9, 10), note="请说明用途。")
        state = services.clock_for(app, today=date(2025, 9, 10))
        assert not state.paused and state.due_on == date(2025, 9, 28)
        entry = self._add(
            app,
            office,
            EventKind.DEFERRAL_SET,
            date(2025, 9, 25),
            until=date(2025, 10, 17),
            note="所申请信息涉及四十余个项目的档案，需要逐件调取、审查。",
        )
        assert entry.until == date(2025, 10, 17)
        state = services.clock_for(app, today=date(2025, 9, 25))
        assert state.due_on == date(2025, 10, 17) == state.deferred_until
        assert [letter.kind for letter in app.letters.all()] == [
            LetterKind.REASONS,
            LetterKind.DEFERRAL,
        ]
        assert app.status == Status.PROCESSING
        with pytest.raises(DomainError, match="只能确定一次"):
            self._add(
                app, office, EventKind.DEFERRAL_SET, date(2025, 9, 26), until=date(2025, 10, 24)
            )
        assert app.clock_entries.count() == 2 and app.letters.count() == 2
        # The reply is measured against the later deadline: on 10/17 it is in time.
        _decided(app, office, outcome=Outcome.DISCLOSE, day=(2025, 10, 17))
        services.application_approve(application=app, actor=approver, now=aware(2025, 10, 17, 11))
        services.application_reply(application=app, actor=office, now=aware(2025, 10, 17, 15))
        assert not app.replied_late
        assert (
            "确定延迟答复期限（延迟答复至 2025-10-17）"
            in ledger_row(app, today=date(2025, 10, 17)).processing
        )

    def test_not_processed_only_after_asking_for_reasons(self, org, office):
        app = received_application(org, office, received_on=date(2025, 9, 1))
        with pytest.raises(DomainError, match="应先要求申请人说明理由") as error:
            _decided(app, office, outcome=Outcome.REJECT_EXCESSIVE, day=(2025, 9, 10))
        assert error.value.field == "outcome"
        assert app.status == Status.PROCESSING
        self._add(app, office, EventKind.REASONS_REQUESTED, date(2025, 9, 10))
        _decided(app, office, outcome=Outcome.REJECT_EXCESSIVE, day=(2025, 9, 17))
        assert app.status == Status.PENDING_APPROVAL


class TestFees:
    def test_per_application_fee_counts_the_applicants_month(self, org, office):
        apps = [
            received_application(org, office, received_on=date(2025, 9, day))
            for day in (1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 15)
        ]
        assert services.fee_quote(apps[9], method=FeeMethod.BY_APPLICATION).amount == 0
        assert services.fee_quote(apps[10], method=FeeMethod.BY_APPLICATION).amount == Decimal(
            "100.00"
        )

    def test_fee_notice_pauses_the_clock_and_an_unpaid_fee_closes(self, org, office):
        app = received_application(org, office, received_on=date(2025, 9, 26))
        services.fee_notice_send(
            application=app,
            method=FeeMethod.BY_PAGE,
            pages=150,
            actor=office,
            now=aware(2025, 10, 9, 10),
        )
        assert app.fee_amount == Decimal("1700.00")
        assert app.letters.get().kind == LetterKind.FEE
        assert services.clock_for(app, today=date(2025, 10, 20)).paused
        services.clock_entry_add(
            application=app,
            kind=EventKind.FEE_LAPSED,
            on=date(2025, 11, 7),
            actor=office,
            now=aware(2025, 11, 7, 10),
        )
        assert app.outcome == Outcome.OTHER_FEE_UNPAID

    def test_no_fee_before_the_receipt_is_confirmed(self, org, office):
        app = services.application_submit(
            organization=org, data=person_data(), now=aware(2025, 9, 26, 20, 0)
        )
        with pytest.raises(InvalidTransition):
            services.fee_notice_send(
                application=app,
                method=FeeMethod.BY_APPLICATION,
                actor=office,
                now=aware(2025, 10, 9, 10),
            )

    def test_applications_to_other_organizations_do_not_count(self, org, office):
        other = OrganizationFactory()
        other_office = staff(other, Role.OPENNESS_OFFICE)
        for day in (1, 2, 3, 4, 5, 8, 9, 10, 11, 12):
            received_application(other, other_office, received_on=date(2025, 9, day))
        app = received_application(org, office, received_on=date(2025, 9, 15))
        assert services.fee_quote(app, method=FeeMethod.BY_APPLICATION).amount == 0

    def test_no_notice_when_nothing_is_due(self, org, office):
        app = received_application(org, office, received_on=date(2025, 9, 26))
        with pytest.raises(DomainError, match="不收取"):
            services.fee_notice_send(
                application=app,
                method=FeeMethod.BY_PAGE,
                pages=20,
                actor=office,
                now=aware(2025, 10, 9, 10),
            )


class TestRemediesAndTracking:
    def test_remedy_is_recorded_and_concluded(self, org, office):
        app = received_application(org, office, received_on=date(2025, 9, 26))
        remedy = services.remedy_add(
            application=app,
            kind=RemedyKind.REVIEW,
            filed_on=date(2025, 12, 1),
            actor=office,
            now=aware(2025, 12, 1, 9),
        )
        with pytest.raises(DomainError, match="早于"):
            services.remedy_conclude(
                remedy=remedy,
                result="upheld",
                concluded_on=date(2025, 11, 1),
                actor=office,
                now=aware(2025, 12, 2),
            )
        with pytest.raises(DomainError, match="晚于今天"):
            services.remedy_conclude(
                remedy=remedy,
                result="upheld",
                concluded_on=date(2026, 1, 16),
                actor=office,
                now=aware(2026, 1, 15),
            )
        services.remedy_conclude(
            remedy=remedy,
            result="upheld",
            concluded_on=date(2026, 1, 15),
            actor=office,
            now=aware(2026, 1, 15),
        )
        assert remedy.get_result_display() == "结果维持"

    def test_track_needs_both_code_and_phone(self, org):
        app = services.application_submit(
            organization=org, data=person_data(), now=aware(2025, 9, 26, 20, 0)
        )
        assert services.track(app.tracking_code.lower().replace("-", ""), PHONE) == app
        assert services.track(app.tracking_code, "13900000000") is None
        assert services.track("AAAA-BBBB-CCCC", PHONE) is None
        assert services.track(app.tracking_code, "") is None


class TestOnlineSupplement:
    def test_the_applicant_supplements_and_the_clock_restarts(self, org, office):
        app = received_application(org, office, received_on=date(2025, 9, 26))
        with pytest.raises(InvalidTransition, match="不需要补正"):
            services.application_supplement(
                application=app, text="补充说明", now=aware(2025, 9, 30, 9)
            )
        services.clock_entry_add(
            application=app,
            kind=EventKind.SUPPLEMENT_REQUESTED,
            on=date(2025, 9, 29),
            until=date(2025, 10, 20),
            actor=office,
            now=aware(2025, 9, 29, 10),
        )
        assert services.supplement_pending(app)
        with pytest.raises(DomainError, match="补正内容"):
            services.application_supplement(
                application=app, text="<p> </p>", now=aware(2025, 10, 9, 9)
            )
        entry = services.application_supplement(
            application=app, text="<b>2025年度</b>部门预算", now=aware(2025, 10, 9, 9)
        )
        assert entry.note == "2025年度部门预算" and entry.created_by is None
        assert not services.supplement_pending(app)
        # 20 working days from Thursday 2025-10-09: the make-up Saturday 10-11 counts.
        assert services.clock_for(app, today=date(2025, 10, 9)).due_on == date(2025, 11, 5)
