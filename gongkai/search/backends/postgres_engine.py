"""The engine for PostgreSQL deployments: full text in the database every web process already
shares, so any number of them on any number of machines search the same index.

- ``SearchDocument.tsv`` holds the item's words from ``segment`` as a ``tsvector`` built in
  Python (no PostgreSQL parser or dictionary involved: queries are built the same way); title
  words carry weight A, the rest C.
- The RUM index (``rum_tsvector_ops``, migration 0002) answers ``tsv @@ query`` and ranks
  inside the index (``ORDER BY tsv <=> query``).
- QUERY_PLAN explains how frequent words stay fast (measured in docs/benchmarks.md).
"""

import json
import time
from datetime import UTC

from django.db import connection, transaction
from django.utils import timezone

from .. import SearchQuery
from ..documents import RERANK_WINDOW, SCHEMA_VERSION, IndexDoc, docs_for, iter_batches, rerank
from ..models import IndexState, SearchDocument
from ..segment import DICTIONARY_VERSION
from . import EngineResult, RebuildStats, day_bounds

TABLE = SearchDocument._meta.db_table
COLUMNS = (
    "item_id",
    "organization_id",
    "info_type",
    "topic_id",
    "topic_parent_id",
    "published_at",
    "validity",
    "document_number_key",
    "index_number",
    "tsv",
)
MAX_POSITION = 16383  # tsvector positions stop there
MAX_POSITIONS_PER_WORD = 8  # enough for ranking; keeps the tsvector and the index small
# Words in more than DENSE_MATCHES items (after filters, as the planner estimates from the
# column statistics) are not ranked over all their matches: RUM computes the distance of every
# match (about 1.3 µs each at 1M items), so a word in every item costs over a second. Instead
# the DENSE_CANDIDATES newest matches are read along a published_at index (the cost falls as
# the word gets more frequent) and ranked. Below it, RUM ranks all matches inside the index.
DENSE_MATCHES = 40_000
DENSE_CANDIDATES = 500
EXACT_COUNT_LIMIT = 100_000  # above it the count shown is the planner's estimate


def _lexeme(word: str) -> str:
    if "'" in word or "\\" in word:
        word = word.replace("\\", "\\\\").replace("'", "''")
    return f"'{word}'"


def tsvector_literal(title: str, body: str) -> str:
    """``'word':1A,4C 'other':2A`` for the words of the title (weight A) and of the body
    (weight C): RUM's ranking counts a title word five times a body word."""
    positions: dict[str, list[str]] = {}
    pos = 0
    for suffix, text in (("A", title), ("C", body)):
        for word in text.split():
            pos += 1
            entry = positions.get(word)
            if entry is None:
                positions[word] = [f"{min(pos, MAX_POSITION)}{suffix}"]
            elif len(entry) < MAX_POSITIONS_PER_WORD:
                entry.append(f"{min(pos, MAX_POSITION)}{suffix}")
    return " ".join(
        f"{_lexeme(word)}:{','.join(p)}" for word, p in positions.items() if len(word) < 600
    )


def _copy_escape(value) -> str:
    if value is None:
        return "\\N"
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = (
            text.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    return text


def _row(doc: IndexDoc) -> tuple:
    return (
        doc.item_id,
        doc.organization_id,
        doc.info_type,
        doc.topic_ids[0] if doc.topic_ids else None,
        doc.topic_ids[1] if len(doc.topic_ids) > 1 else None,
        doc.published_at.astimezone(UTC).isoformat(),
        doc.validity,
        doc.document_number_key,
        doc.index_number,
        tsvector_literal(doc.title, doc.body),
    )


def copy_text(docs: list[IndexDoc]) -> str:
    """A batch in COPY's text format (built in the segmentation workers)."""
    return "".join("\t".join(map(_copy_escape, _row(doc))) + "\n" for doc in docs)


def tsquery_literal(terms: list[str], *, any_term: bool) -> str:
    return (" | " if any_term else " & ").join(_lexeme(t) for t in terms)


class PostgresBackend:
    name = "postgres"

    def _check_vendor(self) -> None:
        if connection.vendor != "postgresql":
            raise RuntimeError("the postgres search backend needs a PostgreSQL database")

    # ---------------------------------------------------------------- writing

    def _copy(self, table: str, data: str) -> None:
        with connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg's own cursor, for COPY
            with raw.copy(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                copy.write(data.encode())

    def index(self, item_ids) -> int:
        self._check_vendor()
        docs, gone = docs_for(item_ids)
        with transaction.atomic():
            SearchDocument.objects.filter(pk__in=[d.item_id for d in docs] + gone).delete()
            if docs:
                self._copy(TABLE, copy_text(docs))
            if not IndexState.objects.filter(backend=self.name).exists():
                self._record(SearchDocument.objects.count())  # the first entry: a new index
        return len(docs)

    def remove(self, item_ids) -> None:
        self._check_vendor()
        SearchDocument.objects.filter(pk__in=list(item_ids)).delete()

    def rebuild(self, progress=None, *, workers=None) -> RebuildStats:
        """Fill a new table, index it, then swap it with the live one in one short
        transaction: searches keep working on the old table meanwhile."""
        self._check_vendor()
        started_at = timezone.now()
        started = time.monotonic()
        new = f"{TABLE}_new"
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {new}")
            cursor.execute(f"CREATE TABLE {new} (LIKE {TABLE} INCLUDING DEFAULTS)")
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [TABLE]
            )
            indexes = cursor.fetchall()
        count = 0
        for size, data in iter_batches(workers=workers, progress=progress, convert=copy_text):
            with transaction.atomic():
                self._copy(new, data)
            count += size
        with connection.cursor() as cursor:
            for name, definition in indexes:
                definition = definition.replace(f" {name} ON ", f" {name}_new ON ", 1)
                definition = definition.replace(f"public.{TABLE} ", f"public.{new} ", 1)
                cursor.execute(definition)
            cursor.execute(f"ANALYZE {new}")
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE {TABLE}")
            cursor.execute(f"ALTER TABLE {new} RENAME TO {TABLE}")
            for name, _definition in indexes:
                if name.endswith("_pkey"):
                    cursor.execute(
                        f"ALTER TABLE {TABLE} ADD CONSTRAINT {name} PRIMARY KEY USING INDEX {name}_new"
                    )
                else:
                    cursor.execute(f"ALTER INDEX {name}_new RENAME TO {name}")
            self._record(count)
        seconds = time.monotonic() - started
        from gongkai.publishing.models import Item

        changed = list(Item.objects.filter(updated_at__gte=started_at).values_list("pk", flat=True))
        if changed:
            self.index(changed)
        return RebuildStats(count, seconds)

    def _record(self, count: int) -> None:
        IndexState.objects.update_or_create(
            backend=self.name,
            defaults={
                "dictionary_version": DICTIONARY_VERSION,
                "schema_version": SCHEMA_VERSION,
                "doc_count": count,
                "built_at": timezone.now(),
            },
        )

    def clear(self) -> None:
        """An empty index, recorded as built with the current dictionary."""
        with transaction.atomic():
            SearchDocument.objects.all().delete()
            self._record(0)

    # ---------------------------------------------------------------- reading

    def doc_count(self) -> int:
        return SearchDocument.objects.count()

    def built_version(self) -> str | None:
        state = IndexState.objects.filter(backend=self.name).first()
        if state is None or state.schema_version != SCHEMA_VERSION:
            return None
        return state.dictionary_version

    def exact(self, key: str) -> list[int]:
        if not key:
            return []
        return list(
            SearchDocument.objects.filter(document_number_key=key).values_list("pk", flat=True)
        ) + list(SearchDocument.objects.filter(index_number=key).values_list("pk", flat=True))

    def _where(self, query: SearchQuery) -> tuple[str, list]:
        sql, params = [], []
        if query.organization_ids:
            sql.append("organization_id = ANY(%s)")
            params.append(list(query.organization_ids))
        if query.info_types:
            sql.append("info_type = ANY(%s)")
            params.append(list(query.info_types))
        if query.topic_ids:
            sql.append("(topic_id = ANY(%s) OR topic_parent_id = ANY(%s))")
            params += [list(query.topic_ids), list(query.topic_ids)]
        if query.validity:
            sql.append("validity = %s")
            params.append(query.validity)
        start, end = day_bounds(query.date_from, query.date_to)
        if start:
            sql.append("published_at >= %s")
            params.append(start)
        if end:
            sql.append("published_at < %s")
            params.append(end)
        return "".join(f" AND {s}" for s in sql), params

    def estimate(self, tsquery: str, where: str, params: list) -> int:
        """The planner's estimate of the matches (from ANALYZE's word statistics)."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {TABLE} WHERE tsv @@ %s::tsquery{where}",
                [tsquery, *params],
            )
            plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        return int(plan[0]["Plan"]["Plan Rows"])

    def search(
        self, query: SearchQuery, terms: list[str], *, any_term: bool = False
    ) -> EngineResult:
        self._check_vendor()
        if not terms:
            return EngineResult(0)
        tsquery = tsquery_literal(terms, any_term=any_term)
        where, params = self._where(query)
        match = f"FROM {TABLE} WHERE tsv @@ %s::tsquery{where}"
        end = query.offset + query.per_page
        estimate = self.estimate(tsquery, where, params)
        dense = estimate > DENSE_MATCHES
        with connection.cursor() as cursor:
            if query.sort == "date":
                # Dense: along the published_at index. Sparse: all matches, then sorted (a
                # walk along the index would look for the few matches through every item).
                source = (
                    f"SELECT item_id, published_at {match}"
                    if dense
                    else f"WITH m AS MATERIALIZED (SELECT item_id, published_at {match}) "
                    "SELECT item_id, published_at FROM m"
                )
                cursor.execute(
                    f"{source} ORDER BY published_at DESC, item_id DESC LIMIT %s OFFSET %s",
                    [tsquery, *params, query.per_page, query.offset],
                )
                hits = [(pk, 0.0) for pk, _published in cursor.fetchall()]
            elif dense:
                cursor.execute(
                    "SELECT item_id, ts_rank(tsv, %s::tsquery), published_at, validity FROM "
                    f"(SELECT item_id, tsv, published_at, validity {match} "
                    "ORDER BY published_at DESC LIMIT %s) newest",
                    [tsquery, tsquery, *params, DENSE_CANDIDATES],
                )
                rows = [
                    (pk, float(rank), published, validity)
                    for pk, rank, published, validity in cursor.fetchall()
                ]
                hits = rerank(rows, timezone.now())[query.offset : end]
            elif end > RERANK_WINDOW:
                cursor.execute(
                    f"SELECT item_id {match} ORDER BY tsv <=> %s::tsquery, item_id "
                    "LIMIT %s OFFSET %s",
                    [tsquery, *params, tsquery, query.per_page, query.offset],
                )
                hits = [(pk, 0.0) for (pk,) in cursor.fetchall()]
            else:
                cursor.execute(
                    f"SELECT item_id, tsv <=> %s::tsquery AS distance, published_at, validity "
                    f"{match} ORDER BY distance LIMIT %s",
                    [tsquery, tsquery, *params, RERANK_WINDOW],
                )
                rows = [
                    (pk, 1.0 / distance if distance else 0.0, published, validity)
                    for pk, distance, published, validity in cursor.fetchall()
                ]
                hits = rerank(rows, timezone.now())[query.offset : end]
            if estimate > EXACT_COUNT_LIMIT:
                return EngineResult(estimate, hits, estimated=True)
            cursor.execute(f"SELECT count(*) {match}", [tsquery, *params])
            total = cursor.fetchone()[0]
        return EngineResult(total, hits)
