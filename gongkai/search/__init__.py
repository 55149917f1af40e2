"""Full-text search of published government information: one interface, two engines.

    from gongkai.search import SearchQuery, search
    results = search(SearchQuery(q="预算", organization_ids=[3], sort="date"))
    results.total, results.hits[0].title_html

The engine is ``settings.GONGKAI_SEARCH_BACKEND`` (see ``conf.py``): the embedded tantivy index
by default, PostgreSQL full text with the RUM index on PostgreSQL. Both index text cut into
words by ``segment.py``. Importing this module is cheap: the engines load on first use.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

SORTS = ("relevance", "date")
MAX_QUERY_LENGTH = 100
MAX_PAGE = 50


@dataclass(frozen=True)
class SearchQuery:
    q: str = ""
    # Issued or co-issued (联合发文) by one of them, as on the portal's lists
    # (``portal.selectors.ItemCriteria``); not by the units under them.
    organization_ids: list[int] = field(default_factory=list)
    # The published items they co-issued, set by ``service.search``: the index keeps only the
    # issuing organization, and joint documents are few, so the engines match these by id.
    co_issued_ids: tuple[int, ...] = ()
    info_types: list[str] = field(default_factory=list)
    topic_ids: list[int] = field(default_factory=list)
    date_from: date | None = None
    date_to: date | None = None
    validity: str = ""
    sort: str = "relevance"  # or "date": newest first
    page: int = 1
    per_page: int = 20

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    @property
    def has_filters(self) -> bool:
        return bool(
            self.organization_ids
            or self.info_types
            or self.topic_ids
            or self.date_from
            or self.date_to
            or self.validity
        )


@dataclass
class Hit:
    item_id: int
    score: float
    title_html: str = ""
    snippet_html: str = ""
    exact: bool = False  # found by its exact 文号 or 索引号
    item: Any = None  # the publishing Item, with its organization, when loaded


@dataclass
class SearchResults:
    total: int
    hits: list[Hit]
    page: int = 1
    per_page: int = 20
    used_or_fallback: bool = False  # no item had every word: items with any word are shown
    exact_match: bool = False  # the query is the 文号 or 索引号 of an item, shown first
    total_is_estimate: bool = False  # "about N": the engine estimated a very large count
    terms: list[str] = field(default_factory=list)
    backend: str = ""
    elapsed_ms: float = 0.0

    @property
    def num_pages(self) -> int:
        return max(1, min(MAX_PAGE, -(-self.total // self.per_page)))

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def search(query: SearchQuery) -> SearchResults:
    """Search the configured engine; see ``service.search`` for what happens."""
    from .service import search as run

    return run(query)


__all__ = ["Hit", "SearchQuery", "SearchResults", "search"]
