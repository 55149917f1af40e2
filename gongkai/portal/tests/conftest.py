"""Portal test fixtures."""

from django.core.cache import cache

import pytest

from gongkai.core.testing import Team
from gongkai.orgs.models import PlatformSettings


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_page_cache(settings, tmp_path):
    """Each test starts with no cached page and its own public-content version file (the
    database is rolled back between tests; the in-process cache is not)."""
    settings.VAR_DIR = tmp_path / "var"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def team(db):
    PlatformSettings.load()  # created once here, so page query counts do not include it
    return Team()
