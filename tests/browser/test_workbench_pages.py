"""Main paths of the other workbench pages: to-do, list, edit after return, correct, withdraw,
link to an older policy."""

import pytest

from gongkai.core.testing import Team, aware, item_fields, published_item
from gongkai.publishing import services
from gongkai.publishing.choices import InfoType, Status, Validity

PASSWORD = "correct-horse-9"
NOW = aware(2026, 11, 2, 9, 0)


@pytest.fixture
def team(db):
    return Team()


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
    item = published_item(team, now=NOW, title="2026年春季招生工作安排")
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


def test_office_links_a_new_policy_to_the_one_it_abolishes(
    live_server, page, login, team, axe_check
):
    old = published_item(
        team,
        now=NOW,
        title="临江市停车管理办法",
        info_type=InfoType.NORMATIVE,
        document_number="临政发〔2020〕3号",
    )
    new = published_item(
        team, now=NOW, title="临江市机动车停放服务管理办法", info_type=InfoType.NORMATIVE
    )
    login(page, live_server, team.office.username, PASSWORD)
    page.goto(f"{live_server.url}/workbench/items/{new.pk}/")

    page.get_by_label("关系").select_option(label="废止")
    page.get_by_label("被关联信息的索引号或文号").fill("临政发〔2020〕9号")
    page.get_by_role("button", name="添加关联").click()
    page.get_by_role("alert").get_by_text("只能关联已发布的信息").wait_for()

    page.get_by_label("关系").select_option(label="废止")
    page.get_by_label("被关联信息的索引号或文号").fill("临政发［2020］3号")
    page.get_by_role("button", name="添加关联").click()
    page.get_by_text("已添加关联信息。").wait_for()
    assert page.get_by_role("link", name="临江市停车管理办法").count() == 1
    axe_check(page)
    old.refresh_from_db()
    assert old.validity == Validity.ABOLISHED

    page.get_by_role("button", name="取消与《临江市停车管理办法》的关联").click()
    page.get_by_text("已取消关联。").wait_for()
    assert page.get_by_text("尚无关联信息。").count() == 1
