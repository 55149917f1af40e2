"""The 废止 form on a published policy's page: at once, or from a later 废止日期."""

from datetime import date

from django.urls import reverse

import pytest

from gongkai.core.testing import Team, aware, published_item
from gongkai.publishing.choices import Action, InfoType, Validity

pytestmark = pytest.mark.django_db
REASON = "已被《临江市机动车停放服务管理办法》废止。"


@pytest.fixture
def policy():
    team = Team()
    team.policy = published_item(
        team,
        now=aware(2025, 3, 10, 9, 30),
        title="临江市停车管理办法",
        info_type=InfoType.NORMATIVE,
        effective_on=date(2025, 4, 1),
    )
    return team


def test_office_abolishes_from_a_later_day(client, policy, time_machine):
    time_machine.move_to(aware(2025, 12, 20, 10, 0), tick=False)
    item = policy.policy
    client.force_login(policy.office)
    page = reverse("workbench:item_detail", args=[item.pk])
    assert "填写以后的日期的，文件在此之前仍然有效" in client.get(page).content.decode()

    response = client.post(
        reverse("workbench:item_action", args=[item.pk, "abolish"]),
        {"reason": REASON, "effective_on": "2026-01-01"},
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.validity == Validity.CURRENT and item.abolished_on == date(2026, 1, 1)
    assert item.events.get(action=Action.ABOLISH_SCHEDULED).actor == policy.office
    html = client.get(page).content.decode()
    assert "已决定本文件自2026年1月1日起废止，届时自动标记为废止" in html
    assert "已决定自2026年1月1日起废止" in html  # the message after the action
    assert '<th scope="row">废止日期</th><td>2026-01-01' in html
    assert f"自2026年1月1日起废止。{REASON}" in html  # 办理记录
    assert 'action="' + reverse("workbench:item_action", args=[item.pk, "abolish"]) not in html


def test_abolition_date_before_the_effective_date_is_400_with_message(client, policy):
    item = policy.policy
    client.force_login(policy.office)

    response = client.post(
        reverse("workbench:item_action", args=[item.pk, "abolish"]),
        {"reason": REASON, "effective_on": "2025-03-20"},
    )

    assert response.status_code == 400
    assert "废止日期不能早于施行日期。" in response.content.decode()
    item.refresh_from_db()
    assert item.validity == Validity.CURRENT and item.abolished_on is None
