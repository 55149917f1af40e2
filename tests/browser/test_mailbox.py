"""The issue's must-show for the mailbox: a citizen writes on a phone and tracks the message with
the code; staff reply and publish a de-identified version; the writer rates the reply; the
public Q&A shows no personal data. axe-core checks the write form, the tracking result and the
Q&A pages on the way."""

import re

import pytest

from gongkai.core.testing import OrganizationFactory, staff
from gongkai.orgs.models import Level, Role
from gongkai.participation.mailbox.models import Message

PASSWORD = "correct-horse-9"
NAME = "欧阳明珠"
PHONE = "13955556666"
EMAIL = "oymz@example.com"
SUBJECT = "小学转学需要准备哪些材料"
BODY = (
    f"我是{NAME}，孩子下学期要从外省转到本市小学读三年级。请问需要准备哪些材料、"
    f"到哪里办理？方便的话请回电{PHONE}。"
)
REPLY = f"{NAME}您好：转学需要户口簿、现住址证明和原学校的学籍信息，请到拟转入学校办理。"


@pytest.fixture
def education(transactional_db):
    city = OrganizationFactory(
        name="临江市人民政府", slug="linjiang", level=Level.GOVERNMENT, parent=None
    )
    return OrganizationFactory(name="临江市教育局", slug="jyj", parent=city)


@pytest.fixture
def office(education):
    return staff(education, Role.OPENNESS_OFFICE, first_name="李敏")


def test_write_track_reply_rate_and_publish(
    live_server, phone_page, browser, login, axe_check, education, office
):
    base = live_server.url
    citizen = phone_page

    # 1. The citizen writes on a phone.
    citizen.goto(f"{base}/hdjl/xx/")
    axe_check(citizen)
    citizen.get_by_label("咨询").check()
    citizen.get_by_label("办理单位").select_option(label="临江市教育局")
    citizen.get_by_label("标题").fill(SUBJECT)
    citizen.get_by_label("留言内容").fill(BODY)
    citizen.get_by_label("姓名").fill(NAME)
    citizen.get_by_label("联系电话").fill(PHONE)
    citizen.get_by_label("电子邮箱").fill(EMAIL)
    citizen.get_by_label("同意在去除个人信息后公开").check()
    citizen.get_by_label("验证码").fill("PASSED")  # CAPTCHA_TEST_MODE in the test settings
    citizen.get_by_role("button", name="提交留言").click()
    citizen.wait_for_url("**/hdjl/xx/done/")
    code = citizen.locator("#tracking-code").inner_text().strip()
    assert re.fullmatch(r"[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}", code)
    assert code not in citizen.url
    assert "临江市教育局" in citizen.locator("main").inner_text()

    # 2. They track it with the code and phone number.
    citizen.get_by_role("link", name="查询办理情况").first.click()
    citizen.get_by_label("查询码").fill(code)
    citizen.get_by_label("联系电话").fill(PHONE)
    citizen.get_by_role("button", name="查询").click()
    citizen.wait_for_url("**/hdjl/xx/track/result/")
    result = citizen.locator("main").inner_text()
    assert "待受理" in result and SUBJECT in result
    axe_check(citizen)

    # 3. Staff reply and publish a de-identified version.
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
    context.set_default_timeout(10_000)
    try:
        staff_page = login(context.new_page(), live_server, office.username, PASSWORD)
        staff_page.goto(f"{base}/workbench/mailbox/")
        staff_page.get_by_role("link", name=Message.objects.get().number).click()
        staff_page.get_by_label("答复内容").fill(REPLY)
        staff_page.get_by_role("button", name="提交答复").click()
        staff_page.get_by_text("已答复。写信人可以凭查询码查看答复并评价。").wait_for()
        form = staff_page.locator("#publication")
        proposed = form.get_by_label("公开的留言内容").input_value()
        assert NAME not in proposed and PHONE not in proposed and "***" in proposed
        assert NAME not in form.get_by_label("公开的答复内容").input_value()
        form.get_by_label("公开标题").fill("外省转入本市小学需要哪些材料")
        form.get_by_label("我已核对").check()
        form.get_by_role("button", name="确认公开").click()
        staff_page.get_by_text("已公开").first.wait_for()
    finally:
        context.close()

    # 4. The writer sees the reply and rates it, once.
    citizen.reload()
    assert "转学需要户口簿" in citizen.locator("main").inner_text()
    axe_check(citizen)
    citizen.get_by_label("满意", exact=True).check()
    citizen.get_by_label("评价意见（选填）").fill("答复很清楚")
    citizen.get_by_role("button", name="提交评价").click()
    citizen.get_by_role("heading", name="您的评价").wait_for()
    assert citizen.get_by_role("button", name="提交评价").count() == 0
    message = Message.objects.get()
    assert message.rating == "satisfied" and message.is_published

    # 5. The published Q&A shows the exchange without personal data.
    citizen.goto(f"{base}/hdjl/xx/list/")
    axe_check(citizen)
    citizen.get_by_role("link", name="外省转入本市小学需要哪些材料").click()
    citizen.wait_for_url(f"**/hdjl/xx/{message.pk}/")
    content = citizen.content()
    assert "转学需要户口簿" in content and "临江市教育局" in content
    for personal in (NAME, PHONE, EMAIL, code):
        assert personal not in content
    axe_check(citizen)
