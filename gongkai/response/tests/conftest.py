"""A small city for the tests: 临江市人民政府 with two departments, 江北区人民政府 with its own
education bureau and a street, and an openness-office member at each level."""

import pytest

from gongkai.core.testing import OrganizationFactory, aware, staff
from gongkai.orgs.models import Level, Role
from gongkai.workdays.calendar import clear_cache


@pytest.fixture(autouse=True)
def fresh_calendar_cache():
    clear_cache()
    yield
    clear_cache()


class City:
    def __init__(self):
        self.city = OrganizationFactory(
            name="临江市人民政府", short_name="市政府", slug="linjiang", level=Level.GOVERNMENT
        )
        self.education = OrganizationFactory(
            name="临江市教育局", slug="jyj", level=Level.DEPARTMENT, parent=self.city
        )
        self.reform = OrganizationFactory(
            name="临江市发展和改革委员会", slug="fgw", level=Level.DEPARTMENT, parent=self.city
        )
        self.health = OrganizationFactory(
            name="临江市卫生健康委员会", slug="wjw", level=Level.DEPARTMENT, parent=self.city
        )
        self.district = OrganizationFactory(
            name="江北区人民政府",
            short_name="江北区",
            slug="jiangbei",
            level=Level.DISTRICT,
            parent=self.city,
        )
        self.district_education = OrganizationFactory(
            name="江北区教育局",
            slug="jiangbei-jyj",
            level=Level.DISTRICT_DEPARTMENT,
            parent=self.district,
        )
        self.district_reform = OrganizationFactory(
            name="江北区发展和改革局",
            slug="jiangbei-fgj",
            level=Level.DISTRICT_DEPARTMENT,
            parent=self.district,
        )
        self.town = OrganizationFactory(
            name="江北区滨江街道办事处",
            short_name="滨江街道",
            slug="jiangbei-binjiang",
            level=Level.TOWN,
            parent=self.district,
        )
        self.city_office = staff(self.city, Role.OPENNESS_OFFICE, email="city@example.gov.cn")
        self.education_office = staff(
            self.education, Role.OPENNESS_OFFICE, email="jyj@example.gov.cn"
        )
        self.district_office = staff(
            self.district, Role.OPENNESS_OFFICE, email="jiangbei@example.gov.cn"
        )
        self.district_education_office = staff(self.district_education, Role.OPENNESS_OFFICE)
        self.health_office = staff(self.health, Role.OPENNESS_OFFICE)


@pytest.fixture
def city(db):
    return City()


# 2025-10-01 is 国庆节, a public holiday; 22:30 in Beijing.
HOLIDAY_NIGHT = aware(2025, 10, 1, 22, 30)
