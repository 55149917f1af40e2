"""The mailbox's workbench pages through the test client."""

from datetime import date
from types import SimpleNamespace

from django.urls import reverse

import pytest
import time_machine

from gongkai.core.testing import aware, staff
from gongkai.orgs.models import Role
from gongkai.participation.mailbox import services
from gongkai.participation.mailbox.choices import Status
from gongkai.participation.mailbox.models import FaqEntry, Message, MessageTransfer
from gongkai.participation.mailbox.testing import NOW, received, submit
from gongkai.workdays import calendar as calendar_module

pytestmark = pytest.mark.django_db

TODAY = aware(2025, 10, 13, 10, 0)


def text(response) -> str:
    return response.content.decode()


def action(client, message, name, **data):
    return client.post(reverse("mailbox_staff:action", args=[message.pk, name]), data)


@pytest.fixture
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def test_only_openness_offices(client, education):
    drafter = staff(education, Role.DRAFTER)
    client.force_login(drafter)
    response = client.get(reverse("mailbox_staff:list"))
    assert response.status_code == 403 and "只有政务公开工作机构的人员" in text(response)


def test_list_warns_about_three_months(client, frozen, education, edu_office, hrss):
    received(date(2025, 7, 1), education)  # 104 days: exceeded
    received(date(2025, 8, 10), education)  # 64 days: approaching
    received(date(2025, 9, 26), education)  # due 10/16: 3 working days left
    received(date(2025, 7, 1), hrss)  # another organization's: not counted
    client.force_login(edu_office)
    page = text(client.get(reverse("mailbox_staff:list")))
    assert "1 件留言已超过三个月未答复" in page
    assert "1 件留言即将满三个月未答复" in page
    assert "互动回应差" in page
    three = text(client.get(reverse("mailbox_staff:list"), {"tab": "three_month"}))
    assert "临近三个月：共 2 件" in three
    assert "已超过三个月未答复（104 天）" in three and "即将满三个月未答复（64 天）" in three
    soon = text(client.get(reverse("mailbox_staff:list"), {"tab": "due_soon"}))
    assert "即将到期：共 1 件" in soon and "剩 3 个工作日" in soon
    overdue = text(client.get(reverse("mailbox_staff:list"), {"tab": "overdue"}))
    assert "已逾期：共 2 件" in overdue
    # The navigation shows the warning on every workbench page.
    home = text(client.get(reverse("workbench:home")))
    assert "2 件临近三个月" in home


def test_list_tabs_and_search(client, frozen, education, edu_office):
    message = submit(education, subject="路灯不亮")
    services.message_reply(message=message, text="已修复", actor=edu_office, now=NOW)
    pending = submit(education, subject="公交线路")
    client.force_login(edu_office)
    assert "公交线路" in text(client.get(reverse("mailbox_staff:list"), {"tab": "pending"}))
    replied = text(client.get(reverse("mailbox_staff:list"), {"tab": "replied"}))
    assert "路灯不亮" in replied and "公交线路" not in replied
    found = text(client.get(reverse("mailbox_staff:list"), {"q": pending.tracking_code}))
    assert "公交线路" in found and "路灯不亮" not in found
    assert client.get(reverse("mailbox_staff:list"), {"tab": "x", "org": "y"}).status_code == 200


def test_list_query_count_does_not_grow(
    client, frozen, education, edu_office, monkeypatch, django_assert_max_num_queries
):
    # Requests are not atomic: the calendar stays cached between uses, as here.
    monkeypatch.setattr(calendar_module, "connection", SimpleNamespace(in_atomic_block=False))
    for n in range(3):
        received(date(2025, 9, 1 + n), education)
    client.force_login(edu_office)
    client.get(reverse("mailbox_staff:list"))  # warm session, calendar and navigation counts
    # 12 includes the workbench navigation of the other modules (one query each at most).
    with django_assert_max_num_queries(12) as few:
        assert client.get(reverse("mailbox_staff:list")).status_code == 200
    for n in range(20):
        received(date(2025, 9, 1 + n % 20), education)
    with django_assert_max_num_queries(len(few)):
        assert client.get(reverse("mailbox_staff:list")).status_code == 200


def test_detail_shows_the_writer_only_to_staff(client, education, edu_office, hrss_office):
    message = submit(education)
    client.force_login(hrss_office)
    assert client.get(reverse("mailbox_staff:detail", args=[message.pk])).status_code == 404
    client.force_login(edu_office)
    page = text(client.get(reverse("mailbox_staff:detail", args=[message.pk])))
    assert "周晓燕" in page and "13912345678" in page and "写信人（不公开）" in page


def test_accept_transfer_reply_publish_and_faq(client, education, hrss, edu_office, hrss_office):
    message = submit(education, subject="社保卡补办")
    client.force_login(edu_office)
    assert action(client, message, "accept").status_code == 302
    bad = action(client, message, "transfer", to_organization=hrss.pk, reason="")
    assert bad.status_code == 400 and "请填写转办理由。" in text(bad)
    moved = action(client, message, "transfer", to_organization=hrss.pk, reason="属人社职责")
    assert moved.status_code == 302 and moved["Location"] == reverse("mailbox_staff:list")
    assert MessageTransfer.objects.get().reason == "属人社职责"

    client.force_login(hrss_office)
    page = text(client.get(reverse("mailbox_staff:detail", args=[message.pk])))
    assert "转办记录" in page and "属人社职责" in page
    empty = action(client, message, "reply", reply="  ")
    assert empty.status_code == 400 and "请填写答复内容。" in text(empty)
    assert (
        action(client, message, "reply", reply="周晓燕您好：请到社保窗口补办。").status_code == 302
    )
    message.refresh_from_db()
    assert message.status == Status.REPLIED and message.reply_organization == hrss

    page = text(client.get(reverse("mailbox_staff:detail", args=[message.pk])))
    assert "确认公开" in page and "***您好：请到社保窗口补办。" in page
    proposal = services.publication_proposal(message)
    unconfirmed = action(client, message, "publish", **proposal)
    assert unconfirmed.status_code == 400 and "请核对公开版本已去除个人信息" in text(unconfirmed)
    leaky = action(
        client,
        message,
        "publish",
        **{**proposal, "public_question": "周晓燕问补办"},
        confirmed="on",
    )
    assert leaky.status_code == 400 and "写信人姓名" in text(leaky)
    assert action(client, message, "publish", **proposal, confirmed="on").status_code == 302
    message.refresh_from_db()
    assert message.is_published

    response = action(client, message, "faq")
    entry = FaqEntry.objects.get()
    assert response["Location"] == reverse("mailbox_staff:faq_edit", args=[entry.pk])
    assert entry.is_published and entry.source_message == message


def test_refusals_are_shown_not_500(client, education, edu_office):
    message = submit(education)
    services.message_reply(message=message, text="答复", actor=edu_office, now=NOW)
    client.force_login(edu_office)
    response = action(client, message, "accept")
    assert response.status_code == 409 and "不能进行此操作" in text(response)
    assert action(client, message, "nonsense").status_code == 404
    assert (
        client.get(reverse("mailbox_staff:action", args=[message.pk, "accept"])).status_code == 405
    )


def test_decline(client, education, edu_office):
    message = submit(education)
    client.force_login(edu_office)
    assert action(client, message, "decline", reason="与政务无关").status_code == 302
    assert Message.objects.get(pk=message.pk).status == Status.DECLINED


def test_statistics(client, education, edu_office):
    first = received(date(2025, 3, 3), education)
    services.message_reply(message=first, text="答复", actor=edu_office, now=aware(2025, 3, 5, 9))
    services.message_rate(message=first, rating="satisfied", now=aware(2025, 3, 6, 9))
    second = received(date(2025, 3, 10), education)
    services.message_reply(message=second, text="答复", actor=edu_office, now=aware(2025, 3, 14, 9))
    services.message_rate(message=second, rating="unsatisfied", now=aware(2025, 3, 15, 9))
    received(date(2025, 3, 20), education)
    client.force_login(edu_office)
    page = text(client.get(reverse("mailbox_staff:stats"), {"year": "2025"}))
    # March: 3 received, 2 answered (66.7%), (2 + 4) / 2 = 3.0 working days, 1 of 2 satisfied.
    assert '<th scope="row">3月</th><td>3</td><td>2</td><td>66.7%</td><td>3.0</td>' in page
    assert "50.0%" in page
    assert client.get(reverse("mailbox_staff:stats"), {"year": "abc"}).status_code == 200


def test_faq_curation(client, education, edu_office):
    client.force_login(edu_office)
    bad = client.post(reverse("mailbox_staff:faq_create"), {"organization": education.pk})
    assert bad.status_code == 400 and "请填写问题。" in text(bad)
    response = client.post(
        reverse("mailbox_staff:faq_create"),
        {
            "organization": education.pk,
            "question": "学区怎么划分",
            "answer": "每年春季公布。",
            "topic": "教育入学",
        },
    )
    entry = FaqEntry.objects.get()
    assert response.status_code == 302 and not entry.is_published
    client.post(reverse("mailbox_staff:faq_action", args=[entry.pk, "publish"]))
    entry.refresh_from_db()
    assert entry.is_published
    assert "学区怎么划分" in text(client.get(reverse("faq:list")))
    assert "学区怎么划分" in text(client.get(reverse("mailbox_staff:faq_list")))


def test_admin_shows_messages_without_contact_details(client, education, django_user_model):
    admin = django_user_model.objects.create_superuser("root", password="correct-horse-9")
    message = submit(education)
    client.force_login(admin)
    listing = client.get(reverse("admin:mailbox_message_changelist"))
    assert listing.status_code == 200 and "周*" in text(listing)
    page = text(client.get(reverse("admin:mailbox_message_change", args=[message.pk])))
    assert "13912345678" not in page and "周晓燕" not in page and message.tracking_code not in page
    assert client.get(reverse("admin:mailbox_routingrule_changelist")).status_code == 200
    assert client.get(reverse("admin:mailbox_mailboxsettings_changelist")).status_code == 200


def test_warnings_tag_for_any_workbench_page(frozen, education, edu_office, hrss_office):
    from django.template import Context, Template

    received(date(2025, 7, 1), education)
    template = Template("{% load mailbox_workbench %}{% mailbox_warnings %}")
    assert "1 件留言已超过三个月未答复" in template.render(Context({"user": edu_office}))
    assert "三个月" not in template.render(Context({"user": hrss_office}))
