"""Search tests run against the tantivy engine always, and against PostgreSQL when the test
database is PostgreSQL (CI runs both). Each test gets its own tantivy directory."""

from django.db import connection

import pytest

from gongkai.core.testing import Team, aware, item_fields
from gongkai.core.timeutil import local_date
from gongkai.publishing import services
from gongkai.publishing.choices import Attribute
from gongkai.search.backends import get_backend

NOW = aware(2025, 3, 10, 9, 30)
ON_POSTGRES = connection.vendor == "postgresql"
ENGINES = [
    "tantivy",
    pytest.param("postgres", marks=pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL")),
]


@pytest.fixture(autouse=True)
def tantivy_dir(settings, tmp_path):
    settings.GONGKAI_SEARCH_TANTIVY_DIR = tmp_path / "tantivy"
    settings.GONGKAI_SEARCH_BACKEND = "tantivy"
    return settings.GONGKAI_SEARCH_TANTIVY_DIR


@pytest.fixture(params=ENGINES)
def engine(request, settings, tantivy_dir):
    """The engine under test, configured as the search backend."""
    settings.GONGKAI_SEARCH_BACKEND = request.param
    return get_backend(request.param)


class Publisher:
    """Publishes items through the real workflow; index jobs run when the service commits."""

    def __init__(self, capture, team: Team | None = None):
        self.capture = capture
        self.team = team or Team()

    def __call__(self, *, now=NOW, team: Team | None = None, **overrides):
        team = team or self.team
        overrides.setdefault("written_on", local_date(now))
        with self.capture(execute=True):
            item = services.item_create(
                organization=team.org, actor=team.drafter, now=now, **item_fields(**overrides)
            )
            services.item_submit(item=item, actor=team.drafter, now=now)
            services.item_approve(item=item, actor=team.reviewer, now=now)
            if item.attribute != Attribute.PROACTIVE:
                services.item_approve(item=item, actor=team.office, now=now)
            services.item_approve(item=item, actor=team.secrecy, now=now)
        with self.capture(execute=True):
            return services.item_publish(item=item, actor=team.office, now=now)

    def withdraw(self, item, *, now=NOW):
        with self.capture(execute=True):
            return services.item_withdraw(
                item=item, actor=self.team.office, now=now, reason="内容有误"
            )

    def correct(self, item, *, now=NOW, **fields):
        with self.capture(execute=True):
            return services.item_correct(
                item=item, actor=self.team.office, now=now, reason="更正错字", **fields
            )

    def abolish(self, item, *, now=NOW):
        with self.capture(execute=True):
            return services.item_abolish(
                item=item, actor=self.team.office, now=now, reason="已被新规定替代"
            )


@pytest.fixture
def publish(db, django_capture_on_commit_callbacks):
    return Publisher(django_capture_on_commit_callbacks)
