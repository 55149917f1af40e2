"""Main paths of the other workbench pages: to-do, list, edit after return, correct, withdraw."""

import pytest

from gongkai.core.testing import Team, aware, item_fields
from gongkai.publishing import services
from gongkai.publishing.choices import Status

PASSWORD = "correct-horse-9"
NOW = aware(2026, 11, 2, 9, 0)


@pytest.fixture
def team(db):
    return Team()


def published(team, **overrides):
    item = services.item_create(
        organization=team.org, actor=team.drafter, now=NOW, **item_fields(**overrides)
    )
    services.item_submit(item=item, actor=team.drafter, now=NOW)
    services.item_approve(item=item, actor=team.reviewer, now=NOW)
    services.item_approve(item=item, actor=team.secrecy, now=NOW)
    return services.item_publish(item=item, actor=team.office, now=NOW)


def test_returned_draft_is_edited_and_resubmitted(live_server, page, login, team, axe_check):
    item = services.item_create(
        organization=team.org,
        actor=team.drafter,
        now=NOW,
        **item_fields(title="关于调整公交线路的公告"),
    )
    services.item_submit(item=item, actor=team.drafter, now=NOW)
    services.item_return(item=item, actor=team.reviewer, now=NOW, reason="请补充施行日期")

    login(page, live_server, team.drafter.username, PASSWORD)
    page.goto(f"{live_server.url}/workbench/")
    axe_check(page)
    page.get_by_role("link", name="关于调整公交线路的公告").first.click()
    assert "请补充施行日期" in page.locator("table").last.inner_text()
    page.get_by_role("link", name="修改内容").click()
    axe_check(page)
    page.get_by_label("标题").fill("关于调整12路公交线路的公告")
    page.get_by_role("button", name="保存").click()
    page.get_by_text("已保存。").wait_for()
    page.get_by_role("button", name="提交审核").click()
    page.get_by_text("已提交审核").wait_for()

    page.get_by_role("navigation", name="工作台导航").get_by_role("link", name="信息管理").click()
    page.get_by_label("状态").select_option(label="待审核")
    page.get_by_role("button", name="筛选").click()
    assert page.get_by_role("link", name="关于调整12路公交线路的公告").count() == 1
    axe_check(page)
    item.refresh_from_db()
    assert item.status == Status.UNIT_REVIEW


def test_office_corrects_then_withdraws(live_server, page, login, team):
    item = published(team, title="2026年春季招生工作安排")
    login(page, live_server, team.office.username, PASSWORD)
    page.goto(f"{live_server.url}/workbench/items/{item.pk}/")
    page.get_by_role("link", name="更正").click()
    page.get_by_label("理由或意见").fill("报名日期有误")
    page.get_by_label("标题").fill("2026年春季招生工作安排（更正）")
    page.get_by_role("button", name="保存").click()
    page.get_by_text("已更正").wait_for()

    page.get_by_label("撤回原因（将公开显示）").fill("已由新通知替代")
    page.get_by_role("button", name="撤回").click()
    page.get_by_text("已撤回。").wait_for()

    page.goto(f"{live_server.url}/xxgk/{item.pk}/")
    text = page.locator("main").inner_text()
    assert "已由新通知替代" in text and "报名日期有误" in text
