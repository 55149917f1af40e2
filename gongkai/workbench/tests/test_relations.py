"""Linking an item to the published items it amends, abolishes or reprints."""

from django.urls import reverse

import pytest

from gongkai.core.testing import Team, aware, item_fields, published_item
from gongkai.publishing import services
from gongkai.publishing.choices import InfoType, RelationKind, Validity
from gongkai.publishing.models import ItemRelation

pytestmark = pytest.mark.django_db
NOW = aware(2025, 3, 10, 9, 30)


@pytest.fixture
def team():
    """A team whose organization has published the policy the new items link to."""
    team = Team()
    team.old_policy = published_item(
        team,
        now=NOW,
        title="临江市停车管理办法",
        info_type=InfoType.NORMATIVE,
        document_number="临政发〔2020〕3号",
    )
    return team


def action_url(item, action):
    return reverse("workbench:item_action", args=[item.pk, action])


def test_drafter_links_the_draft_by_document_number(client, team):
    new = services.item_create(
        organization=team.org, actor=team.drafter, now=NOW, **item_fields(title="修改决定")
    )
    client.force_login(team.drafter)

    response = client.post(
        action_url(new, "relate"), {"kind": RelationKind.AMENDS, "reference": "临政发[2020]３号"}
    )

    assert response.status_code == 302
    relation = ItemRelation.objects.get()
    assert (relation.source, relation.target, relation.kind) == (new, team.old_policy, "amends")
    page = client.get(response.url).content.decode()
    assert "已添加关联信息" in page and "临江市停车管理办法" in page and "取消关联" in page


def test_office_abolishes_by_linking_then_unlinks(client, team):
    new = published_item(team, now=NOW, title="新办法", info_type=InfoType.NORMATIVE)
    client.force_login(team.office)

    response = client.post(
        action_url(new, "relate"),
        {"kind": RelationKind.ABOLISHES, "reference": team.old_policy.index_number},
    )
    assert response.status_code == 302
    old = team.old_policy
    old.refresh_from_db()
    assert old.validity == Validity.ABOLISHED
    old_page = client.get(reverse("workbench:item_detail", args=[old.pk])).content.decode()
    assert "被以下信息废止" in old_page and "新办法" in old_page

    relation = ItemRelation.objects.get()
    response = client.post(action_url(new, "unrelate"), {"relation": relation.pk})
    assert response.status_code == 302 and not ItemRelation.objects.exists()


def test_unknown_index_number_is_400_with_message(client, team):
    new = published_item(team, now=NOW, title="新办法")
    client.force_login(team.office)

    response = client.post(
        action_url(new, "relate"), {"kind": RelationKind.REPRINTS, "reference": "123/2099-1"}
    )

    assert response.status_code == 400
    assert "没有索引号或文号为“123/2099-1”的已发布信息" in response.content.decode()
    assert not ItemRelation.objects.exists()


def test_incomplete_form_is_400(client, team):
    new = published_item(team, now=NOW, title="新办法")
    client.force_login(team.office)
    response = client.post(action_url(new, "relate"), {"kind": "cites", "reference": ""})
    assert response.status_code == 400
    assert not ItemRelation.objects.exists()


def test_someone_elses_link_cannot_be_removed(client, team):
    other = published_item(team, now=NOW, title="另一条信息")
    new = published_item(team, now=NOW, title="新办法")
    relation = services.item_relation_add(
        source=other, target=team.old_policy, kind=RelationKind.REPRINTS, actor=team.office, now=NOW
    )
    client.force_login(team.office)
    response = client.post(action_url(new, "unrelate"), {"relation": relation.pk})
    assert response.status_code == 404
    response = client.post(action_url(new, "unrelate"), {"relation": "x"})
    assert response.status_code == 404
    assert ItemRelation.objects.exists()


def test_only_who_may_link_sees_the_form(client, team):
    url = reverse("workbench:item_detail", args=[team.old_policy.pk])
    client.force_login(team.drafter)
    assert "添加关联" not in client.get(url).content.decode()
    client.force_login(team.office)
    page = client.get(url).content.decode()
    assert "添加关联" in page
