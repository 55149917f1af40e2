"""Routing a new message to the organization in charge (``routing.route``)."""

import pytest

from gongkai.core.errors import DomainError
from gongkai.core.testing import OrganizationFactory
from gongkai.orgs.models import Level
from gongkai.participation.mailbox.choices import Kind, RoutedBy
from gongkai.participation.mailbox.models import Message, RoutingRule
from gongkai.participation.mailbox.routing import root_organization, route
from gongkai.participation.mailbox.testing import submit

pytestmark = pytest.mark.django_db


def routed(kind=Kind.LEADER, chosen=None, subject="", body=""):
    return route(kind=kind, chosen_organization=chosen, subject=subject, body=body)


def test_default_rules_are_seeded():
    names = set(RoutingRule.objects.values_list("organization_name", flat=True))
    assert {"教育局", "人力资源和社会保障局", "公安局", "住房和城乡建设局"} <= names
    assert all(rule.keyword_list() for rule in RoutingRule.objects.all())


def test_the_writers_choice_wins(education, hrss):
    result = routed(Kind.CONSULT, education, "社保缴费基数", "社保怎么缴")
    assert result.organization == education and result.routed_by == RoutedBy.CHOSEN


def test_leader_mailbox_goes_by_keywords_even_with_a_choice(city, education, hrss):
    result = routed(Kind.LEADER, education, "关于社保断缴的求助", "单位欠缴社会保险，怎么办")
    assert result.organization == hrss
    assert result.routed_by == RoutedBy.RULE
    assert result.rule.organization_name == "人力资源和社会保障局"


def test_unsure_writer_goes_by_keywords(city, education, hrss):
    result = routed(Kind.CONSULT, None, "咨询一件事", "孩子明年上小学，入学报名什么时候开始？")
    assert result.organization == education and result.routed_by == RoutedBy.RULE


def test_subject_counts_more_than_body(city, education, hrss):
    # 社保 in the subject (2) beats 学校 in the body (1).
    result = routed(subject="社保缴费", body="我在学校附近上班。")
    assert result.organization == hrss and result.score == 2


def test_more_keywords_win(city, education, hrss):
    result = routed(body="想问入学和招生的学位安排，顺便问社保。")
    assert result.organization == education  # 入学 + 招生 + 学位 = 3 against 社保 = 1


def test_nothing_matches_goes_to_the_general_office(city, education):
    result = routed(subject="提个想法", body="希望城市越来越好。")
    assert result.organization == city == root_organization()
    assert result.routed_by == RoutedBy.DEFAULT and result.rule is None


def test_rule_for_a_missing_department_is_skipped(city, education):
    # 水库 names the 水利局 rule, which has no department here: next best is none → the root.
    assert routed(body="水库边的路坏了").organization == city
    # With a second keyword for education, that rule takes it.
    assert routed(body="水库边的学校校车路线坏了").organization == education


def test_rule_with_a_named_organization_and_priority(city, education, hrss):
    RoutingRule.objects.create(name="职业学校", keywords="职业学校", organization=hrss, priority=5)
    RoutingRule.objects.create(
        name="职业学校（教育）", keywords="职业学校", organization=education, priority=1
    )
    result = routed(body="职业学校")
    assert result.organization == hrss and result.rule.name == "职业学校"


def test_inactive_rules_and_organizations_are_ignored(city, education):
    RoutingRule.objects.filter(organization_name="教育局").update(is_active=False)
    assert routed(body="入学招生").organization == city
    RoutingRule.objects.filter(organization_name="教育局").update(is_active=True)
    education.is_active = False
    education.save()
    assert routed(body="入学招生").organization == city


def test_name_pattern_prefers_the_city_department(city, education):
    district = OrganizationFactory(name="临江市江北区人民政府", level=Level.DISTRICT, parent=city)
    OrganizationFactory(
        name="江北区教育局", level=Level.DISTRICT_DEPARTMENT, parent=district, sort_order=0
    )
    assert routed(body="入学招生").organization == education


def test_full_width_text_matches(city, education):
    RoutingRule.objects.create(name="英语", keywords="ABC培训", organization_name="教育局")
    assert routed(body="ＡＢＣ培训机构退费难").organization == education


def test_submission_records_the_routing(city, education, hrss):
    message = submit(None, kind="leader", subject="退休手续", body="我的退休手续怎么办理？")
    assert message.organization == hrss
    assert message.routed_by == RoutedBy.RULE and message.routing_rule is not None
    assert message.chosen_organization is None
    chosen = submit(education, kind="suggest")
    assert chosen.organization == education and chosen.routed_by == RoutedBy.CHOSEN
    assert chosen.chosen_organization == education


def test_an_inactive_choice_is_refused(city, education):
    education.is_active = False
    education.save()
    with pytest.raises(DomainError) as exc:
        submit(education)
    assert exc.value.field == "organization"
    assert Message.objects.count() == 0


def test_no_organization_at_all():
    with pytest.raises(DomainError):
        routed(body="任何内容")
