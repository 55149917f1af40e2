import pytest

from gongkai.core.testing import Team


@pytest.fixture
def team():
    """One organization with a person in each workflow role."""
    return Team()
