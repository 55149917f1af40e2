"""The openness office's workbench pages: who sees what, every action through the views, and
the refusals shown in Chinese with a 4xx status."""

from datetime import date
from types import SimpleNamespace

from django.urls import reverse

import pytest

from gongkai.core.models import AuditEntry
from gongkai.core.testing import OrganizationFactory, Team, aware, item_fields, staff
from gongkai.foi import services
from gongkai.foi.choices import Channel, LetterKind, Outcome, RemedyKind, RemedyResult, Status
from gongkai.foi.clock import EventKind
from gongkai.foi.models import Application, ClockEntry, Letter, Remedy
from gongkai.foi.testing import RESIDENT_ID, person_data, received_application
from gongkai.orgs.models import Membership, Role
from gongkai.publishing import services as publishing
from gongkai.workdays import calendar as calendar_module
from gongkai.workdays.calendar import clear_cache

pytestmark = pytest.mark.django_db

NOW = aware(2025, 3, 27, 10, 0)  # Thursday
TODAY = date(2025, 3, 27)


@pytest.fixture(autouse=True)
def _frozen(time_machine):
    time_machine.move_to(NOW, tick=False)
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def org():
    return OrganizationFactory()


@pytest.fixture
def office(org):
    return staff(org, Role.OPENNESS_OFFICE, first_name="王", last_name="")


@pytest.fixture
def office2(org):
    return staff(org, Role.OPENNESS_OFFICE, first_name="李", last_name="")


@pytest.fixture
def application(org, office):
    return received_application(org, office, received_on=date(2025, 3, 20))


def detail_url(application):
    return reverse("foi_staff:detail", args=[application.pk])


def action_url(application, action):
    return reverse("foi_staff:action", args=[application.pk, action])


def page_of(response) -> str:
    return response.content.decode()


# --- permissions ----------------------------------------------------------------------------


def test_login_required(client):
    response = client.get(reverse("foi_staff:list"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_drafter_without_office_role_cannot_see_the_list(client, org, application):
    client.force_login(staff(org, Role.DRAFTER))
    response = client.get(reverse("foi_staff:list"))
    assert response.status_code == 403
    assert "只有政务公开工作机构的人员" in page_of(response)
    assert client.get(detail_url(application)).status_code == 404
    assert client.get(reverse("foi_staff:register")).status_code == 403


def test_another_office_sees_nothing_of_ours(client, org, application, office):
    services.application_decide(
        application=application,
        outcome=Outcome.DISCLOSE,
        processing_summary="已提供",
        actor=office,
        now=NOW,
    )
    other = OrganizationFactory()
    client.force_login(staff(other, Role.OPENNESS_OFFICE))
    assert application.number not in page_of(client.get(reverse("foi_staff:list")))
    assert client.get(detail_url(application)).status_code == 404
    assert client.post(action_url(application, "approve")).status_code == 404
    assert client.post(reverse("foi_staff:reveal", args=[application.pk])).status_code == 404
    application.refresh_from_db()
    assert application.status == Status.PENDING_APPROVAL


def test_letters_download_only_for_the_office(client, org, application, office):
    services.clock_entry_add(
        application=application,
        kind=EventKind.SUPPLEMENT_REQUESTED,
        on=TODAY,
        until=date(2025, 4, 10),
        actor=office,
        now=NOW,
    )
    letter = Letter.objects.get()
    url = reverse("foi_staff:letter", args=[letter.pk, "docx"])
    client.force_login(staff(OrganizationFactory(), Role.OPENNESS_OFFICE))
    assert client.get(url).status_code == 404
    client.force_login(office)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"
    assert AuditEntry.objects.filter(action="foi.letter_export", actor=office).count() == 1
    response = client.get(reverse("foi_staff:letter", args=[letter.pk, "pdf"]))
    assert response.status_code == 200 and response.content[:5] == b"%PDF-"
    assert client.get(reverse("foi_staff:letter", args=[letter.pk, "exe"])).status_code == 404


def test_platform_admin_sees_all_but_acts_nowhere(client, application):
    admin = staff(OrganizationFactory(), Role.PLATFORM_ADMIN)
    client.force_login(admin)
    assert application.number in page_of(client.get(reverse("foi_staff:list")))
    page = page_of(client.get(detail_url(application)))
    assert "分配承办人" not in page and "拟办结果" not in page
    response = client.post(action_url(application, "archive"))
    assert response.status_code == 403 and "无权办理" in page_of(response)


def test_navigation_and_home_block_only_for_the_office(client, org, office, application):
    client.force_login(office)
    page = page_of(client.get(reverse("workbench:home")))
    assert reverse("foi_staff:list") in page
    assert "?tab=due_soon" in page and "待确认接收" in page
    client.force_login(staff(org, Role.DRAFTER))
    page = page_of(client.get(reverse("workbench:home")))
    assert reverse("foi_staff:list") not in page


# --- list -----------------------------------------------------------------------------------


def test_list_shows_masked_applicants_and_clock(client, office, application):
    client.force_login(office)
    page = page_of(client.get(reverse("foi_staff:list")))
    assert application.number in page and "张*" in page and "张三" not in page
    assert RESIDENT_ID not in page
    assert "2025-04-18" in page  # received 2025-03-20 → 20 working days
    assert "2025年度部门预算" in page


def test_list_tabs_filter_by_clock_and_status(client, org, office):
    soon = received_application(org, office, received_on=date(2025, 3, 3))  # due 03-31
    late = received_application(org, office, received_on=date(2025, 2, 10))
    stopped = received_application(org, office, received_on=date(2025, 3, 20))
    services.clock_entry_add(
        application=stopped,
        kind=EventKind.CONSULTATION_STARTED,
        on=date(2025, 3, 21),
        party="third_party",
        actor=office,
        now=aware(2025, 3, 21, 9, 0),
    )
    online = services.application_submit(organization=org, data=person_data(), now=NOW)
    client.force_login(office)

    def numbers(tab):
        page = page_of(client.get(reverse("foi_staff:list"), {"tab": tab}))
        return {a.number for a in (soon, late, stopped, online) if f">{a.number}<" in page}

    assert numbers("due_soon") == {soon.number}
    assert numbers("overdue") == {late.number}
    assert numbers("paused") == {stopped.number}
    assert numbers("submitted") == {online.number}
    assert numbers("processing") == {soon.number, late.number, stopped.number}
    assert numbers("all") == {soon.number, late.number, stopped.number, online.number}
    assert numbers("nonsense") == numbers("all")
    page = page_of(client.get(reverse("foi_staff:list"), {"tab": "overdue"}))
    assert "badge-overdue" in page
    page = page_of(client.get(reverse("foi_staff:list"), {"tab": "due_soon"}))
    assert "badge-soon" in page  # 2 working days left
    page = page_of(client.get(reverse("foi_staff:list"), {"tab": "paused"}))
    assert "暂停" in page


def test_list_search_and_organization_filter(client, org, office):
    second_org = OrganizationFactory()
    Membership.objects.create(user=office, organization=second_org, role=Role.OPENNESS_OFFICE)
    first = received_application(org, office, received_on=date(2025, 3, 3))
    other = received_application(
        second_org,
        office,
        received_on=date(2025, 3, 4),
        data=person_data(title_hint="城市规划图"),
    )
    client.force_login(office)
    page = page_of(client.get(reverse("foi_staff:list"), {"q": "城市规划"}))
    assert reverse("foi_staff:detail", args=[other.pk]) in page
    assert reverse("foi_staff:detail", args=[first.pk]) not in page
    page = page_of(client.get(reverse("foi_staff:list"), {"q": first.tracking_code}))
    assert reverse("foi_staff:detail", args=[first.pk]) in page
    assert reverse("foi_staff:detail", args=[other.pk]) not in page
    page = page_of(client.get(reverse("foi_staff:list"), {"org": second_org.pk}))
    assert reverse("foi_staff:detail", args=[other.pk]) in page
    assert reverse("foi_staff:detail", args=[first.pk]) not in page


def test_list_query_count_does_not_grow_with_rows(
    client, org, office, monkeypatch, django_assert_max_num_queries
):
    # Requests are not atomic: the calendar stays cached between uses, as here.
    monkeypatch.setattr(calendar_module, "connection", SimpleNamespace(in_atomic_block=False))

    def make(n):
        for i in range(n):
            application = received_application(org, office, received_on=date(2025, 3, 3 + i % 5))
            services.clock_entry_add(
                application=application,
                kind=EventKind.EXTENSION_APPROVED,
                on=TODAY,
                days=5,
                actor=office,
                now=NOW,
            )

    client.force_login(office)
    make(3)
    for tab in ("all", "overdue", "due_soon"):
        client.get(reverse("foi_staff:list"), {"tab": tab})  # warm session and calendar
    with django_assert_max_num_queries(12) as few:
        assert client.get(reverse("foi_staff:list")).status_code == 200
    make(35)
    with django_assert_max_num_queries(len(few)):
        assert client.get(reverse("foi_staff:list")).status_code == 200
    with django_assert_max_num_queries(len(few)):
        assert client.get(reverse("foi_staff:list"), {"tab": "due_soon"}).status_code == 200


# --- register -------------------------------------------------------------------------------


def register_data(org, **overrides):
    data = {
        "organization": org.pk,
        "channel": Channel.IN_PERSON,
        "submitted_on": "2025-03-26",
        "applicant_kind": "natural",
        "person_name": "赵六",
        "id_type": "resident_id",
        "id_number": RESIDENT_ID,
        "phone": "13900001111",
        "email": "",
        "address": "测试市中山路8号",
        "postcode": "310000",
        "title_hint": "老旧小区改造计划",
        "description": "申请公开2025年老旧小区改造计划及资金安排。",
        "provision_form": "paper",
        "delivery": "post",
    }
    data.update(overrides)
    return data


def test_register_in_person(client, org, office):
    client.force_login(office)
    page = page_of(client.get(reverse("foi_staff:register")))
    assert "条例第三十一条" in page
    response = client.post(reverse("foi_staff:register"), register_data(org))
    application = Application.objects.get()
    assert response.status_code == 302 and response.url == detail_url(application)
    assert application.status == Status.PROCESSING
    assert application.received_on == date(2025, 3, 26)
    assert application.channel == Channel.IN_PERSON and application.applicant_name == "赵六"
    assert AuditEntry.objects.filter(action="foi.register", actor=office).exists()


def test_register_post_uses_the_signed_for_date(client, org, office):
    client.force_login(office)
    response = client.post(
        reverse("foi_staff:register"),
        register_data(org, channel=Channel.POST, submitted_on="2025-03-20", signed_on="2025-03-24"),
    )
    assert response.status_code == 302
    assert Application.objects.get().received_on == date(2025, 3, 24)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"id_number": "110105194912310021"}, "身份证号码校验位不正确"),
        ({"description": ""}, "请描述所需政府信息"),
        ({"channel": Channel.POST}, "信函申请请填写签收日期"),
        ({"channel": Channel.FAX}, "请填写双方确认之日"),
        ({"submitted_on": "2025-03-28"}, "收到申请日期不能晚于今天"),
        ({"channel": Channel.ONLINE}, "请选择线下申请方式"),
    ],
)
def test_register_bad_input(client, org, office, overrides, message):
    client.force_login(office)
    response = client.post(reverse("foi_staff:register"), register_data(org, **overrides))
    assert response.status_code == 400
    assert message in page_of(response)
    assert not Application.objects.exists()


def test_register_only_for_own_organizations(client, org, office):
    other = OrganizationFactory()
    client.force_login(office)
    response = client.post(reverse("foi_staff:register"), register_data(other))
    assert response.status_code == 400 and not Application.objects.exists()


# --- detail and reveal ----------------------------------------------------------------------


def test_detail_masks_and_reveal_is_audited(client, office, application):
    client.force_login(office)
    page = page_of(client.get(detail_url(application)))
    assert RESIDENT_ID not in page and "13800138000" not in page
    assert "1101**********002X" in page and "138****8000" in page
    assert "2025年4月18日" in page  # the due date
    assert "收到申请，答复期限自次日起计算" in page  # the explanation
    assert "WorkDayCount" not in page
    assert not AuditEntry.objects.filter(action="foi.reveal").exists()

    response = client.post(reverse("foi_staff:reveal", args=[application.pk]))
    assert response.status_code == 200
    page = page_of(response)
    assert RESIDENT_ID in page and "13800138000" in page and "zhangsan@example.com" in page
    entry = AuditEntry.objects.get(action="foi.reveal")
    assert entry.actor == office and entry.object_id == application.pk
    assert RESIDENT_ID not in entry.summary
    # The reveal is part of the record, and the next view is masked again.
    page = page_of(client.get(detail_url(application)))
    assert "查看申请人完整信息" in page and RESIDENT_ID not in page


def test_detail_warns_when_the_calendar_year_is_missing(client, org, office, time_machine):
    time_machine.move_to(aware(2026, 12, 20, 10, 0), tick=False)
    application = received_application(org, office, received_on=date(2026, 12, 18))
    client.force_login(office)
    page = page_of(client.get(detail_url(application)))
    assert "2027年的节假日安排尚未录入" in page


# --- the handling workflow ------------------------------------------------------------------


def test_confirm_an_online_application(client, org, office):
    online = services.application_submit(organization=org, data=person_data(), now=NOW)
    client.force_login(office)
    assert "确认接收" in page_of(client.get(detail_url(online)))
    response = client.post(action_url(online, "confirm"))
    assert response.status_code == 302
    online.refresh_from_db()
    assert online.status == Status.PROCESSING and online.received_on == TODAY
    response = client.post(action_url(online, "confirm"))
    assert response.status_code == 409 and "不能进行此操作" in page_of(response)


def test_assign_among_office_members(client, org, office, office2, application):
    client.force_login(office)
    drafter = staff(org, Role.DRAFTER)
    response = client.post(action_url(application, "assign"), {"assign-handler": drafter.pk})
    assert response.status_code == 400 and "承办人须为本机关政务公开工作机构人员" in page_of(
        response
    )
    response = client.post(action_url(application, "assign"), {"assign-handler": office2.pk})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.handler == office2


def test_link_published_items(client, org, office, application):
    team = Team(org)
    item = publishing.item_create(
        organization=org, actor=team.drafter, now=NOW, **item_fields(title="2025年度部门预算公开")
    )
    draft = publishing.item_create(
        organization=org, actor=team.drafter, now=NOW, **item_fields(title="部门预算草稿")
    )
    publishing.item_submit(item=item, actor=team.drafter, now=NOW)
    publishing.item_approve(item=item, actor=team.reviewer, now=NOW)
    publishing.item_approve(item=item, actor=team.secrecy, now=NOW)
    publishing.item_publish(item=item, actor=team.office, now=NOW)
    client.force_login(office)
    page = page_of(client.get(detail_url(application), {"item_q": "部门预算"}))
    assert "2025年度部门预算公开" in page and "部门预算草稿" not in page
    response = client.post(action_url(application, "link"), {"items": [draft.pk]})
    assert response.status_code == 400 and "只能关联已发布的政府信息" in page_of(response)
    assert not application.linked_items.exists()
    response = client.post(action_url(application, "link"), {"items": [item.pk]})
    assert response.status_code == 302
    assert list(application.linked_items.all()) == [item]


def test_clock_entries_through_the_form(client, office, application):
    client.force_login(office)
    page = page_of(client.get(detail_url(application)))
    assert "补正告知" in page and "收到补正" not in page  # only what makes sense now
    response = client.post(
        action_url(application, "clock"),
        {"clock-kind": EventKind.SUPPLEMENT_REQUESTED, "clock-on": "2025-03-21"},
    )
    assert response.status_code == 400 and "请填写补正期限" in page_of(response)
    response = client.post(
        action_url(application, "clock"),
        {
            "clock-kind": EventKind.SUPPLEMENT_REQUESTED,
            "clock-on": "2025-03-21",
            "clock-until": "2025-04-03",
            "clock-note": "请说明所需信息的年度",
        },
    )
    assert response.status_code == 302
    entry = ClockEntry.objects.get()
    assert entry.kind == EventKind.SUPPLEMENT_REQUESTED and entry.until == date(2025, 4, 3)
    assert Letter.objects.filter(application=application).count() == 1
    page = page_of(client.get(detail_url(application)))
    assert "等待申请人补正" in page and "收到补正" in page
    # The service has the last word: a supplement dated before the notice.
    response = client.post(
        action_url(application, "clock"),
        {"clock-kind": EventKind.SUPPLEMENT_RECEIVED, "clock-on": "2025-03-20"},
    )
    assert response.status_code == 400 and "不能早于上一项记录的日期" in page_of(response)
    assert ClockEntry.objects.count() == 1
    response = client.post(
        action_url(application, "clock"),
        {"clock-kind": EventKind.SUPPLEMENT_RECEIVED, "clock-on": "2025-03-26"},
    )
    assert response.status_code == 302
    page = page_of(client.get(detail_url(application)))
    assert "2025年4月24日" in page  # 20 working days from 2025-03-26


def test_extension_limits(client, office, application):
    client.force_login(office)
    response = client.post(
        action_url(application, "clock"),
        {"clock-kind": EventKind.EXTENSION_APPROVED, "clock-on": "2025-03-27", "clock-days": 25},
    )
    assert response.status_code == 400 and "最长不超过20个工作日" in page_of(response)
    assert not ClockEntry.objects.exists()
    response = client.post(
        action_url(application, "clock"),
        {"clock-kind": EventKind.EXTENSION_APPROVED, "clock-on": "2025-03-28", "clock-days": 5},
    )
    assert response.status_code == 400 and "日期不能晚于今天" in page_of(response)
    response = client.post(
        action_url(application, "clock"),
        {"clock-kind": EventKind.EXTENSION_APPROVED, "clock-on": "2025-03-27", "clock-days": 20},
    )
    assert response.status_code == 302
    page = page_of(client.get(detail_url(application)))
    assert "已延长 20 个工作日" in page
    # Only once: the kind is no longer offered, and posting it anyway is refused.
    response = client.post(
        action_url(application, "clock"),
        {"clock-kind": EventKind.EXTENSION_APPROVED, "clock-on": "2025-03-27", "clock-days": 2},
    )
    assert response.status_code == 400
    assert ClockEntry.objects.count() == 1


def test_reasons_then_a_later_deadline(client, office, application):
    # Received 2025-03-20: due 2025-04-18 (清明 4/4 is a holiday).
    client.force_login(office)
    page = page_of(client.get(detail_url(application)))
    assert 'value="reasons_requested"' in page and 'value="deferral_set"' not in page
    response = client.post(
        action_url(application, "clock"),
        {
            "clock-kind": EventKind.REASONS_REQUESTED,
            "clock-on": "2025-03-27",
            "clock-note": "请说明申请的用途",
        },
    )
    assert response.status_code == 302
    assert Letter.objects.get(application=application).kind == LetterKind.REASONS
    page = page_of(client.get(detail_url(application)))
    assert 'value="deferral_set"' in page and 'value="reasons_requested"' not in page
    assert "说明理由期间答复期限照常计算" in page

    def defer(until):
        return client.post(
            action_url(application, "clock"),
            {
                "clock-kind": EventKind.DEFERRAL_SET,
                "clock-on": "2025-03-27",
                "clock-until": "",
                "clock-deferred_until": until,
            },
        )

    for until, message in (
        ("", "请填写延迟答复的期限"),
        ("2025-13-01", "请填写正确的日期"),
        ("2025-04-18", "延迟答复的期限应晚于现行答复期限（2025年4月18日）"),
        ("2025-05-03", "2025年5月3日不是工作日"),  # 劳动节
    ):
        response = defer(until)
        page = page_of(response)
        assert response.status_code == 400 and message in page, until
        # Shown at the field it is about, not at the 补正 deadline.
        error = page.split('id="id_clock-deferred_until_error"', 1)[1].split("</span>", 1)[0]
        assert message in error, until
    assert ClockEntry.objects.count() == 1

    response = defer("2025-05-09")
    assert response.status_code == 302
    entry = ClockEntry.objects.get(kind=EventKind.DEFERRAL_SET)
    assert entry.until == date(2025, 5, 9)
    assert Letter.objects.filter(application=application, kind=LetterKind.DEFERRAL).exists()
    page = page_of(client.get(detail_url(application)))
    assert "已依条例第三十五条确定延迟答复期限至2025年5月9日" in page
    assert "<strong>2025年5月9日</strong>" in page
    assert "延迟答复至 2025-05-09" in page  # the timeline
    # Neither a second later deadline nor an extension on top of it.
    assert defer("2025-05-16").status_code == 400
    response = client.post(
        action_url(application, "clock"),
        {"clock-kind": EventKind.EXTENSION_APPROVED, "clock-on": "2025-03-27", "clock-days": 5},
    )
    assert response.status_code == 400 and "该事项目前不能登记" in page_of(response)
    assert ClockEntry.objects.count() == 2


def test_fee_quote_preview_then_notice(client, office, application):
    client.force_login(office)
    response = client.post(
        action_url(application, "fee"),
        {"fee-method": "per_page", "fee-pages": 120, "preview": "1"},
    )
    assert response.status_code == 200 and "1100.00" in page_of(response)
    assert not ClockEntry.objects.exists()
    response = client.post(action_url(application, "fee"), {"fee-method": "per_page"})
    assert response.status_code == 400 and "按量计收请填写页数" in page_of(response)
    response = client.post(
        action_url(application, "fee"), {"fee-method": "per_page", "fee-pages": 10}
    )
    assert response.status_code == 400 and "无需发出收费通知" in page_of(response)
    response = client.post(
        action_url(application, "fee"), {"fee-method": "per_page", "fee-pages": 120}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert str(application.fee_amount) == "1100.00"
    assert ClockEntry.objects.get().kind == EventKind.FEE_NOTICE_SENT
    page = page_of(client.get(detail_url(application)))
    assert "等待申请人缴纳信息处理费" in page and "缴费" in page


def test_decide_approve_reply_deliver_archive(client, office, office2, application):
    client.force_login(office)
    page = page_of(client.get(detail_url(application)))
    assert "<optgroup" in page and 'label="不予公开"' in page and "属于国家秘密" in page
    response = client.post(action_url(application, "decide"), {"decide-outcome": Outcome.PARTIAL})
    assert response.status_code == 400 and "请写明理由及依据" in page_of(response)
    response = client.post(
        action_url(application, "decide"),
        {"decide-outcome": Outcome.OTHER_NO_SUPPLEMENT, "decide-reasons": "x"},
    )
    assert response.status_code == 400  # set by the clock, not chosen
    application.refresh_from_db()
    assert application.status == Status.PROCESSING and not application.outcome
    response = client.post(
        action_url(application, "decide"),
        {
            "decide-outcome": Outcome.PARTIAL,
            "decide-reasons": "部分内容涉及第三方商业秘密，依据条例第十五条不予公开。",
            "decide-processing_summary": "提供预算总表。",
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.PENDING_APPROVAL and application.decided_by == office

    response = client.post(action_url(application, "approve"))
    assert response.status_code == 403 and "拟办人不能审批" in page_of(response)
    assert "须由本机构其他人员审批" in page_of(client.get(detail_url(application)))

    client.force_login(office2)
    assert client.post(action_url(application, "approve")).status_code == 302
    application.refresh_from_db()
    assert application.status == Status.APPROVED and application.approved_by == office2
    page = page_of(client.get(detail_url(application)))
    assert "答复书预览" in page and "部分公开" in page

    assert client.post(action_url(application, "reply")).status_code == 302
    application.refresh_from_db()
    assert application.status == Status.REPLIED and not application.replied_late
    letter = Letter.objects.get(application=application)
    page = page_of(client.get(detail_url(application)))
    assert reverse("foi_staff:letter", args=[letter.pk, "docx"]) in page
    assert reverse("foi_staff:letter", args=[letter.pk, "pdf"]) in page

    response = client.post(action_url(application, "deliver"), {"deliver-note": ""})
    assert response.status_code == 400 and "请填写送达方式和情况" in page_of(response)
    response = client.post(action_url(application, "deliver"), {"deliver-note": "邮寄送达"})
    assert response.status_code == 302
    assert client.post(action_url(application, "archive")).status_code == 302
    application.refresh_from_db()
    assert application.status == Status.ARCHIVED and application.archived_at
    page = page_of(client.get(detail_url(application)))
    for done in ("拟办结果：部分公开", "审批同意", "送达：邮寄送达", "归档"):
        assert done in page
    response = client.post(action_url(application, "archive"))
    assert response.status_code == 409


def test_send_back_needs_a_reason(client, office, office2, application):
    services.application_decide(
        application=application,
        outcome=Outcome.DISCLOSE,
        processing_summary="已提供",
        actor=office,
        now=NOW,
    )
    client.force_login(office2)
    response = client.post(action_url(application, "send_back"), {"back-reason": ""})
    assert response.status_code == 400 and "请填写退回理由" in page_of(response)
    response = client.post(action_url(application, "send_back"), {"back-reason": "依据不充分"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.PROCESSING
    assert "依据不充分" in page_of(client.get(detail_url(application)))


def test_decide_refused_while_paused(client, office, application):
    services.clock_entry_add(
        application=application,
        kind=EventKind.SUPPLEMENT_REQUESTED,
        on=TODAY,
        until=date(2025, 4, 10),
        actor=office,
        now=NOW,
    )
    client.force_login(office)
    response = client.post(
        action_url(application, "decide"),
        {"decide-outcome": Outcome.DISCLOSE, "decide-processing_summary": "已提供"},
    )
    assert response.status_code == 400 and "暂停计时" in page_of(response)


def test_unknown_action_is_404_and_get_is_405(client, office, application):
    client.force_login(office)
    assert client.post(action_url(application, "delete")).status_code == 404
    assert client.get(action_url(application, "approve")).status_code == 405


def test_remedies(client, office, application):
    client.force_login(office)
    response = client.post(
        action_url(application, "remedy"),
        {
            "remedy-kind": RemedyKind.REVIEW,
            "remedy-filed_on": "2025-03-26",
            "remedy-body": "市政府",
        },
    )
    assert response.status_code == 302
    remedy = Remedy.objects.get()
    url = reverse("foi_staff:remedy_conclude", args=[application.pk, remedy.pk])
    response = client.post(
        url,
        {f"r{remedy.pk}-result": RemedyResult.UPHELD, f"r{remedy.pk}-concluded_on": "2025-03-01"},
    )
    assert response.status_code == 400 and "审结日期不能早于立案日期" in page_of(response)
    response = client.post(
        url,
        {f"r{remedy.pk}-result": RemedyResult.PENDING, f"r{remedy.pk}-concluded_on": "2025-03-27"},
    )
    assert response.status_code == 400
    response = client.post(
        url,
        {f"r{remedy.pk}-result": RemedyResult.UPHELD, f"r{remedy.pk}-concluded_on": "2025-03-27"},
    )
    assert response.status_code == 302
    remedy.refresh_from_db()
    assert remedy.result == RemedyResult.UPHELD and remedy.concluded_on == TODAY
    assert "结果维持" in page_of(client.get(detail_url(application)))


def test_detail_query_count_does_not_grow_with_history(
    client, office, application, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr(calendar_module, "connection", SimpleNamespace(in_atomic_block=False))
    client.force_login(office)
    client.get(detail_url(application))
    with django_assert_max_num_queries(16) as few:
        assert client.get(detail_url(application)).status_code == 200
    for kind, on, extra in (
        (EventKind.SUPPLEMENT_REQUESTED, date(2025, 3, 21), {"until": date(2025, 4, 3)}),
        (EventKind.SUPPLEMENT_RECEIVED, date(2025, 3, 24), {}),
        (EventKind.CONSULTATION_STARTED, date(2025, 3, 25), {"party": "third_party"}),
        (EventKind.CONSULTATION_ENDED, date(2025, 3, 26), {"party": "third_party"}),
        (EventKind.EXTENSION_APPROVED, date(2025, 3, 27), {"days": 10}),
    ):
        services.clock_entry_add(
            application=application, kind=kind, on=on, actor=office, now=NOW, **extra
        )
    with django_assert_max_num_queries(len(few)):
        assert client.get(detail_url(application)).status_code == 200


def test_fee_on_an_unconfirmed_application_is_refused_not_a_500(client, org, office):
    online = services.application_submit(organization=org, data=person_data(), now=NOW)
    client.force_login(office)
    for extra in ({"preview": "1"}, {}):
        response = client.post(
            action_url(online, "fee"), {"fee-method": "per_application", **extra}
        )
        assert response.status_code == 409 and "不能进行此操作" in page_of(response)
    assert not ClockEntry.objects.exists()
