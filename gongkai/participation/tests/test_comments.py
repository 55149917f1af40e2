import re
from datetime import date

from django.db import connection

import pytest

from gongkai.core.errors import DomainError, InvalidTransition, NotAllowed
from gongkai.participation import services
from gongkai.participation.choices import CommentStatus
from gongkai.participation.models import Comment, SpamWord
from gongkai.participation.spam import plain_text
from gongkai.participation.testing import article, at, comment, make_consultation

OPEN_DAY = date(2026, 3, 10)


@pytest.fixture
def consultation(org, office):
    return make_consultation(org, office, opens_on=date(2026, 3, 2), closes_on=date(2026, 3, 31))


def test_a_comment_waits_for_review_with_a_receipt_number(consultation):
    stored = comment(
        consultation,
        now=at(OPEN_DAY),
        article=article(consultation, 3),
        body="建议明确区人民政府的管理职责。",
        name="张三",
        phone="13800001234",
        email="zhang@example.com",
        ip="203.0.113.7",
    )
    assert re.fullmatch(r"YJ20260310-[2-9A-HJ-NP-Z]{6}", stored.receipt_number)
    assert stored.status == CommentStatus.PENDING and stored.spam_flags == []
    assert stored.article.heading == "第三条"
    assert stored.public_author == "匿名网友"  # a name, but not chosen to be shown
    # The address is kept only as a keyed digest; contacts are encrypted at rest.
    assert stored.ip_hash == services.ip_key("203.0.113.7") and "203.0.113.7" not in stored.ip_hash
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, phone, email FROM participation_comment WHERE id = %s", [stored.pk]
        )
        raw = " ".join(cursor.fetchone())
    assert "13800001234" not in raw and "zhang@example.com" not in raw and "张三" not in raw


def test_script_tags_are_removed_before_storing(consultation):
    stored = comment(
        consultation,
        now=at(OPEN_DAY),
        body='<script>alert("x")</script>建议<b>增加</b>站点 <img src=x onerror=alert(1)>'
        "&lt;script&gt;alert(2)&lt;/script&gt; 且 a < b",
    )
    assert "<" not in stored.body.replace("a < b", "")
    assert "script" not in stored.body and "onerror" not in stored.body
    assert stored.body == "建议增加站点  且 a < b"


def test_plain_text_keeps_line_breaks():
    assert plain_text("第一点\r\n\r\n\r\n\r\n第二点<br>") == "第一点\n\n第二点"


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"body": "<script>x</script>"}, "body", "请填写意见内容"),
        ({"body": "意" * 3001}, "body", "不能超过3000字"),
        ({"signed": True}, "name", "请填写姓名"),
        ({"phone": "12ab"}, "phone", "联系电话格式不正确"),
        ({"email": "not-an-address"}, "email", "电子邮箱"),
    ],
)
def test_bad_input_is_refused(consultation, kwargs, field, message):
    kwargs.setdefault("body", "建议。")
    with pytest.raises(DomainError) as exc:
        comment(consultation, now=at(OPEN_DAY), **kwargs)
    assert exc.value.field == field and message in str(exc.value)
    assert not Comment.objects.exists()


def test_only_open_consultations_take_comments(org, office, consultation):
    with pytest.raises(DomainError, match="尚未开始"):
        comment(consultation, now=at(date(2026, 3, 1)))
    with pytest.raises(DomainError, match="已结束"):
        comment(consultation, now=at(date(2026, 4, 1)))
    offline = make_consultation(
        org,
        office,
        opens_on=date(2026, 3, 2),
        closes_on=date(2026, 3, 31),
        channels={"post": "临江市人民路1号"},
    )
    with pytest.raises(DomainError, match="不接受网上提交"):
        comment(offline, now=at(OPEN_DAY))
    with pytest.raises(DomainError) as exc:
        comment(consultation, now=at(OPEN_DAY), article=article(offline, 3))
    assert exc.value.field == "article"


def test_spam_is_flagged_for_the_queue_never_dropped(consultation):
    assert SpamWord.objects.filter(word="代开发票").exists()  # seeded by the data migration
    SpamWord.objects.create(word="包过")
    words = comment(consultation, now=at(OPEN_DAY), body="专业代 开 发 票，考试包过")
    links = comment(
        consultation,
        now=at(OPEN_DAY),
        body="见 http://a.example https://b.example www.c.example",
    )
    bot = comment(consultation, now=at(OPEN_DAY), body="正常内容", honeypot=True)
    assert words.spam_flags == ["包含垃圾信息词语：代开发票、包过"]
    assert links.spam_flags == ["包含多个网址"]
    assert bot.spam_flags == ["隐藏字段被填写，疑似自动程序提交"]
    assert {c.status for c in (words, links, bot)} == {CommentStatus.PENDING}
    SpamWord.objects.filter(word="包过").update(is_active=False)
    assert comment(consultation, now=at(OPEN_DAY), body="包过").spam_flags == []


def test_moderation(consultation, office, outsider):
    first = comment(consultation, now=at(OPEN_DAY), body="第一条意见")
    second = comment(consultation, now=at(OPEN_DAY), body="广告内容")
    with pytest.raises(NotAllowed):
        services.comment_approve(comment=first, actor=outsider, now=at(OPEN_DAY))
    services.comment_approve(comment=first, actor=office, now=at(OPEN_DAY, 11))
    with pytest.raises(DomainError) as exc:
        services.comment_reject(comment=second, reason="", actor=office, now=at(OPEN_DAY))
    assert exc.value.field == "reason"
    services.comment_reject(
        comment=second, reason="与征求意见无关的广告", actor=office, now=at(OPEN_DAY, 11)
    )
    with pytest.raises(InvalidTransition):
        services.comment_approve(comment=second, actor=office, now=at(OPEN_DAY, 12))

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == CommentStatus.PUBLISHED and first.moderated_by == office
    assert second.status == CommentStatus.REJECTED
    assert second.reject_reason == "与征求意见无关的广告" and second.body == "广告内容"
    assert Comment.objects.count() == 2


def test_signed_comments_show_the_name(consultation):
    signed = comment(consultation, now=at(OPEN_DAY), name="李四", signed=True)
    assert signed.public_author == "李四"
