"""The writer's pages, the public Q&A and the FAQ, through the test client."""

import re

from django.urls import reverse

import pytest

from gongkai.participation.mailbox import services
from gongkai.participation.mailbox.choices import Rating, Status
from gongkai.participation.mailbox.models import Message
from gongkai.participation.mailbox.testing import NOW, WRITER, submit

pytestmark = pytest.mark.django_db

FORM = {
    "kind": "consult",
    "organization": "jyj",
    "subject": "幼儿园报名时间",
    "body": "请问今年公办幼儿园什么时候开始报名？",
    "writer_name": "陈立新",
    "phone": "13700001234",
    "email": "chen@example.com",
    "address": "",
    "consent_publish": "on",
    "captcha_0": "test",
    "captcha_1": "PASSED",
    "website": "",
}


def post_write(client, **overrides):
    return client.post(reverse("mailbox:write"), {**FORM, **overrides})


def text(response) -> str:
    return response.content.decode()


def test_write_page(client, education):
    page = text(client.get(reverse("mailbox:write")))
    assert "政民互动信箱" in page and "同意在去除个人信息后公开" in page
    assert "不清楚由哪个部门办理" in page and "临江市教育局" in page
    assert 'name="captcha_1"' in page and "验证码图片" in page


def test_submit_shows_the_code_after_redirect(client, education):
    response = post_write(client)
    assert response.status_code == 302 and response["Location"] == reverse("mailbox:done")
    message = Message.objects.get()
    assert message.tracking_code not in response["Location"]
    assert message.organization == education and message.consent_publish
    done = client.get(reverse("mailbox:done"))
    assert done.status_code == 200 and message.tracking_code in text(done)
    assert "no-store" in done["Cache-Control"]
    assert "临江市教育局" in text(done)


def test_bad_input_is_400_with_chinese_messages_and_kept(client, education):
    response = post_write(client, subject="", phone="12345", email="bad")
    page = text(response)
    assert response.status_code == 400
    assert "提交未成功，请修改以下内容" in page
    assert "请填写标题。" in page
    assert "请填写正确的手机号码" in page
    assert "请填写正确的电子邮箱地址" in page
    assert "请问今年公办幼儿园什么时候开始报名？" in page  # what was typed stays
    assert 'value="陈立新"' in page
    assert not Message.objects.exists()


def test_wrong_captcha(client, education):
    response = post_write(client, captcha_1="WRONG")
    assert response.status_code == 400 and "验证码不正确" in text(response)
    assert not Message.objects.exists()


def test_honeypot(client, education):
    response = post_write(client, website="http://spam.example")
    assert response.status_code == 400 and "提交未成功" in text(response)
    assert not Message.objects.exists()


def test_unknown_organization_is_refused(client, education):
    response = post_write(client, organization="nope")
    assert response.status_code == 400 and "请从列表中选择办理单位" in text(response)


def test_unsure_and_leader_are_routed(client, city, education):
    assert post_write(client, organization="", body="幼儿园入学").status_code == 302
    assert (
        post_write(
            client, kind="leader", organization="jyj", subject="建议", body="提个建议"
        ).status_code
        == 302
    )
    unsure, leader = Message.objects.order_by("id")
    assert unsure.organization == education
    assert leader.organization == city and leader.chosen_organization is None


def test_write_is_rate_limited(client, education, settings):
    settings.GONGKAI_MAILBOX_RATES = {"write_submit": "2/h"}
    for _ in range(2):
        assert post_write(client).status_code == 302
    response = post_write(client)
    assert response.status_code == 429
    assert "提交过于频繁，请一小时后再试" in text(response)
    assert "请问今年公办幼儿园什么时候开始报名？" in text(response)
    assert Message.objects.count() == 2


def test_attempts_are_rate_limited(client, education, settings):
    settings.GONGKAI_MAILBOX_RATES = {"write_attempt": "3/h"}
    for _ in range(3):
        assert post_write(client, subject="").status_code == 400
    assert post_write(client).status_code == 429


def test_script_tags_are_inert(client, education, edu_office):
    post_write(
        client,
        subject="<script>alert(1)</script>路灯",
        body='<img src=x onerror="alert(2)">路灯不亮',
    )
    message = Message.objects.get()
    assert message.subject == "路灯" and message.body == "路灯不亮"
    client.force_login(edu_office)
    page = text(client.get(reverse("mailbox_staff:detail", args=[message.pk])))
    assert "<script>alert" not in page and "onerror" not in page


# --- tracking -----------------------------------------------------------------------------------


def track(client, code, phone):
    return client.post(reverse("mailbox:track"), {"code": code, "phone": phone})


def test_tracking_failure_is_the_same_for_code_and_phone(client, education):
    message = submit(education)
    wrong_phone = track(client, message.tracking_code, "13900000000")
    wrong_code = track(client, "ABCD-EFGH-JKLM", WRITER["phone"])
    assert wrong_phone.status_code == wrong_code.status_code == 400
    notice = "查询码或联系电话不正确，请核对后重新输入。"
    assert notice in text(wrong_phone) and notice in text(wrong_code)
    # Nothing else differs: the pages are the same but for the code typed in.
    strip = lambda r: re.sub(r'value="[^"]*"', "", text(r))  # noqa: E731
    strip_csrf = lambda s: re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", s)  # noqa: E731
    assert strip_csrf(strip(wrong_phone)) == strip_csrf(strip(wrong_code))
    assert WRITER["phone"] not in text(wrong_code)


def test_tracking_is_rate_limited(client, education, settings):
    settings.GONGKAI_MAILBOX_RATES = {"track_minute": "3/m"}
    message = submit(education)
    for _ in range(3):
        assert track(client, message.tracking_code, "1").status_code == 400
    response = track(client, message.tracking_code, WRITER["phone"])
    assert response.status_code == 429 and "查询过于频繁" in text(response)


def test_track_reply_and_rate_once(client, education, edu_office):
    message = submit(education)
    response = track(client, message.tracking_code, WRITER["phone"])
    assert response.status_code == 302 and response["Location"] == reverse("mailbox:track_result")
    page = text(client.get(response["Location"]))
    assert "待受理" in page and "评价办理情况" not in page
    services.message_reply(message=message, text="请带户口簿报名。", actor=edu_office, now=NOW)
    page = text(client.get(reverse("mailbox:track_result")))
    assert "请带户口簿报名。" in page and "评价办理情况" in page
    bad = client.post(reverse("mailbox:rate"), {"rating": "great"})
    assert bad.status_code == 400 and "请选择满意程度。" in text(bad)
    done = client.post(reverse("mailbox:rate"), {"rating": Rating.SATISFIED, "comment": "很快"})
    assert done.status_code == 302
    page = text(client.get(reverse("mailbox:track_result")))
    assert "您的评价" in page and "满意" in page and "评价办理情况" not in page
    again = client.post(reverse("mailbox:rate"), {"rating": Rating.UNSATISFIED})
    assert again.status_code == 409 and "只能评价一次" in text(again)
    message.refresh_from_db()
    assert message.rating == Rating.SATISFIED


def test_result_needs_a_tracking_session(client):
    response = client.get(reverse("mailbox:track_result"))
    assert response.status_code == 302 and "expired=1" in response["Location"]
    assert client.post(reverse("mailbox:rate"), {"rating": "satisfied"}).status_code == 302


# --- public Q&A and FAQ ------------------------------------------------------------------------


def published(education, edu_office, **overrides):
    message = submit(education, **overrides)
    services.message_reply(
        message=message, text="周晓燕您好：请准备户口簿和学籍证明。", actor=edu_office, now=NOW
    )
    proposal = services.publication_proposal(message)
    services.message_publication_set(
        message=message, publish=True, actor=edu_office, now=NOW, confirmed=True, **proposal
    )
    return message


PERSONAL = (WRITER["writer_name"], WRITER["phone"], WRITER["email"], WRITER["address"])


def test_public_qa_shows_no_personal_data(client, education, edu_office):
    message = published(
        education, edu_office, body="我是周晓燕，电话13912345678，孩子要转学，需要什么材料？"
    )
    hidden = submit(education, subject="不公开的留言")
    listing = text(client.get(reverse("mailbox:qa_list")))
    detail = text(client.get(reverse("mailbox:qa_detail", args=[message.pk])))
    for page in (listing, detail):
        assert message.public_subject in page
        for secret in PERSONAL:
            assert secret not in page
        assert message.tracking_code not in page
    assert "孩子要转学" in detail and "请准备户口簿和学籍证明" in detail
    assert "不公开的留言" not in listing
    assert client.get(reverse("mailbox:qa_detail", args=[hidden.pk])).status_code == 404


def test_public_qa_filters(client, education, edu_office):
    published(education, edu_office)
    assert "孩子转学" in text(client.get(reverse("mailbox:qa_list"), {"q": "转学"}))
    assert "暂无公开答复" not in text(client.get(reverse("mailbox:qa_list"), {"kind": "consult"}))
    assert "没有符合条件" in text(client.get(reverse("mailbox:qa_list"), {"kind": "complain"}))
    assert client.get(reverse("mailbox:qa_list"), {"page": "x", "org": "zz"}).status_code == 200


def test_unpublishing_updates_the_cached_page(client, education, edu_office):
    message = published(education, edu_office)
    assert message.public_subject in text(client.get(reverse("mailbox:qa_list")))
    services.message_publication_set(message=message, publish=False, actor=edu_office, now=NOW)
    assert message.public_subject not in text(client.get(reverse("mailbox:qa_list")))


def test_faq_search_highlights(client, education, edu_office):
    entry = services.faq_save(
        organization=education,
        question="小学转学需要哪些材料",
        answer="一般需要户口簿、房产证明和原学校出具的转学联系单。",
        topic="教育入学",
        actor=edu_office,
        now=NOW,
    )
    services.faq_publish(entry=entry, publish=True, actor=edu_office, now=NOW)
    draft = services.faq_save(
        organization=education, question="草稿问题转学", answer="未发布", actor=edu_office, now=NOW
    )
    page = text(client.get(reverse("faq:list"), {"q": "转学材料"}))
    assert "<mark>转学</mark>" in page and "找到 1 个相关问题" in page
    assert "草稿问题" not in page
    assert "没有找到相关问题" in text(client.get(reverse("faq:list"), {"q": "高速公路"}))
    assert "教育入学" in text(client.get(reverse("faq:list")))
    assert client.get(reverse("faq:detail", args=[entry.pk])).status_code == 200
    assert client.get(reverse("faq:detail", args=[draft.pk])).status_code == 404


def test_script_in_a_published_exchange_is_inert(client, education, edu_office):
    message = published(education, edu_office)
    Message.objects.filter(pk=message.pk).update(public_question="<script>alert(3)</script>")
    page = text(client.get(reverse("mailbox:qa_detail", args=[message.pk])))
    assert "<script>alert(3)" not in page and "&lt;script&gt;alert(3)" in page
    assert Message.objects.get(pk=message.pk).status == Status.REPLIED


def test_answers_feeds_carry_only_published_de_identified_exchanges(client, education, edu_office):
    import feedparser

    message = published(
        education, edu_office, body="我是周晓燕，电话13912345678，孩子要转学，需要什么材料？"
    )
    submit(education, subject="不公开的留言")
    for name in ("mailbox:qa_rss", "mailbox:qa_atom"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        body = response.content.decode()
        feed = feedparser.parse(body)
        assert not feed.bozo, name
        assert [entry.title for entry in feed.entries] == [message.public_subject]
        assert "不公开的留言" not in body and message.tracking_code not in body
        for secret in PERSONAL:
            assert secret not in body
