"""A citizen on a phone applies online for government information, keeps the tracking code and
follows the application with code + phone; the form checks ID numbers before sending."""

from playwright.sync_api import expect

from gongkai.core.testing import OrganizationFactory
from gongkai.foi.choices import Status
from gongkai.foi.models import Application
from gongkai.foi.testing import CREDIT_CODE, PHONE, RESIDENT_ID

BAD_ID = RESIDENT_ID[:-1] + "1"


def test_citizen_applies_on_a_phone_and_follows_progress(live_server, phone_page, axe_check):
    org = OrganizationFactory(name="测试市财政局", slug="czj")
    OrganizationFactory(name="测试市教育局")
    page = phone_page

    page.goto(live_server.url + "/")
    page.locator("main").get_by_role("link", name="依申请公开").first.click()
    page.wait_for_url("**/ysqgk/")
    axe_check(page)
    page.get_by_role("link", name="在线申请", exact=True).click()
    page.wait_for_url("**/ysqgk/apply/")

    # Only the natural person's part shows; the organization's is hidden and not sent.
    expect(page.locator("#person-fields")).to_be_visible()
    expect(page.locator("#org-fields")).to_be_hidden()
    page.get_by_label("受理机关").select_option(label=org.name)
    page.get_by_role("textbox", name="姓名", exact=True).fill("张三")
    page.get_by_label("证件号码").fill(RESIDENT_ID.lower())
    page.get_by_label("联系电话").fill(PHONE)
    page.get_by_label("电子邮箱").fill("zhangsan@example.com")
    page.get_by_label("信息名称").fill("2025年度部门预算")
    page.get_by_label("所需信息的内容描述").fill("申请公开本机关2025年度部门预算。")
    axe_check(page)
    page.get_by_role("button", name="提交申请").click()

    page.wait_for_url("**/ysqgk/apply/done/")
    application = Application.objects.get()
    assert application.status == Status.SUBMITTED and application.id_number == RESIDENT_ID
    code = page.locator("#tracking-code")
    expect(code).to_have_text(application.tracking_code)
    assert application.tracking_code not in page.url
    box = code.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390  # fits the phone
    axe_check(page)

    page.get_by_role("link", name="查询办理进度").click()
    page.wait_for_url("**/ysqgk/track/")
    page.get_by_label("查询码").fill(application.tracking_code)
    page.get_by_label("联系电话").fill("13900139000")
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_role("alert")).to_contain_text("查询码或联系电话不正确")

    page.get_by_label("联系电话").fill(PHONE)
    page.get_by_role("button", name="查询").click()
    page.wait_for_url("**/ysqgk/track/result/")
    main = page.locator("main")
    expect(main).to_contain_text("待确认接收")
    expect(main).to_contain_text(org.name)
    expect(main).to_contain_text("张*")
    assert PHONE not in main.inner_text() and RESIDENT_ID not in main.inner_text()
    axe_check(page)


def test_form_checks_id_numbers_and_credit_codes_before_sending(live_server, page, axe_check):
    OrganizationFactory(name="测试市财政局")
    page.goto(live_server.url + "/ysqgk/apply/")

    id_number = page.get_by_label("证件号码")
    id_number.fill(BAD_ID)
    id_number.press("Tab")
    message = page.locator("#id_id_number_error")
    expect(message).to_have_text("身份证号码校验位不正确，请核对后重新填写")
    expect(id_number).to_have_attribute("aria-invalid", "true")
    assert "id_id_number_error" in id_number.get_attribute("aria-describedby")

    # Submitting anyway stays on the page and lists every problem with a link to its field.
    page.get_by_role("button", name="提交申请").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("身份证号码校验位不正确")
    expect(summary).to_contain_text("请选择受理机关")
    expect(summary).to_contain_text("请填写所需信息的内容描述")
    axe_check(page)
    summary.get_by_role("link", name="证件号码").click()
    expect(id_number).to_be_focused()
    assert Application.objects.count() == 0

    id_number.fill(RESIDENT_ID)
    id_number.press("Tab")
    expect(message).to_have_text("")

    # An organization: its own part shows, with the credit code's check character tested.
    page.get_by_label("商业企业").check()
    expect(page.locator("#org-fields")).to_be_visible()
    expect(page.locator("#person-fields")).to_be_hidden()
    credit_code = page.get_by_label("统一社会信用代码")
    credit_code.fill(CREDIT_CODE[:-1] + "0")
    credit_code.press("Tab")
    expect(page.locator("#id_credit_code_error")).to_have_text(
        "统一社会信用代码校验位不正确，请核对后重新填写"
    )
    credit_code.fill(CREDIT_CODE.lower())
    credit_code.press("Tab")
    expect(page.locator("#id_credit_code_error")).to_have_text("")
    expect(credit_code).to_have_value(CREDIT_CODE)


def test_without_javascript_both_parts_show_and_the_server_decides(live_server, browser):
    OrganizationFactory(name="测试市财政局")
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(live_server.url + "/ysqgk/apply/")
        expect(page.locator("#person-fields")).to_be_visible()
        expect(page.locator("#org-fields")).to_be_visible()
        expect(page.locator("#person-fields .kind-note")).to_be_visible()
        page.get_by_label("受理机关").select_option(label="测试市财政局")
        page.get_by_role("textbox", name="姓名", exact=True).fill("张三")
        page.get_by_label("证件号码").fill(BAD_ID)
        page.get_by_label("联系电话").fill(PHONE)
        page.get_by_label("电子邮箱").fill("zhangsan@example.com")
        page.get_by_label("所需信息的内容描述").fill("申请公开本机关2025年度部门预算。")
        page.get_by_role("button", name="提交申请").click()
        page.wait_for_load_state()
        expect(page.locator("#error-summary")).to_contain_text("身份证号码校验位不正确")
        expect(page.get_by_label("证件号码")).to_have_value(BAD_ID)
        assert Application.objects.count() == 0
    finally:
        context.close()
