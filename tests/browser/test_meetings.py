"""会议公开 in a real browser: staff announce a meeting with two agenda items; a citizen applies
to attend from a phone and gets a receipt code; staff approve; after the meeting staff publish
the decisions taken (议定事项), which the public page then shows."""

import re
from datetime import timedelta

from django.utils import timezone

import pytest

from gongkai.core.testing import OrganizationFactory, staff
from gongkai.orgs.models import Role
from gongkai.participation.choices import ApplicationStatus, MeetingStatus
from gongkai.participation.models import AttendanceApplication, Meeting

PASSWORD = "correct-horse-9"
TITLE = "中心城区公共自行车站点调整专题会议"
FIRST_ITEM = "研究地铁站周边公共自行车站点加密方案"
SECOND_ITEM = "听取公共自行车夜间调度情况汇报"
OUTCOME = "原则同意地铁站周边站点加密方案，由市交通运输局在两个月内组织实施并向社会公布进展。"
CITIZEN = {"name": "赵晓雯", "phone": "13900007788", "email": "xiaowen@example.com"}


@pytest.fixture
def office(db):
    org = OrganizationFactory(name="临江市交通运输局", short_name="市交通运输局")
    return staff(org, Role.OPENNESS_OFFICE, username="jtj_meeting", first_name="孙")


@pytest.fixture
def staff_page(browser, live_server, login, office):
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
    context.set_default_timeout(10_000)
    yield login(context.new_page(), live_server, office.username, PASSWORD)
    context.close()


def test_announce_apply_approve_and_publish_outcomes(
    live_server, staff_page, phone_page, axe_check
):
    base = live_server.url
    held = timezone.localtime(timezone.now() + timedelta(days=3)).replace(
        hour=9, minute=30, second=0, microsecond=0
    )

    # 1. Staff create the meeting with two agenda items, and announce it.
    staff_page.goto(f"{base}/workbench/participation/meetings/")
    staff_page.get_by_role("link", name="新建会议").click()
    staff_page.get_by_label("会议名称").fill(TITLE)
    staff_page.get_by_label("会议类型").select_option(label="专题会议")
    staff_page.get_by_label("召开时间").fill(held.strftime("%Y-%m-%dT%H:%M"))
    staff_page.get_by_label("会议地点").fill("临江市行政中心三楼第二会议室")
    staff_page.get_by_role("radio", name="公开", exact=True).check()
    staff_page.get_by_label("列席", exact=True).check()
    staff_page.get_by_label("网络直播", exact=True).check()
    staff_page.get_by_label("直播网址").fill("https://live.example.gov.cn/jtj")
    staff_page.get_by_label("公众列席名额").fill("20")
    staff_page.get_by_label("报名截止（会前小时数）").fill("24")
    staff_page.get_by_label("列席须知").fill("请于会前30分钟凭本人身份证件到一楼大厅登记。")
    staff_page.locator("#id_items-0-title").fill(FIRST_ITEM)
    staff_page.locator("#id_items-0-description").fill("市交通运输局汇报站点加密的初步方案。")
    staff_page.locator("#id_items-1-title").fill(SECOND_ITEM)
    staff_page.get_by_role("button", name="保存").click()
    staff_page.get_by_text("已保存会议").wait_for()
    staff_page.get_by_role("button", name="公告会议").click()
    staff_page.get_by_text("会议已公告").wait_for()
    meeting = Meeting.objects.get(title=TITLE)
    assert meeting.status == MeetingStatus.ANNOUNCED
    assert [item.title for item in meeting.items.all()] == [FIRST_ITEM, SECOND_ITEM]

    # 2. A citizen finds it on the portal from a phone and applies to attend.
    page = phone_page
    page.goto(f"{base}/hdjl/")
    page.get_by_role("link", name=re.compile("会议公开")).first.click()
    axe_check(page)
    page.get_by_role("link", name=TITLE).click()
    assert page.get_by_role("heading", level=1).inner_text() == TITLE
    agenda = page.locator("section", has=page.get_by_role("heading", name="会议议题")).inner_text()
    assert FIRST_ITEM in agenda and SECOND_ITEM in agenda
    axe_check(page)
    page.get_by_label("姓名").fill(CITIZEN["name"])
    page.get_by_label("联系电话").fill(CITIZEN["phone"])
    page.get_by_label("电子邮箱").fill(CITIZEN["email"])
    page.get_by_label("公众代表").check()
    page.get_by_label("申请理由").fill("我家就在地铁站旁，每天骑车换乘，想当面听听站点加密的安排。")
    page.get_by_label("验证码").fill("PASSED")
    page.get_by_role("button", name="提交申请").click()
    page.get_by_role("heading", name="列席申请已提交").wait_for()
    receipt = page.locator("#receipt-number").inner_text()
    assert re.fullmatch(r"LX\d{8}-[A-Z0-9]{6}", receipt)
    stored = AttendanceApplication.objects.get(receipt_code=receipt)
    assert stored.status == ApplicationStatus.PENDING
    axe_check(page)

    # 3. Staff approve the application.
    staff_page.goto(f"{base}/workbench/participation/meetings/{meeting.pk}/")
    staff_page.get_by_role("button", name=f"同意 {receipt}", exact=True).click()
    staff_page.get_by_text(f"已同意列席申请 {receipt}。").wait_for()

    # The citizen checks the result with the receipt code and phone.
    page.get_by_role("link", name="查询审核结果").click()
    page.get_by_label("回执编号").fill(receipt.lower())
    page.get_by_label("联系电话").fill(CITIZEN["phone"])
    page.get_by_role("button", name="查询").click()
    page.get_by_role("heading", name="审核结果：同意").wait_for()
    axe_check(page)

    # 4. The meeting takes place (the live server runs on the real clock: move it back).
    Meeting.objects.filter(pk=meeting.pk).update(held_at=timezone.now() - timedelta(hours=2))
    staff_page.reload()
    staff_page.get_by_role("button", name="确认会议已召开").click()
    staff_page.get_by_text("已标记为已召开").wait_for()
    staff_page.get_by_role("textbox", name="议定事项", exact=True).fill(OUTCOME)
    staff_page.get_by_role("button", name="添加议定事项").click()
    staff_page.get_by_text("已添加议定事项（尚未公布）。").wait_for()
    staff_page.get_by_role("button", name="公布议定事项").click()
    staff_page.get_by_text("议定事项已公布。").wait_for()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.REPORTED

    # 5. The public page shows the outcomes, and nothing about the applicant.
    page.goto(f"{base}/hdjl/hy/{meeting.pk}/")
    outcomes = page.locator("section", has=page.get_by_role("heading", name="议定事项"))
    assert OUTCOME in outcomes.inner_text()
    assert "已同意列席 1 人" in page.locator("main").inner_text()
    content = page.content()
    for value in (*CITIZEN.values(), receipt):
        assert value not in content
    axe_check(page)
    page.goto(f"{base}/hdjl/hy/?tab=reported")
    assert TITLE in page.locator("main").inner_text()
    axe_check(page)
