"""An application from the citizen's form to the annual statistics, in a real browser.

A citizen applies online and gets a tracking code; the office confirms receipt and asks for
补正; the citizen supplements online; the office decides 部分公开, a colleague approves and the
reply letter goes out; the citizen sees the result with the code; table 三 counts it under
（二）部分公开 for a natural person.
"""

import re
from datetime import timedelta

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from gongkai.core.testing import OrganizationFactory, staff
from gongkai.core.timeutil import local_date
from gongkai.foi.choices import Outcome, Status
from gongkai.foi.models import Application
from gongkai.foi.testing import PHONE, RESIDENT_ID
from gongkai.orgs.models import Role

PASSWORD = "correct-horse-9"


@pytest.fixture
def office(db):
    org = OrganizationFactory(name="测试市财政局", slug="czj")
    handler = staff(org, Role.OPENNESS_OFFICE, first_name="王承办")
    approver = staff(org, Role.OPENNESS_OFFICE, first_name="李审批")
    return org, handler, approver


def group(page, name):
    return page.locator("form", has=page.get_by_role("group", name=name, exact=True))


def track(page, base, code):
    page.goto(f"{base}/ysqgk/track/")
    page.get_by_label("查询码").fill(code)
    page.get_by_label("联系电话").fill(PHONE)
    page.get_by_role("button", name="查询").click()
    page.wait_for_url("**/ysqgk/track/result/")


def test_application_from_citizen_to_statistics(
    live_server, phone_page, page, login, office, axe_check
):
    org, handler, approver = office
    base = live_server.url
    today = local_date(timezone.now())
    citizen = phone_page

    # 1. The citizen applies online and gets a tracking code.
    citizen.goto(f"{base}/ysqgk/apply/?org={org.slug}")
    citizen.get_by_role("textbox", name="姓名", exact=True).fill("张三")
    citizen.get_by_label("证件号码").fill(RESIDENT_ID)
    citizen.get_by_label("联系电话").fill(PHONE)
    citizen.get_by_label("电子邮箱").fill("zhangsan@example.com")
    citizen.get_by_label("信息名称").fill("部门预算")
    citizen.get_by_label("所需信息的内容描述").fill("申请公开本机关的部门预算。")
    citizen.get_by_role("button", name="提交申请").click()
    citizen.wait_for_url("**/ysqgk/apply/done/")
    code = citizen.locator("#tracking-code").inner_text().strip()
    application = Application.objects.get(tracking_code=code)

    # 2. The office confirms receipt and asks for 补正.
    login(page, live_server, handler.username, PASSWORD)
    page.goto(f"{base}/workbench/foi/{application.pk}/")
    page.get_by_role("button", name="确认接收").click()
    page.get_by_text("已确认收到申请").wait_for()
    clock = group(page, "时限事项")
    clock.get_by_label("事项").select_option(label="补正告知")
    clock.get_by_label(re.compile("^日期")).fill(today.isoformat())
    clock.get_by_label("补正期限").fill((today + timedelta(days=14)).isoformat())
    clock.get_by_label("说明").fill("请写明所需预算的年度")
    clock.get_by_role("button", name="登记").click()
    page.get_by_text("已登记：补正告知").wait_for()

    # 3. The citizen sees the notice and supplements online.
    track(citizen, base, code)
    main = citizen.locator("main")
    expect(main).to_contain_text("补正申请告知书")
    citizen.get_by_label("补正内容").fill("所需信息为2025年度部门预算及三公经费预算。")
    axe_check(citizen)
    citizen.get_by_role("button", name="提交补正").click()
    expect(citizen.get_by_role("status")).to_contain_text("补正内容已提交")
    expect(citizen.get_by_label("补正内容")).to_have_count(0)

    # 4. The office decides 部分公开; a colleague approves and sends the reply letter.
    page.goto(f"{base}/workbench/foi/{application.pk}/")
    expect(page.locator("main")).to_contain_text("2025年度部门预算及三公经费预算")
    decide = group(page, "拟办结果")
    decide.get_by_label("办理结果").select_option(label="部分公开")
    decide.get_by_label("理由及依据").fill("其中涉及第三方商业秘密的内容，依法不予公开。")
    decide.get_by_label("办理情况").fill("提供2025年度部门预算公开表。")
    decide.get_by_role("button", name="提交审批").click()
    page.get_by_text("已提交拟办结果").wait_for()
    login(page, live_server, approver.username, PASSWORD)
    page.goto(f"{base}/workbench/foi/{application.pk}/")
    page.get_by_role("button", name="审批同意").click()
    page.get_by_text("已审批同意").wait_for()
    page.get_by_role("button", name="发出答复书").click()
    page.get_by_text("已发出答复书").wait_for()
    application.refresh_from_db()
    assert application.status == Status.REPLIED and application.outcome == Outcome.PARTIAL

    # 5. The citizen sees the result and the reply letter with the code.
    track(citizen, base, code)
    main = citizen.locator("main")
    expect(main).to_contain_text("部分公开")
    expect(main).to_contain_text("政府信息公开申请答复书")
    assert RESIDENT_ID not in main.inner_text() and PHONE not in main.inner_text()
    axe_check(citizen)

    # 6. Table 三 counts it under （二）部分公开 for a natural person.
    page.goto(f"{base}/workbench/foi/reports/?org={org.pk}&year={today.year}")
    row = page.get_by_role("row", name=re.compile("（二）部分公开"))
    cells = row.locator("td")
    expect(cells.nth(0)).to_have_text("1")  # 自然人
    expect(cells.nth(6)).to_have_text("1")  # 总计
    checks = page.get_by_role("row", name=re.compile("勾稽关系检查"))
    expect(checks).not_to_contain_text("不相符")
