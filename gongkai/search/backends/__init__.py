"""The engines behind ``gongkai.search.search``. Each implements ``Backend``."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol

from django.utils import timezone

from .. import SearchQuery


@dataclass
class EngineResult:
    """One page of an engine's answer: (item id, score) best first, and how many match."""

    total: int
    hits: list[tuple[int, float]] = field(default_factory=list)
    estimated: bool = False  # total is an estimate (very frequent words on PostgreSQL)


@dataclass
class RebuildStats:
    items: int
    seconds: float

    @property
    def items_per_second(self) -> float:
        return self.items / self.seconds if self.seconds else 0.0


Progress = Callable[[int], None]


class Backend(Protocol):
    name: str

    def index(self, item_ids: Iterable[int]) -> int:
        """(Re)index these items if published, remove them from the index otherwise."""

    def remove(self, item_ids: Iterable[int]) -> None: ...

    def rebuild(
        self, progress: Progress | None = None, *, workers: int | None = None
    ) -> RebuildStats:
        """Index every published item anew; searches keep working meanwhile."""

    def search(
        self, query: SearchQuery, terms: list[str], *, any_term: bool = False
    ) -> EngineResult:
        """Items matching every term (any term with ``any_term``) and the filters, one page."""

    def exact(self, key: str) -> list[int]:
        """Items whose normalized 文号 or 索引号 is ``key`` (the keyword field)."""

    def clear(self) -> None: ...

    def doc_count(self) -> int: ...

    def built_version(self) -> str | None:
        """The dictionary version the index was built with; None when never built."""


def get_backend(name: str | None = None) -> Backend:
    from .. import conf

    name = name or conf.backend_name()
    if name == "tantivy":
        from .tantivy_engine import TantivyBackend

        return TantivyBackend()
    if name == "postgres":
        from .postgres_engine import PostgresBackend

        return PostgresBackend()
    raise ValueError(f"unknown search backend {name!r}; choose from {', '.join(conf.BACKENDS)}")


# Days outside this span are moved to its ends: nothing is published before or after it, and
# some of them (0001-01-01, 9999-12-31) cannot be turned into datetimes in UTC.
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(9000, 12, 31)


def _within(day: date) -> date:
    return min(max(day, EARLIEST_DAY), LATEST_DAY)


def day_bounds(
    date_from: date | None, date_to: date | None
) -> tuple[datetime | None, datetime | None]:
    """UTC bounds [start, end) of a range of local (Asia/Shanghai) days, both included: what
    a filter on publication dates means in search, the portal's lists and the open API."""
    tz = timezone.get_default_timezone()
    start = end = None
    if date_from:
        start = datetime.combine(_within(date_from), time.min, tzinfo=tz).astimezone(UTC)
    if date_to:
        end_day = _within(date_to) + timedelta(days=1)
        end = datetime.combine(end_day, time.min, tzinfo=tz).astimezone(UTC)
    return start, end
