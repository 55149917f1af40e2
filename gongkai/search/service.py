"""What ``gongkai.search.search`` does around the engine.

1. The query is cut into words (``segment.query_tokens``); the engine returns the items with
   every word (AND). When none has them all and there are several words, the items with any
   of them (OR), and the results say so.
2. A query that is a 文号 or 索引号 is also looked up in the database, exactly, after
   normalization (NFKC, brackets unified): the item is found even if the index lags, and shown
   first.
3. A filter on organizations matches what they issued or co-issued (联合发文), as the portal's
   lists do: the index holds the issuing organization only, so the published items they
   co-issued are looked up here (``co_issued``) and matched by id.
4. The page's items are loaded with their organization, and the title and a passage of the
   body are highlighted. Items the index still holds but that are no longer published are
   left out.
"""

import time
from dataclasses import replace

from gongkai.core.sanitize import html_to_text
from gongkai.orgs.models import Organization
from gongkai.publishing.choices import Status
from gongkai.publishing.models import Item, normalize_document_number

from . import MAX_PAGE, MAX_QUERY_LENGTH, Hit, SearchQuery, SearchResults
from .backends import EngineResult, day_bounds, get_backend
from .highlight import mark, snippet
from .segment import normalize, query_tokens


def search(query: SearchQuery) -> SearchResults:
    started = time.perf_counter()
    q = (query.q or "").strip()[:MAX_QUERY_LENGTH]
    page = min(max(query.page, 1), MAX_PAGE)
    per_page = min(max(query.per_page, 1), 100)
    if (q, page, per_page) != (query.q, query.page, query.per_page):
        query = SearchQuery(**{**query.__dict__, "q": q, "page": page, "per_page": per_page})
    query = replace(query, co_issued_ids=co_issued(query.organization_ids))
    backend = get_backend()
    terms = query_tokens(q)
    exact_ids = exact_matches(query) if q else []
    result = backend.search(query, terms) if terms else EngineResult(0)
    used_or = False
    if result.total == 0 and len(terms) > 1:
        result = backend.search(query, terms, any_term=True)
        used_or = result.total > 0
    scored = [(pk, score, False) for pk, score in result.hits if pk not in exact_ids]
    if page == 1:
        scored = [(pk, 0.0, True) for pk in exact_ids] + scored
    hits = _hits(scored, terms)
    return SearchResults(
        total=max(result.total, len(exact_ids)),
        hits=hits,
        page=page,
        per_page=per_page,
        used_or_fallback=used_or,
        exact_match=bool(exact_ids),
        total_is_estimate=result.estimated,
        terms=terms,
        backend=backend.name,
        elapsed_ms=(time.perf_counter() - started) * 1000,
    )


def _passes(row: dict, query: SearchQuery) -> bool:
    """Whether an item (a row of EXACT_FIELDS) is published and within the query's filters."""
    if row["status"] != Status.PUBLISHED:
        return False
    if (
        query.organization_ids
        and row["organization_id"] not in query.organization_ids
        and row["pk"] not in query.co_issued_ids
    ):
        return False
    if query.info_types and row["info_type"] not in query.info_types:
        return False
    if query.topic_ids and not {row["topic_id"], row["topic__parent_id"]} & set(query.topic_ids):
        return False
    if query.validity and row["validity"] != query.validity:
        return False
    start, end = day_bounds(query.date_from, query.date_to)
    published = row["published_at"]
    return not (start and published < start) and not (end and published >= end)


def co_issued(organization_ids) -> tuple[int, ...]:
    """The published items co-issued (联合发文) by these organizations and issued by another."""
    if not organization_ids:
        return ()
    rows = (
        Item.co_issuers.through.objects.filter(
            organization_id__in=organization_ids, item__status=Status.PUBLISHED
        )
        .exclude(item__organization_id__in=organization_ids)
        .values_list("item_id", flat=True)
    )
    return tuple(sorted(set(rows)))


EXACT_FIELDS = (
    "pk",
    "status",
    "organization_id",
    "info_type",
    "topic_id",
    "topic__parent_id",
    "validity",
    "published_at",
)


def exact_matches(query: SearchQuery) -> list[int]:
    """Published items whose 索引号 or 文号 is exactly the query (after normalization), within
    the filters. Each lookup uses its unique index; the filters are checked on the few rows
    found, so that no other index tempts the database's planner."""
    text = normalize(query.q).strip()
    key = normalize_document_number(query.q)
    if not key or not any(ch.isdigit() for ch in key) or len(key) > 60:
        return []
    rows = list(Item.objects.filter(index_number__in={text, text.upper()}).values(*EXACT_FIELDS))
    # 文号 are unique per organization: the partial (organization, 文号) index answers one
    # lookup per organization (its condition repeated, so that SQLite uses it), where a filter
    # on the 文号 alone would read the whole table.
    org_ids = list(Organization.objects.values_list("pk", flat=True))
    rows += (
        Item.objects.filter(organization_id__in=org_ids, document_number_key=key)
        .exclude(document_number_key="")
        .values(*EXACT_FIELDS)
    )
    ids: list[int] = []
    for row in rows:
        if row["pk"] not in ids and _passes(row, query):
            ids.append(row["pk"])
    return ids


def _hits(scored: list[tuple[int, float, bool]], terms: list[str]) -> list[Hit]:
    # By primary key only: with the status too, SQLite may walk a status index instead.
    items = Item.objects.filter(pk__in=[pk for pk, _s, _e in scored]).select_related("organization")
    by_id = {item.pk: item for item in items if item.status == Status.PUBLISHED}
    hits = []
    for pk, score, exact in scored:
        item = by_id.get(pk)
        if item is None:
            continue
        text = " ".join(part for part in (item.summary, html_to_text(item.body)) if part)
        hits.append(
            Hit(
                item_id=pk,
                score=score,
                title_html=mark(item.title, terms),
                snippet_html=snippet(text, terms),
                exact=exact,
                item=item,
            )
        )
    return hits
