"""The mailbox's workflow through its services."""

from datetime import date

from django.core import mail

import pytest

from gongkai.core.errors import DomainError, InvalidTransition, NotAllowed
from gongkai.core.models import AuditEntry
from gongkai.core.testing import OrganizationFactory, aware, staff
from gongkai.orgs.models import Role
from gongkai.participation.mailbox import services
from gongkai.participation.mailbox.choices import Rating, Status
from gongkai.participation.mailbox.models import FaqEntry, Message, MessageTransfer
from gongkai.participation.mailbox.testing import NOW, WRITER, received, submit

pytestmark = pytest.mark.django_db

LATER = aware(2025, 10, 9, 15, 0)


# --- submission -------------------------------------------------------------------------------


def test_submit_gives_a_code_a_number_and_a_deadline(education, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = submit(education)
    assert message.status == Status.PENDING
    assert message.number == "2025000001"
    assert len(message.tracking_code) == 14 and message.tracking_code.count("-") == 2
    assert message.received_on == date(2025, 9, 26) and message.reply_days == 10
    assert submit(education).number == "2025000002"
    assert mail.outbox and message.tracking_code in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="mailbox.submit").count() == 2


def test_contact_details_are_encrypted_at_rest(education):
    from django.db import connection

    message = submit(education)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT phone, email, address FROM mailbox_message WHERE id = %s", [message.pk]
        )
        raw = cursor.fetchone()
    assert WRITER["phone"] not in raw[0] and WRITER["email"] not in raw[1]
    assert WRITER["address"] not in raw[2]
    assert Message.objects.get(pk=message.pk).phone == WRITER["phone"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("kind", "gossip", "请选择留言类别。"),
        ("subject", "   ", "请填写标题。"),
        ("body", "<script>alert(1)</script>", "请填写留言内容。"),
        ("writer_name", "", "请填写姓名。"),
        ("phone", "12345", "请填写正确的手机号码"),
        ("email", "not-an-address", "请填写正确的电子邮箱地址"),
    ],
)
def test_submit_refuses_bad_input(education, field, value, message):
    with pytest.raises(DomainError) as exc:
        submit(education, **{field: value})
    assert exc.value.field == field
    assert str(exc.value.message).startswith(message)
    assert not Message.objects.exists()


def test_markup_is_dropped_and_text_kept(education):
    message = submit(
        education,
        subject="<b>关于</b>路灯",
        body='路灯不亮<script>alert("x")</script>，<img src=x onerror=alert(1)>请修理。1 < 2',
    )
    assert message.subject == "关于路灯"
    assert message.body == "路灯不亮，请修理。1 < 2"
    assert "script" not in message.body and "onerror" not in message.body


# --- handling ---------------------------------------------------------------------------------


def test_accept_and_assign(education, edu_office):
    handler = staff(education, Role.DRAFTER)
    message = submit(education)
    services.message_accept(message=message, actor=edu_office, now=LATER, handler=handler)
    assert message.status == Status.PROCESSING and message.handler == handler
    with pytest.raises(InvalidTransition):
        services.message_accept(message=message, actor=edu_office, now=LATER)
    outsider = staff(OrganizationFactory(), Role.DRAFTER)
    with pytest.raises(DomainError) as exc:
        services.message_assign(message=message, handler=outsider, actor=edu_office, now=LATER)
    assert exc.value.field == "handler"


def test_only_the_receiving_office_handles(education, hrss_office, edu_office):
    message = submit(education)
    with pytest.raises(NotAllowed):
        services.message_accept(message=message, actor=hrss_office, now=LATER)
    drafter = staff(education, Role.DRAFTER)
    with pytest.raises(NotAllowed):
        services.message_reply(message=message, text="答复", actor=drafter, now=LATER)


def test_the_general_office_supervises_the_leader_mailbox(city, education, hrss, city_office):
    message = submit(None, kind="leader", body="孩子入学报名")
    assert message.organization == education
    services.message_transfer(
        message=message, to_organization=hrss, reason="涉及劳动保障", actor=city_office, now=LATER
    )
    consult = submit(education)
    with pytest.raises(NotAllowed):
        services.message_accept(message=consult, actor=city_office, now=LATER)


def test_transfer_is_recorded_and_restarts_acceptance(education, hrss, edu_office, hrss_office):
    message = submit(education, subject="社保卡补办")
    services.message_accept(message=message, actor=edu_office, now=LATER, handler=edu_office)
    transfer = services.message_transfer(
        message=message,
        to_organization=hrss,
        reason="社会保障卡业务由人社部门办理",
        actor=edu_office,
        now=LATER,
    )
    message.refresh_from_db()
    assert message.organization == hrss and message.status == Status.PENDING
    assert message.handler is None and message.accepted_at is None
    assert (transfer.from_organization, transfer.to_organization) == (education, hrss)
    assert transfer.by == edu_office and transfer.at == LATER
    # The clock still runs from the first receipt.
    assert message.received_on == date(2025, 9, 26)
    # The old office no longer handles it; the new one does.
    with pytest.raises(NotAllowed):
        services.message_accept(message=message, actor=edu_office, now=LATER)
    services.message_accept(message=message, actor=hrss_office, now=LATER)
    entry = AuditEntry.objects.get(action="mailbox.transfer")
    assert entry.reason == "社会保障卡业务由人社部门办理"


def test_transfer_needs_a_reason_and_another_organization(education, hrss, edu_office):
    message = submit(education)
    with pytest.raises(DomainError) as exc:
        services.message_transfer(
            message=message, to_organization=hrss, reason="  ", actor=edu_office, now=LATER
        )
    assert exc.value.field == "reason"
    with pytest.raises(DomainError) as exc:
        services.message_transfer(
            message=message, to_organization=education, reason="x", actor=edu_office, now=LATER
        )
    assert exc.value.field == "to_organization"
    assert not MessageTransfer.objects.exists()


def test_reply_on_time_and_late(education, edu_office, django_capture_on_commit_callbacks):
    on_time = submit(education)
    with django_capture_on_commit_callbacks(execute=True):
        services.message_reply(
            message=on_time, text="您好，需要准备户口簿等材料。", actor=edu_office, now=LATER
        )
    assert on_time.status == Status.REPLIED and not on_time.replied_late
    assert on_time.reply_organization == education and on_time.accepted_by == edu_office
    assert any("已答复" in m.subject for m in mail.outbox)
    late = submit(education)
    services.message_reply(
        message=late, text="答复", actor=edu_office, now=aware(2025, 10, 17, 9, 0)
    )
    assert late.replied_late
    with pytest.raises(InvalidTransition):
        services.message_reply(message=late, text="再答复", actor=edu_office, now=LATER)


def test_decline_keeps_the_message_with_its_reason(education, edu_office):
    message = submit(education, body="广告内容")
    services.message_decline(
        message=message, reason="留言内容与政务无关。", actor=edu_office, now=LATER
    )
    message.refresh_from_db()
    assert message.status == Status.DECLINED and message.declined_reason == "留言内容与政务无关。"
    assert Message.objects.filter(pk=message.pk).exists()


# --- rating -----------------------------------------------------------------------------------


def test_rating_once_only_after_the_reply(education, edu_office):
    message = submit(education)
    with pytest.raises(InvalidTransition):
        services.message_rate(message=message, rating=Rating.SATISFIED, now=LATER)
    services.message_reply(message=message, text="答复", actor=edu_office, now=LATER)
    with pytest.raises(DomainError):
        services.message_rate(message=message, rating="excellent", now=LATER)
    rated = services.message_rate(
        message=message, rating=Rating.FAIRLY, comment="<b>基本解决</b>", now=LATER
    )
    assert rated.rating == Rating.FAIRLY and rated.rating_comment == "基本解决"
    with pytest.raises(InvalidTransition) as exc:
        services.message_rate(message=message, rating=Rating.UNSATISFIED, now=LATER)
    assert "只能评价一次" in str(exc.value.message)
    message.refresh_from_db()
    assert message.rating == Rating.FAIRLY


# --- publication ------------------------------------------------------------------------------


def replied(education, edu_office, **overrides):
    message = submit(education, **overrides)
    services.message_reply(
        message=message, text="周晓燕您好：请携带户口簿到学校报名。", actor=edu_office, now=LATER
    )
    return message


def publish(message, actor, **overrides):
    proposal = services.publication_proposal(message)
    fields = {**proposal, "confirmed": True, **overrides}
    return services.message_publication_set(
        message=message, publish=True, actor=actor, now=LATER, **fields
    )


def test_publication_requires_consent(education, edu_office):
    message = replied(education, edu_office, consent_publish=False)
    with pytest.raises(DomainError) as exc:
        publish(message, edu_office)
    assert "未同意公开" in str(exc.value.message)
    message.refresh_from_db()
    assert not message.may_publish


def test_publication_requires_a_reply(education, edu_office):
    message = submit(education)
    with pytest.raises(InvalidTransition):
        publish(message, edu_office, public_reply="x")


def test_proposal_is_deidentified(education, edu_office):
    message = replied(
        education,
        edu_office,
        body="我是周晓燕，电话13912345678，身份证11010519491231002X，邮箱zhou.xy@example.com。",
    )
    proposal = services.publication_proposal(message)
    text = " ".join(proposal.values())
    for secret in ("周晓燕", "13912345678", "11010519491231002X", "zhou.xy@example.com"):
        assert secret not in text
    assert "***" in proposal["public_question"]


def test_publication_needs_confirmation_and_no_personal_data(education, edu_office):
    message = replied(education, edu_office)
    with pytest.raises(DomainError) as exc:
        publish(message, edu_office, confirmed=False)
    assert exc.value.field == "confirmed"
    with pytest.raises(DomainError) as exc:
        publish(message, edu_office, public_question="我是周晓燕，想问入学。")
    assert exc.value.field == "public_question" and "写信人姓名" in str(exc.value.message)
    with pytest.raises(DomainError) as exc:
        publish(message, edu_office, public_question="请回电 139 1234 5678")
    assert exc.value.field == "public_question"
    message.refresh_from_db()
    assert not message.may_publish
    publish(message, edu_office)
    message.refresh_from_db()
    assert message.is_published and message.published_at == LATER
    assert "周晓燕" not in message.public_reply


def test_unpublish_keeps_the_public_version(education, edu_office):
    message = replied(education, edu_office)
    publish(message, edu_office)
    services.message_publication_set(message=message, publish=False, actor=edu_office, now=LATER)
    message.refresh_from_db()
    assert not message.may_publish and message.public_question
    with pytest.raises(InvalidTransition):
        services.message_publication_set(
            message=message, publish=False, actor=edu_office, now=LATER
        )


def test_database_refuses_publication_without_consent(education):
    from django.db import IntegrityError

    message = submit(education, consent_publish=False)
    with pytest.raises(IntegrityError):
        Message.objects.filter(pk=message.pk).update(may_publish=True)


# --- FAQ --------------------------------------------------------------------------------------


def test_faq_from_a_published_message_is_published(education, edu_office):
    message = replied(education, edu_office)
    publish(message, edu_office)
    entry = services.faq_create_from_message(message=message, actor=edu_office, now=LATER)
    assert entry.is_published and entry.question == message.public_subject
    assert "周晓燕" not in entry.answer
    assert " 转学 " in entry.search_text
    with pytest.raises(InvalidTransition):
        services.faq_create_from_message(message=message, actor=edu_office, now=LATER)


def test_faq_from_an_unpublished_message_is_a_draft(education, edu_office):
    message = replied(education, edu_office, consent_publish=False)
    entry = services.faq_create_from_message(message=message, actor=edu_office, now=LATER)
    assert not entry.is_published
    assert "周晓燕" not in entry.answer


def test_faq_publish_refuses_personal_data(education, edu_office, hrss_office):
    entry = services.faq_save(
        organization=education,
        question="转学要什么材料",
        answer="请致电13912345678联系。",
        topic="教育入学",
        actor=edu_office,
        now=LATER,
    )
    with pytest.raises(NotAllowed):
        services.faq_publish(entry=entry, publish=True, actor=hrss_office, now=LATER)
    # A reply may give an office's phone number; an ID number never.
    services.faq_publish(entry=entry, publish=True, actor=edu_office, now=LATER)
    entry = services.faq_save(
        entry=entry,
        organization=education,
        question="转学要什么材料",
        answer="例如 11010519491231002X",
        actor=edu_office,
        now=LATER,
    )
    services.faq_publish(entry=entry, publish=False, actor=edu_office, now=LATER)
    with pytest.raises(DomainError) as exc:
        services.faq_publish(entry=entry, publish=True, actor=edu_office, now=LATER)
    assert "居民身份证号码" in str(exc.value.message)
    assert FaqEntry.objects.count() == 1


# --- tracking ---------------------------------------------------------------------------------


def test_track_needs_code_and_phone(education):
    message = submit(education)
    code = message.tracking_code
    assert services.track(code, "139-1234-5678") == message
    assert services.track(code.lower().replace("-", ""), "13912345678") == message
    assert services.track(code, "13900000000") is None
    assert services.track("AAAA-BBBB-CCCC", "13912345678") is None
    assert services.track(code, "") is None


def test_days_are_counted_from_the_day_received(education):
    message = received(date(2025, 9, 30), education)
    assert message.received_on == date(2025, 9, 30)
    assert message.submitted_at != NOW
