"""回应关切 in a real browser: staff record a 重大 public-opinion event, see its two clocks running
on the workbench (counted down by clocks.js without a reload), record the first authoritative
release linked to a published item — the first clock is met — and make the event public; the
portal's 回应关切 pages list the response without the monitoring data. axe-core checks the
public pages and the staff pages on the way."""

import re
from datetime import timedelta

from django.utils import timezone

import pytest

from gongkai.core.testing import OrganizationFactory, staff
from gongkai.orgs.models import Level, Role
from gongkai.publishing.models import Item
from gongkai.response.models import OpinionEvent

PASSWORD = "correct-horse-9"
TITLE = "网传江北区一所中学食堂使用过期食材"
SUMMARY_INTERNAL = "内部研判：帖子图片疑似旧图翻炒，发帖账号近期多次发布同类内容"
RELEASE = "市教育局会同市场监管部门现场核查：该校食材均在保质期内，网传图片系三年前外地旧图。"


@pytest.fixture
def city(transactional_db):
    government = OrganizationFactory(
        name="临江市人民政府",
        short_name="市政府",
        slug="linjiang",
        level=Level.GOVERNMENT,
        parent=None,
    )
    education = OrganizationFactory(
        name="临江市教育局",
        short_name="市教育局",
        slug="jyj",
        level=Level.DEPARTMENT,
        parent=government,
    )
    district = OrganizationFactory(
        name="江北区人民政府",
        short_name="江北区",
        slug="jiangbei",
        level=Level.DISTRICT,
        parent=government,
    )
    OrganizationFactory(
        name="江北区教育局", slug="jiangbei-jyj", level=Level.DISTRICT_DEPARTMENT, parent=district
    )
    OrganizationFactory(
        name="江北区滨江街道办事处",
        short_name="滨江街道",
        slug="jiangbei-binjiang",
        level=Level.TOWN,
        parent=district,
    )
    office = staff(government, Role.OPENNESS_OFFICE, first_name="陈静")
    at = timezone.now() - timedelta(minutes=10)
    item = Item.objects.create(
        organization=education,
        index_number=f"{education.code}/2026-00042",
        title="关于网传某中学食堂使用过期食材的情况通报",
        written_on=timezone.localdate(at),
        info_type="notice",
        body="<p>经现场核查，网传情况不实。</p>",
        created_at=at,
        updated_at=at,
        status="published",
        published_at=at,
    )
    return {"office": office, "item": item}


def local_input(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_record_event_watch_clocks_respond_and_publish(
    live_server, page, browser, login, axe_check, city
):
    base = live_server.url
    staff_page = login(page, live_server, city["office"].username, PASSWORD)

    # 1. Record a 重大 event seen half an hour ago; the system proposes the city's bureau.
    staff_page.goto(f"{base}/workbench/response/new/")
    staff_page.get_by_label("舆情标题").fill(TITLE)
    staff_page.locator("#id_source_kind").select_option(label="自媒体")
    staff_page.get_by_label("来源链接或说明").fill("短视频平台账号“江北生活圈”")
    staff_page.get_by_label("舆情摘要").fill(SUMMARY_INTERNAL)
    staff_page.get_by_label("舆情级别").select_option(label="重大")
    staff_page.get_by_label("首次发现时间").fill(
        local_input(timezone.now() - timedelta(minutes=30))
    )
    staff_page.get_by_label("事发地").select_option(label="江北区滨江街道办事处")
    staff_page.get_by_label("主管部门").select_option(label="江北区教育局")
    staff_page.get_by_role("button", name="查看建议的责任单位").click()
    suggestion = staff_page.locator(".rg-suggestion")
    assert "临江市教育局" in suggestion.inner_text()
    assert "市级负责" in suggestion.inner_text()
    axe_check(staff_page)
    staff_page.get_by_role("button", name="录入并开始计时").click()
    staff_page.get_by_text("已录入舆情，责任单位：临江市教育局").wait_for()
    event = OpinionEvent.objects.get(title=TITLE)

    # 2. The workbench home lists both clocks with the time left.
    staff_page.goto(f"{base}/workbench/")
    block = staff_page.locator(
        "section", has=staff_page.get_by_role("heading", name=re.compile("政务舆情回应时限"))
    )
    rows = block.locator("tbody tr")
    assert rows.count() == 2
    text = block.inner_text()
    assert "首次权威发布" in text and "举行新闻发布会" in text
    assert re.search(r"剩余 4小时[23]\d分", text)
    assert re.search(r"剩余 23小时[23]\d分", text)

    # 3. clocks.js counts down without reloading: six hours later the first clock is overdue.
    ticking = page.context.new_page()
    ticking.clock.install(time=timezone.now())
    ticking.goto(f"{base}/workbench/response/")
    first = ticking.locator("[data-due]").first
    assert "剩余" in first.inner_text()
    ticking.clock.fast_forward("06:00:00")
    ticking.wait_for_function(
        "() => document.querySelector('[data-due]').classList.contains('clock-overdue')"
    )
    assert "已超时" in first.inner_text()
    axe_check(ticking)
    ticking.close()

    # 4. Record the first authoritative release, linked to the published item: clock met.
    staff_page.goto(f"{base}/workbench/response/{event.pk}/")
    form = staff_page.locator("form", has=staff_page.get_by_role("heading", name="登记回应"))
    form.get_by_label("回应方式").select_option(label="权威发布")
    form.get_by_label("发布时间").fill(local_input(timezone.now()))
    form.get_by_label("回应内容摘要").fill(RELEASE)
    form.get_by_label("关联的公开信息").fill(city["item"].index_number)
    form.get_by_role("button", name="登记回应").click()
    staff_page.get_by_text("已登记回应。").wait_for()
    clocks = staff_page.locator("#clocks-h + ul.clocks").inner_text()
    assert re.search(r"首次权威发布.*已于 .* 完成", clocks)
    assert "举行新闻发布会" in clocks and "剩余" in clocks
    axe_check(staff_page)
    staff_page.get_by_role("button", name="在门户公开回应").click()
    staff_page.get_by_text("已设为在门户公开回应").wait_for()

    # 5. The public 回应关切 pages list the response, without the monitoring data.
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
    public = context.new_page()
    public.goto(f"{base}/hygq/")
    assert TITLE in public.locator("main").inner_text()
    axe_check(public)
    public.get_by_role("navigation", name="主导航").get_by_role("link", name="回应关切").wait_for()
    public.goto(f"{base}/hygq/hy/")
    listing = public.locator("main").inner_text()
    assert TITLE in listing and "权威发布" in listing and "临江市教育局" in listing
    axe_check(public)
    public.get_by_role("link", name=TITLE).click()
    detail = public.locator("main").inner_text()
    assert RELEASE in detail and "关于网传某中学食堂使用过期食材的情况通报" in detail
    for internal in (SUMMARY_INTERNAL, "江北生活圈", "重大", "自媒体"):
        assert internal not in public.content()
    axe_check(public)
    public.goto(f"{base}/hygq/fbh/")
    axe_check(public)
    context.close()
