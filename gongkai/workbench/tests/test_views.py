from types import SimpleNamespace
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import escape

import pytest

from gongkai.core.testing import OrganizationFactory, Team, aware, item_fields, staff
from gongkai.orgs.models import Role
from gongkai.publishing import services
from gongkai.publishing.choices import Attribute, InfoType, Status
from gongkai.workdays import calendar as calendar_module

pytestmark = pytest.mark.django_db
NOW = aware(2025, 3, 10, 9, 30)


@pytest.fixture
def team():
    return Team()


def form_data(org, **overrides):
    data = {
        "organization": org.pk,
        "title": "关于做好春季森林防火工作的通知",
        "written_on": "2025-03-03",
        "info_type": InfoType.NOTICE,
        "attribute": Attribute.PROACTIVE,
        "body": "<p>各乡镇人民政府：请做好防火工作。</p>",
    }
    data.update(overrides)
    return data


def test_login_required(client):
    response = client.get(reverse("workbench:home"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_drafter_creates_item(client, team):
    client.force_login(team.drafter)
    response = client.post(reverse("workbench:item_create"), form_data(team.org))
    assert response.status_code == 302
    item = services.Item.objects.get()
    assert item.status == Status.DRAFT and item.created_by == team.drafter


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"attribute": Attribute.NOT_PUBLIC, "attribute_explanation": "涉及安全"},
            "必须选择法定依据",
        ),
        ({"written_on": "2099-01-01"}, "成文日期不能晚于今天"),
        ({"title": ""}, "这个字段是必填项"),
    ],
)
def test_bad_input_gets_clear_message_and_400(client, team, overrides, message):
    client.force_login(team.drafter)
    response = client.post(reverse("workbench:item_create"), form_data(team.org, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not services.Item.objects.exists()


def test_messages_stay_chinese_for_a_browser_that_prefers_english(client, team):
    # There is no English catalog yet: Django's own messages must not switch to English
    # beside the Chinese text of the page.
    client.force_login(team.drafter)
    response = client.post(
        reverse("workbench:item_create"),
        form_data(team.org, title=""),
        HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9",
    )
    assert response.status_code == 400
    assert "这个字段是必填项" in response.content.decode()


def test_duplicate_document_number_message(client, team):
    services.item_create(
        organization=team.org,
        actor=team.drafter,
        now=NOW,
        **item_fields(document_number="测政发〔2025〕1号"),
    )
    client.force_login(team.drafter)
    response = client.post(
        reverse("workbench:item_create"), form_data(team.org, document_number="测政发〔2025〕1号")
    )
    assert response.status_code == 400
    assert "本机构已有文号为" in response.content.decode()


def test_other_departments_drafts_are_invisible(client, team):
    item = services.item_create(organization=team.org, actor=team.drafter, now=NOW, **item_fields())
    outsider = staff(OrganizationFactory(), Role.DRAFTER, Role.UNIT_REVIEWER)
    client.force_login(outsider)
    assert client.get(reverse("workbench:item_detail", args=[item.pk])).status_code == 404
    assert item.title not in client.get(reverse("workbench:item_list")).content.decode()
    response = client.post(reverse("workbench:item_action", args=[item.pk, "submit"]))
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.status == Status.DRAFT


def test_reviewer_in_wrong_role_gets_403_with_message(client, team):
    item = services.item_create(organization=team.org, actor=team.drafter, now=NOW, **item_fields())
    services.item_submit(item=item, actor=team.drafter, now=NOW)
    client.force_login(team.secrecy)  # same organization, but not the unit reviewer
    response = client.post(reverse("workbench:item_action", args=[item.pk, "approve"]))
    assert response.status_code == 403
    assert "无权办理" in response.content.decode()


def test_todo_shows_waiting_and_overdue(client, team):
    item = services.item_create(
        organization=team.org, actor=team.drafter, now=NOW, **item_fields(title="待审核的通知")
    )
    services.item_submit(item=item, actor=team.drafter, now=NOW)
    client.force_login(team.reviewer)
    page = client.get(reverse("workbench:home")).content.decode()
    assert "待审核的通知" in page
    assert "已逾期" in page  # written 2025-03-03, long past its 20 working days


def test_review_page_lists_findings_with_positions(client, team):
    item = services.item_create(
        organization=team.org,
        actor=team.drafter,
        now=NOW,
        **item_fields(body="<p>联系人手机13912345678。</p>"),
    )
    services.item_submit(item=item, actor=team.drafter, now=NOW)
    services.item_approve(item=item, actor=team.reviewer, now=NOW)
    client.force_login(team.secrecy)
    page = client.get(reverse("workbench:item_detail", args=[item.pk])).content.decode()
    assert "手机号码" in page and "<mark>13912345678</mark>" in page and "第 6 字" in page


def test_workbench_item_list_query_count(client, team, django_assert_max_num_queries):
    for n in range(15):
        services.item_create(
            organization=team.org, actor=team.drafter, now=NOW, **item_fields(title=f"通知{n}")
        )
    client.force_login(team.drafter)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("workbench:item_list")).status_code == 200


def test_paging_a_filtered_list_keeps_the_filter(client, team):
    for n in range(31):
        services.item_create(
            organization=team.org, actor=team.drafter, now=NOW, **item_fields(title=f"防火通知{n}")
        )
    services.item_create(organization=team.org, actor=team.drafter, now=NOW, **item_fields())
    client.force_login(team.drafter)
    url = reverse("workbench:item_list")
    first = client.get(url, {"q": "防火", "status": Status.DRAFT}).content.decode()
    assert '<span aria-current="page">第 1 / 2 页</span>' in first
    assert escape("?" + urlencode({"q": "防火", "status": Status.DRAFT, "page": 2})) in first
    second = client.get(url, {"q": "防火", "status": Status.DRAFT, "page": 2}).content.decode()
    assert second.count("防火通知") == 1 and "重点工作" not in second
    assert escape("?" + urlencode({"q": "防火", "status": Status.DRAFT, "page": 1})) in second


def test_workbench_home_query_count_for_a_drafter(
    client, team, monkeypatch, django_assert_num_queries
):
    # Requests are not atomic: the calendar stays cached between uses, as here.
    monkeypatch.setattr(calendar_module, "connection", SimpleNamespace(in_atomic_block=False))
    for n in range(3):
        item = services.item_create(
            organization=team.org, actor=team.drafter, now=NOW, **item_fields(title=f"通知{n}")
        )
    services.item_submit(item=item, actor=team.drafter, now=NOW)
    client.force_login(team.drafter)
    client.get(reverse("workbench:home"))  # warm the calendar
    # Session, user, roles, overdue and due-soon items, the site settings (once a request),
    # the publication time limits, items waiting for the drafter; the navigation adds none.
    with django_assert_num_queries(7):
        assert client.get(reverse("workbench:home")).status_code == 200
