import pytest

from gongkai.core.testing import OrganizationFactory, staff
from gongkai.orgs.models import Level, Role
from gongkai.workdays.calendar import clear_cache


@pytest.fixture(autouse=True)
def fresh_calendar_cache():
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def city(db):
    return OrganizationFactory(
        name="临江市人民政府", slug="linjiang", level=Level.GOVERNMENT, parent=None, sort_order=1
    )


@pytest.fixture
def education(city):
    return OrganizationFactory(name="临江市教育局", slug="jyj", parent=city, sort_order=10)


@pytest.fixture
def hrss(city):
    return OrganizationFactory(
        name="临江市人力资源和社会保障局", slug="rsj", parent=city, sort_order=20
    )


@pytest.fixture
def city_office(city):
    return staff(city, Role.OPENNESS_OFFICE)


@pytest.fixture
def edu_office(education):
    return staff(education, Role.OPENNESS_OFFICE)


@pytest.fixture
def hrss_office(hrss):
    return staff(hrss, Role.OPENNESS_OFFICE)
