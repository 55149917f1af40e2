from django.urls import reverse

import pytest

from gongkai.interpretation.models import Form
from gongkai.publishing.choices import InfoType

from .data import approve, draft, interpret, publish

pytestmark = pytest.mark.django_db


def test_policy_and_interpretation_link_both_ways(client, team):
    policy = approve(
        team,
        draft(
            team,
            title="某市促进就业若干措施",
            info_type=InfoType.NORMATIVE,
            needs_interpretation=True,
        ),
    )
    interpretation = interpret(team, policy, title="一图读懂促进就业若干措施")
    publish(team, policy)
    policy_url = reverse("portal:item", args=[policy.pk])
    interpretation_url = reverse("portal:interpretation", args=[interpretation.pk])

    policy_html = client.get(policy_url).content.decode()
    interpretation_html = client.get(interpretation_url).content.decode()

    assert interpretation_url in policy_html and interpretation.title in policy_html
    assert policy_url in interpretation_html and policy.title in interpretation_html
    assert "问答" in interpretation_html and "一、出台背景" in interpretation_html
    assert interpretation_html.count("<h1") == 1
    listing = client.get(reverse("portal:interpretations")).content.decode()
    assert interpretation_url in listing
    assert interpretation_url in client.get(reverse("portal:home")).content.decode()


def test_unpublished_interpretation_is_404_and_hidden(client, team):
    policy = approve(team, draft(team, title="尚未发布的政策", info_type=InfoType.NORMATIVE))
    interpretation = interpret(team, policy, title="尚未发布的解读")

    url = reverse("portal:interpretation", args=[interpretation.pk])
    assert client.get(url).status_code == 404
    assert (
        interpretation.title not in client.get(reverse("portal:interpretations")).content.decode()
    )
    assert interpretation.title not in client.get(reverse("portal:home")).content.decode()


def test_interpretation_list_paginates(client, team):
    for n in range(21):
        policy = approve(team, draft(team, title=f"政策{n}", info_type=InfoType.NORMATIVE))
        interpret(team, policy, title=f"第{n:02d}篇解读")
        publish(team, policy)

    first = client.get(reverse("portal:interpretations")).content.decode()
    second = client.get(reverse("portal:interpretations") + "?page=2").content.decode()

    assert first.count("篇解读</a>") == 20 and second.count("篇解读</a>") == 1


def test_media_link_and_interpreter_are_shown(client, team):
    policy = approve(team, draft(team, title="政策", info_type=InfoType.NORMATIVE))
    interpretation = interpret(
        team,
        policy,
        title="视频解读",
        form=Form.MEDIA,
        interpreter="市教育局局长",
        media_url="https://example.gov.cn/video/1",
    )
    publish(team, policy)
    page = client.get(reverse("portal:interpretation", args=[interpretation.pk])).content.decode()
    assert 'href="https://example.gov.cn/video/1"' in page and "市教育局局长" in page
