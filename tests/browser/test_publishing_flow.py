"""The proactive-disclosure loop in a real browser, as the foundation issue asks."""

import re

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

import pytest

from gongkai.core.testing import Team
from gongkai.publishing.models import Item, ReleaseRecord

PASSWORD = "correct-horse-9"
TEST_ID = "11010519491231002X"  # valid check digit, not a real person


@pytest.fixture
def team(db):
    return Team()


@pytest.fixture
def sign_in(browser, live_server, login):
    """``sign_in(user)`` gives a page logged in as ``user`` in its own browser context."""
    contexts = []

    def open_as(user):
        context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
        context.set_default_timeout(10_000)
        contexts.append(context)
        return login(context.new_page(), live_server, user.username, PASSWORD)

    yield open_as
    for context in contexts:
        context.close()


def draft_item(page, base, *, title, body, attribute, ground="", explanation=""):
    page.goto(f"{base}/workbench/items/new/")
    page.get_by_label("标题").fill(title)
    page.get_by_label("成文日期").fill("2026-11-02")
    page.get_by_label("信息类别").select_option(label="通知公告")
    page.locator("#id_attribute").select_option(label=attribute)
    if ground:
        page.locator("#id_ground").select_option(value=ground)
        page.get_by_label("属性认定说明").fill(explanation)
    page.get_by_label("正文").fill(body)
    page.get_by_role("button", name="保存").click()
    page.get_by_text("已保存草稿").wait_for()
    page.get_by_role("button", name="提交审核").click()
    page.get_by_text("已提交审核").wait_for()
    return Item.objects.get(title=title)


def test_drafting_review_and_publication(live_server, sign_in, team, axe_check):
    base = live_server.url
    drafter = sign_in(team.drafter)

    # 1. An item marked 依申请公开 with its ground goes to the openness office.
    on_request = draft_item(
        drafter,
        base,
        title="关于某企业用地审批事项的批复",
        body="<p>同意你单位的用地申请。</p>",
        attribute="依申请公开",
        ground="not_proactive_scope",
        explanation="批复仅涉及申请企业，不属于主动公开范围",
    )
    reviewer = sign_in(team.reviewer)
    reviewer.goto(f"{base}/workbench/items/{on_request.pk}/")
    reviewer.get_by_role("button", name="审核通过").click()
    reviewer.get_by_text("已审核通过").wait_for()
    office = sign_in(team.office)
    office.goto(f"{base}/workbench/")
    waiting = office.locator(
        "section", has=office.get_by_role("heading", name=re.compile("待公开属性审查"))
    )
    assert "关于某企业用地审批事项的批复" in waiting.inner_text()

    # 2. A 主动公开 item with an ID number is flagged at 保密审查.
    proactive = draft_item(
        drafter,
        base,
        title="关于公布第三批困难群众临时救助名单的通知",
        body=f"<p>经审核，救助对象王某（身份证号{TEST_ID}）符合条件。</p>",
        attribute="主动公开",
    )
    reviewer.goto(f"{base}/workbench/items/{proactive.pk}/")
    reviewer.get_by_role("button", name="审核通过").click()
    reviewer.get_by_text("已审核通过").wait_for()
    secrecy = sign_in(team.secrecy)
    secrecy.goto(f"{base}/workbench/items/{proactive.pk}/")
    findings = secrecy.locator("#findings-h + p + ol.findings")
    assert "居民身份证号码" in findings.inner_text()
    assert secrecy.locator("mark", has_text=TEST_ID).count() == 1
    axe_check(secrecy)

    # 3. The reviewer fixes it (de-identifies), the check is clean, and approves.
    secrecy.get_by_role("button", name="一键去标识化").click()
    secrecy.get_by_text("自动检查未发现").wait_for()
    secrecy.get_by_role("button", name="保密审查通过").click()
    secrecy.get_by_text("已审核通过").wait_for()

    # 4. The office publishes; the public page shows it with its 索引号.
    office.goto(f"{base}/workbench/items/{proactive.pk}/")
    office.get_by_role("button", name="发布").click()
    office.get_by_text("已发布。").wait_for()
    proactive.refresh_from_db()
    public = sign_in(team.drafter).context.new_page()
    public.goto(f"{base}/xxgk/{proactive.pk}/")
    assert public.get_by_role("heading", level=1).inner_text() == proactive.title
    meta = public.locator(".meta-table").inner_text()
    assert proactive.index_number in meta
    body = public.locator(".doc-body").inner_text()
    assert TEST_ID not in body and "110105********002X" in body
    axe_check(public)

    # 5. The release register holds it, and tampering is detected.
    record = ReleaseRecord.objects.get(subject_kind="item", subject_id=proactive.pk)
    assert record.index_number == proactive.index_number
    call_command("register_verify")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE publishing_releaserecord SET publisher = %s WHERE seq = %s",
            ["他人", record.seq],
        )
    with pytest.raises(CommandError, match=f"第 {record.seq} 条"):
        call_command("register_verify")
