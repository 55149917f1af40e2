from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from gongkai.core.testing import Team, UserFactory
from gongkai.orgs.models import PlatformSettings

pytestmark = pytest.mark.django_db


def test_a_request_reads_the_settings_once(client):
    PlatformSettings.load()
    client.force_login(Team().drafter)
    # The workbench home asks for them three times: the page context, the due-soon window and
    # the publication time limit.
    with CaptureQueriesContext(connection) as context:
        assert client.get(reverse("workbench:home")).status_code == 200
    reads = [q for q in context.captured_queries if "orgs_platformsettings" in q["sql"]]
    assert len(reads) == 1


def test_a_changed_setting_is_seen_at_once(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert "政府信息公开平台" in client.get(reverse("workbench:home")).content.decode()
    data = model_to_dict(PlatformSettings.load()) | {"site_name": "测试市政府信息公开平台"}
    change = reverse("admin:orgs_platformsettings_change", args=[1])
    assert client.post(change, data).status_code == 302
    assert "测试市政府信息公开平台" in client.get(reverse("workbench:home")).content.decode()

    # Outside a request nothing is kept: services see a change made any way at all.
    PlatformSettings.objects.filter(pk=1).update(due_soon_days=5)
    assert PlatformSettings.load().due_soon_days == 5
