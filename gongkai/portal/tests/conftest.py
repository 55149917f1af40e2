"""Portal test fixtures."""

import pytest

from gongkai.core.testing import Team
from gongkai.orgs.models import PlatformSettings


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def team(db):
    PlatformSettings.load()  # created once here, so page query counts do not include it
    return Team()
