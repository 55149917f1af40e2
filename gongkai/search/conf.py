"""Search settings, read from Django settings with defaults (none need setting to start):

- ``GONGKAI_SEARCH_BACKEND``: ``"tantivy"`` (embedded, the default) or ``"postgres"`` (the
  default when the database is PostgreSQL). Set it explicitly to override.
- ``GONGKAI_SEARCH_TANTIVY_DIR``: where the tantivy index lives; default
  ``VAR_DIR / "search" / "tantivy"``.
- ``GONGKAI_SEARCH_WRITER_HEAP``: the tantivy writer's memory budget in bytes (default 64 MB;
  the rebuild command uses ``GONGKAI_SEARCH_REBUILD_HEAP``, default 256 MB).
"""

from pathlib import Path

from django.conf import settings
from django.db import connection

BACKENDS = ("tantivy", "postgres")


def backend_name() -> str:
    name = getattr(settings, "GONGKAI_SEARCH_BACKEND", "")
    if name:
        return name
    return "postgres" if connection.vendor == "postgresql" else "tantivy"


def tantivy_dir() -> Path:
    configured = getattr(settings, "GONGKAI_SEARCH_TANTIVY_DIR", None)
    return Path(configured) if configured else Path(settings.VAR_DIR) / "search" / "tantivy"


def writer_heap() -> int:
    return int(getattr(settings, "GONGKAI_SEARCH_WRITER_HEAP", 64_000_000))


def rebuild_heap() -> int:
    return int(getattr(settings, "GONGKAI_SEARCH_REBUILD_HEAP", 256_000_000))
