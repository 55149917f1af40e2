"""意见征集 in a real browser, as issue 5 asks: a citizen comments on article 3 of an open draft
and gets a receipt number; the comment is public only after moderation; after closing, staff
mark the opinions and publish the feedback report, which shows the concentrated opinion that
was not adopted, with its reason."""

import re
from datetime import timedelta

from django.utils import timezone

import pytest

from gongkai.core.testing import OrganizationFactory, staff
from gongkai.core.timeutil import local_date
from gongkai.orgs.models import Role
from gongkai.participation import services
from gongkai.participation.choices import CommentStatus
from gongkai.participation.models import Comment
from gongkai.participation.testing import article, make_consultation

PASSWORD = "correct-horse-9"
CITIZEN_TEXT = "第三条只写了区人民政府负责日常管理，建议写明对站点管理情况的考核办法。"
GROUP_SUMMARY = "建议在第三条中写明对区人民政府站点管理的考核责任"
NOT_ADOPTED_REASON = "站点管理考核已由市政府绩效考核办法统一规定，本办法不再重复规定。"


@pytest.fixture
def office(db):
    org = OrganizationFactory(name="临江市交通运输局", short_name="市交通运输局")
    return staff(org, Role.OPENNESS_OFFICE, username="jtj_office", first_name="王")


@pytest.fixture
def consultation(office):
    """An open draft (today's date: the live server runs on the real clock) with two published
    opinions on article 3 already, and one general opinion."""
    org = office.memberships.get().organization
    now = timezone.now()
    today = local_date(now)
    decision = services.decision_create(
        organization=org,
        year=today.year,
        title="制定临江市公共自行车管理办法",
        planned_time=f"{today.year}年第四季度",
        actor=office,
        now=now,
    )
    consultation = make_consultation(
        org,
        office,
        opens_on=today - timedelta(days=2),
        closes_on=today + timedelta(days=28),
        decision=decision,
        now=now,
    )
    third = article(consultation, 3)
    for body in ("第三条应当明确区政府的考核要求。", "建议对区里的站点管理进行年度考核。"):
        earlier = services.comment_submit(
            consultation=consultation, article=third, body=body, now=now
        )
        services.comment_approve(comment=earlier, actor=office, now=now)
    general = services.comment_submit(
        consultation=consultation, body="总体赞同，尽快出台。", now=now
    )
    services.comment_approve(comment=general, actor=office, now=now)
    return consultation


@pytest.fixture
def staff_page(browser, live_server, login, office):
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
    context.set_default_timeout(10_000)
    yield login(context.new_page(), live_server, office.username, PASSWORD)
    context.close()


def test_comment_moderation_and_feedback_report(
    live_server, page, staff_page, consultation, axe_check
):
    base = live_server.url
    public_url = f"{base}/hdjl/yjzj/{consultation.pk}/"

    # 1. A citizen reads the draft and comments on article 3.
    page.goto(public_url)
    assert page.get_by_role("heading", level=1).inner_text() == consultation.title
    axe_check(page)
    page.get_by_role("link", name="对第三条提出意见").click()
    third = article(consultation, 3)
    assert page.get_by_label("意见针对").input_value() == str(third.pk)
    page.get_by_label("意见内容").fill(CITIZEN_TEXT)
    page.get_by_label("联系电话").fill("13900004321")
    page.get_by_label("验证码").fill("PASSED")
    page.get_by_role("button", name="提交意见").click()

    # 2. … and gets a receipt number.
    page.get_by_role("heading", name="意见已提交").wait_for()
    receipt = page.locator("#receipt-number").inner_text()
    assert re.fullmatch(r"YJ\d{8}-[A-Z0-9]{6}", receipt)
    stored = Comment.objects.get(receipt_number=receipt)
    assert stored.article.heading == "第三条" and stored.status == CommentStatus.PENDING

    # 3. Not public before moderation.
    page.goto(public_url)
    assert CITIZEN_TEXT not in page.locator("main").inner_text()

    # 4. Staff approve it in the moderation queue; now it is public, without personal data.
    staff_page.goto(f"{base}/workbench/participation/moderation/")
    staff_page.get_by_role("button", name=f"审核通过并公开 {receipt}").click()
    staff_page.get_by_text(f"意见 {receipt} 已公开。").wait_for()
    page.goto(public_url)
    comments = page.locator("section", has=page.get_by_role("heading", name="公开的意见"))
    text = comments.inner_text()
    assert CITIZEN_TEXT in text and "匿名网友" in text and "13900004321" not in text

    # 5. Staff close the consultation early, with a reason.
    staff_page.goto(f"{base}/workbench/participation/{consultation.pk}/")
    staff_page.get_by_label("提前结束的理由").fill("上位法已修改，草案需据此调整后再行征求意见")
    staff_page.get_by_role("button", name="结束征集").click()
    staff_page.get_by_text("意见征集已结束").wait_for()

    # 6. They group the three opinions on article 3 (concentrated: 3 or more) as not adopted,
    #    mark the general one as adopted, and publish the report.
    staff_page.get_by_role("link", name="标注采纳情况并发布反馈").click()
    create = staff_page.locator("form", has=staff_page.get_by_text("新建同类意见"))
    create.get_by_label("意见概述").fill(GROUP_SUMMARY)
    for comment in consultation.comments.filter(article=third):
        create.get_by_label(re.compile(comment.receipt_number)).check()
    create.get_by_label("采纳情况").select_option(label="未采纳")
    create.get_by_label("理由").fill(NOT_ADOPTED_REASON)
    staff_page.get_by_role("button", name="归并为同类意见").click()
    staff_page.get_by_text("已归并同类意见。").wait_for()

    general = consultation.comments.get(article=None)
    mark = staff_page.locator(f"#mark-{general.pk}")
    mark.get_by_label("采纳情况").select_option(label="采纳")
    mark.get_by_role("button", name="保存标注").click()
    staff_page.get_by_text(f"已标注意见 {general.receipt_number}。").wait_for()

    staff_page.get_by_label("总体说明").fill("本次征求意见共收到网上意见4条，经研究采纳1条。")
    staff_page.get_by_role("button", name="发布反馈").click()
    staff_page.get_by_text("意见采纳情况反馈已发布。").wait_for()

    # 7. The public report shows the concentrated opinion not adopted, with its reason.
    page.goto(public_url)
    page.get_by_role("link", name="查看意见采纳情况反馈全文").click()
    concentrated = page.locator(
        "section", has=page.get_by_role("heading", name="未予采纳的集中意见及理由")
    )
    text = concentrated.inner_text()
    assert GROUP_SUMMARY in text and NOT_ADOPTED_REASON in text and "同类意见 3 条" in text
    assert "第三条" in text
    totals = page.locator(
        "section", has=page.get_by_role("heading", name="意见采纳情况")
    ).inner_text()
    assert "采纳\n1" in totals and "未采纳\n3" in totals
    assert "13900004321" not in page.content()
    axe_check(page)
