"""The openness office's main path for an application, in a real browser: register an in-person
application, assign it, ask for 补正, record the supplement, decide 部分公开, have a colleague
approve, send the reply letter, deliver and archive."""

import re
from datetime import timedelta

from django.utils import timezone

import pytest

from gongkai.core.testing import OrganizationFactory, staff
from gongkai.core.timeutil import local_date
from gongkai.foi.choices import Outcome, Status
from gongkai.foi.clock import EventKind
from gongkai.foi.models import Application, Letter
from gongkai.foi.testing import RESIDENT_ID
from gongkai.orgs.models import Role

PASSWORD = "correct-horse-9"


@pytest.fixture
def office(db):
    org = OrganizationFactory(name="测试市住房和城乡建设局")
    first = staff(org, Role.OPENNESS_OFFICE, first_name="王承办")
    second = staff(org, Role.OPENNESS_OFFICE, first_name="李审批")
    return org, first, second


def group(page, name):
    """The form whose fieldset is called ``name``."""
    return page.locator("form", has=page.get_by_role("group", name=name, exact=True))


def test_office_handles_an_application_to_the_end(live_server, page, login, office, axe_check):
    org, first, second = office
    base = live_server.url
    today = local_date(timezone.now())

    # 1. Register an application handed in at the counter.
    login(page, live_server, first.username, PASSWORD)
    page.goto(f"{base}/workbench/")
    page.get_by_role("navigation", name="工作台导航").get_by_role("link", name="依申请公开").click()
    page.get_by_role("link", name="登记线下申请").click()
    axe_check(page)
    page.get_by_label("申请方式").select_option(label="当面提交")
    page.get_by_label("姓名", exact=True).fill("赵六")
    page.get_by_label("证件号码").fill(RESIDENT_ID)
    page.get_by_label("联系电话").fill("13900001111")
    page.get_by_label("信息名称").fill("老旧小区改造计划")
    page.get_by_label("所需信息的内容描述").fill("申请公开本市老旧小区改造年度计划及资金安排。")
    page.get_by_role("group", name="信息提供形式").get_by_label("纸质").check()
    page.get_by_role("group", name="获取方式").get_by_label("当面领取").check()
    page.get_by_role("button", name="登记", exact=True).click()
    page.get_by_text("已登记申请").wait_for()
    application = Application.objects.get()
    assert application.status == Status.PROCESSING and application.received_on == today
    text = page.locator("main").inner_text()
    assert RESIDENT_ID not in text and "1101**********002X" in text
    axe_check(page)

    # 2. Assign it to a colleague, then ask for 补正 with a deadline.
    group(page, "分配承办人").get_by_label("承办人").select_option(label="李审批")
    page.get_by_role("button", name="分配").click()
    page.get_by_text("已分配承办人").wait_for()
    clock = group(page, "时限事项")
    clock.get_by_label("事项").select_option(label="补正告知")
    clock.get_by_label(re.compile("^日期")).fill(today.isoformat())
    clock.get_by_label("补正期限").fill((today + timedelta(days=14)).isoformat())
    clock.get_by_label("说明").fill("请写明所需计划的年度")
    clock.get_by_role("button", name="登记").click()
    page.get_by_text("已登记：补正告知").wait_for()
    assert "等待申请人补正" in page.locator("main").inner_text()

    # 3. The supplement arrives: the clock restarts.
    clock = group(page, "时限事项")
    clock.get_by_label("事项").select_option(label="收到补正")
    clock.get_by_label(re.compile("^日期")).fill(today.isoformat())
    clock.get_by_role("button", name="登记").click()
    page.get_by_text("已登记：收到补正").wait_for()
    assert "重新计算" in page.locator("main").inner_text()

    # 4. Decide 部分公开 with the reasons.
    decide = group(page, "拟办结果")
    decide.get_by_label("办理结果").select_option(label="部分公开")
    decide.get_by_label("理由及依据").fill("资金明细涉及第三方商业秘密，依据条例第十五条不予公开。")
    decide.get_by_label("办理情况").fill("提供年度改造计划。")
    decide.get_by_role("button", name="提交审批").click()
    page.get_by_text("已提交拟办结果").wait_for()
    assert page.get_by_role("button", name="审批同意").count() == 0

    # 5. A colleague approves and sends the reply letter.
    login(page, live_server, second.username, PASSWORD)
    page.goto(f"{base}/workbench/")
    page.get_by_role("link", name=re.compile("待审批")).click()
    page.get_by_role("link", name=application.number).click()
    page.get_by_role("button", name="审批同意").click()
    page.get_by_text("已审批同意").wait_for()
    assert "答复书预览" in page.locator("main").inner_text()
    page.get_by_role("button", name="发出答复书").click()
    page.get_by_text("已发出答复书").wait_for()
    reply = Letter.objects.get(application=application, title__contains="答复")
    docx = page.get_by_role("link", name=re.compile(rf"DOCX\s*：{re.escape(reply.title)}"))
    assert docx.count() == 1
    with page.expect_download() as download:
        docx.click()
    assert download.value.suggested_filename.endswith(".docx")

    # 6. Delivered, then archived.
    page.get_by_label("送达情况").fill("申请人当面领取")
    page.get_by_role("button", name="登记送达").click()
    page.get_by_text("已登记送达").wait_for()
    page.get_by_role("button", name="归档").click()
    page.get_by_text("已归档。").wait_for()
    axe_check(page)

    application.refresh_from_db()
    assert application.status == Status.ARCHIVED and application.outcome == Outcome.PARTIAL
    assert application.handler == second and application.approved_by == second
    assert application.decided_by == first
    kinds = list(application.clock_entries.values_list("kind", flat=True))
    assert kinds == [
        EventKind.SUPPLEMENT_REQUESTED,
        EventKind.SUPPLEMENT_RECEIVED,
        EventKind.REPLIED,
    ]

    # 7. The list shows it as concluded.
    page.goto(f"{base}/workbench/foi/?tab=concluded")
    row = page.get_by_role("row", name=re.compile(application.number))
    assert "部分公开" in row.inner_text() and "赵*" in row.inner_text()
    axe_check(page)
