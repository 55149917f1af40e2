import pytest

from gongkai.core.testing import OrganizationFactory, staff
from gongkai.orgs.models import Role
from gongkai.workdays.calendar import clear_cache


@pytest.fixture(autouse=True)
def fresh_calendar_cache():
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def org(db):
    return OrganizationFactory(name="临江市交通运输局", short_name="市交通运输局")


@pytest.fixture
def office(org):
    return staff(org, Role.OPENNESS_OFFICE, first_name="王")


@pytest.fixture
def outsider(db):
    return staff(OrganizationFactory(), Role.OPENNESS_OFFICE)
