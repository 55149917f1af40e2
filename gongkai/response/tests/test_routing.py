"""属地管理、分级负责、谁主管谁负责: which organization ``suggest_responsible`` proposes."""

import pytest

from gongkai.core.errors import DomainError
from gongkai.core.testing import OrganizationFactory
from gongkai.orgs.models import Level
from gongkai.response.choices import EventLevel
from gongkai.response.routing import (
    CITY,
    COUNTY,
    function_key,
    overseeing_organization,
    suggest_responsible,
)


def test_general_event_in_a_town_goes_to_the_district_department_in_charge(city):
    s = suggest_responsible(level=EventLevel.GENERAL, place=city.town, subject=city.education)
    assert s.organization == city.district_education and s.tier == COUNTY
    assert "事发地区县" in s.explanation and "江北区教育局" in s.explanation


def test_general_event_with_the_district_department_given_keeps_it(city):
    s = suggest_responsible(
        level=EventLevel.GENERAL, place=city.district, subject=city.district_education
    )
    assert s.organization == city.district_education


def test_general_event_without_a_counterpart_goes_to_the_district_government(city):
    s = suggest_responsible(level=EventLevel.GENERAL, place=city.town, subject=city.health)
    assert s.organization == city.district and s.tier == COUNTY
    assert "没有对口的主管部门" in s.explanation


def test_general_event_without_subject_goes_to_the_district_government(city):
    s = suggest_responsible(level=EventLevel.GENERAL, place=city.town)
    assert s.organization == city.district


def test_general_event_of_a_district_department_without_place_stays_in_the_district(city):
    s = suggest_responsible(level=EventLevel.GENERAL, subject=city.district_education)
    assert s.organization == city.district_education


def test_city_wide_general_event_goes_to_the_city_department(city):
    s = suggest_responsible(level=EventLevel.GENERAL, subject=city.education)
    assert s.organization == city.education and s.tier == CITY


@pytest.mark.parametrize("level", [EventLevel.LARGE, EventLevel.MAJOR, EventLevel.EXTRAORDINARY])
def test_larger_events_go_to_the_city_department_in_charge(city, level):
    s = suggest_responsible(level=level, place=city.town, subject=city.district_education)
    assert s.organization == city.education and s.tier == CITY
    assert "市级负责" in s.explanation


def test_counterparts_match_across_kinds_of_body(city):
    # 江北区发展和改革局 ↔ 临江市发展和改革委员会
    assert function_key(city.district_reform) == function_key(city.reform) == "发展和改革"
    s = suggest_responsible(level=EventLevel.MAJOR, subject=city.district_reform)
    assert s.organization == city.reform


def test_counterpart_by_slug_when_names_differ(city):
    renamed = OrganizationFactory(
        name="临江市教育体育局",
        slug="jiangbei-jytj",
        level=Level.DISTRICT_DEPARTMENT,
        parent=city.district,
    )
    target = OrganizationFactory(
        name="临江市文教办", slug="jytj", level=Level.DEPARTMENT, parent=city.city
    )
    assert suggest_responsible(level=EventLevel.MAJOR, subject=renamed).organization == target


def test_major_event_without_subject_goes_to_the_city_government(city):
    s = suggest_responsible(level=EventLevel.MAJOR, place=city.town)
    assert s.organization == city.city


def test_inactive_counterpart_is_skipped(city):
    city.district_education.is_active = False
    city.district_education.save()
    s = suggest_responsible(level=EventLevel.GENERAL, place=city.town, subject=city.education)
    assert s.organization == city.district


def test_unknown_level_is_refused(city):
    with pytest.raises(DomainError):
        suggest_responsible(level="huge", place=city.town)


def test_overseeing_organization_is_the_parent_or_the_top_government(city):
    assert overseeing_organization(city.district_education) == city.district
    assert overseeing_organization(city.education) == city.city
    assert overseeing_organization(city.district) == city.city
    assert overseeing_organization(city.city) == city.city
