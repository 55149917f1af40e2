"""The engine for PostgreSQL deployments: full text in the database every web process already
shares, so any number of them on any number of machines search the same index.

- ``SearchDocument.tsv`` holds the item's words from ``segment`` as a ``tsvector`` built in
  Python (no PostgreSQL parser or dictionary involved: queries are built the same way): title
  words with their positions and weight A, body words once without positions.
- The RUM index (``rum_tsvector_ops``, migration 0002) answers ``tsv @@ query`` and ranks
  inside the index (``ORDER BY tsv <=> query``).
- The comments at DENSE_CANDIDATES explain how frequent words stay fast (measured in
  docs/benchmarks.md).
- ``rebuild`` fills a new table partitioned by item id and indexes each partition while the
  next ones load; after the first rebuild the live table is that partitioned table (queries,
  ``index`` and ``remove`` work the same on both).
"""

import json
import queue
import re
import struct
import threading
import time
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime

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
    "published_at",
    "validity",
    "document_number_key",
    "index_number",
    "tsv",
)
MAX_POSITION = 16383  # tsvector positions stop there
MAX_POSITIONS_PER_WORD = 8  # of a title word: enough for ranking
# Words in many items are not ranked over all their matches: RUM computes the distance of every
# match (about 1.3 µs each), so a word in each of 1M items costs over a second. Instead the
# DENSE_CANDIDATES newest matches are read along a published_at index — about 3 µs a row
# read, and the rows read to find them fall as the word gets more frequent — and ranked. The
# walk is the cheaper one when matches² > DENSE_FACTOR × items (measured: 34,000 matches at
# 1M items, 10,700 at 100k), as the planner estimates the matches from ANALYZE's statistics.
DENSE_CANDIDATES = 500
DENSE_FACTOR = 1150
EXACT_COUNT_LIMIT = 10_000  # counting visits the heap pages of the matches (~2 µs each)
# A rebuild fills a table partitioned by item id and indexes each partition while the next
# ones load (see ``rebuild``). Planning a statement costs more with partitions (measured:
# 0.6 ms over 9 partitions, 0.1 ms on one table; a search plans two to four).
PARTITION_ROWS = 125_000
MAX_PARTITIONS = 32
BUILDERS = 2  # connections building the loaded partitions' indexes
# maintenance_work_mem of the partitions' index builds. RUM's build of 125,000 items took
# least CPU with 32–256 MB (measured: 31 s; 1 GB: 37 s, filling more memory; 4 MB: 48 s).
BUILD_MEMORY = "64MB"


def _lexeme(word: str) -> str:
    if "'" in word or "\\" in word:
        word = word.replace("\\", "\\\\").replace("'", "''")
    return f"'{word}'"


# COPY's binary format: PostgreSQL reads it without parsing text (the tsvector is most of
# each row, and parsing and sorting its words took half of COPY's time).
COPY_HEADER = b"PGCOPY\n\xff\r\n\x00" + struct.pack(">ii", 0, 0)
COPY_TRAILER = struct.pack(">h", -1)
FIELD_COUNT = struct.pack(">h", len(COLUMNS))
NULL = struct.pack(">i", -1)
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)  # timestamps count microseconds from here
BODY_WORD_END = b"\x00" + struct.pack(">HH", 1, 1)  # end of the word, one position: 1, weight D
WEIGHT_A = 3 << 14
MAX_WORD_BYTES = 600  # longer "words" (runs of letters and digits) are left out


def tsvector_binary(title: str, body: str) -> bytes:
    """The item's words as a binary ``tsvector``: title words with their positions and weight
    A; the other words of the body once, all at position 1 with weight D (a tenth of A for
    ranking). PostgreSQL sorts the words itself.

    Real positions of body words would count how often a word occurs, but they make the
    tsvector about four times larger (stored out of line, read back for every check of a
    frequent word) and cost more to build than cutting the text into words. Some position is
    needed all the same: for a word without one RUM rechecks every match against the row."""
    positions: dict[str, list[int]] = {}
    for pos, word in enumerate(title.split()[:MAX_POSITION], start=1):
        entry = positions.setdefault(word, [])
        if len(entry) < MAX_POSITIONS_PER_WORD:
            entry.append(WEIGHT_A | pos)
    titled = [(word.encode(), pos) for word, pos in positions.items()]
    words = set(body.encode().split())
    words.difference_update(word for word, _pos in titled)
    if words and max(map(len, words)) >= MAX_WORD_BYTES:
        words = {word for word in words if len(word) < MAX_WORD_BYTES}
    parts = [struct.pack(">i", len(titled) + len(words))]
    for word, pos in titled:
        parts.append(word + struct.pack(f">xH{len(pos)}H", len(pos), *pos))
    if words:
        parts.append(BODY_WORD_END.join(words) + BODY_WORD_END)
    return b"".join(parts)


def _text(value: str) -> bytes:
    data = value.encode()
    return struct.pack(">i", len(data)) + data


def _bigint(value: int | None) -> bytes:
    return NULL if value is None else struct.pack(">iq", 8, value)


def _row(doc: IndexDoc) -> bytes:
    """One row of COPY's binary format, in COLUMNS order."""
    age = doc.published_at - EPOCH
    microseconds = (age.days * 86400 + age.seconds) * 1_000_000 + age.microseconds
    tsv = tsvector_binary(doc.title, doc.body)
    return b"".join(
        (
            FIELD_COUNT,
            _bigint(doc.item_id),
            _bigint(doc.organization_id),
            _text(doc.info_type),
            _bigint(doc.topic_ids[0] if doc.topic_ids else None),
            struct.pack(">iq", 8, microseconds),
            _text(doc.validity),
            _text(doc.document_number_key),
            _text(doc.index_number),
            struct.pack(">i", len(tsv)),
            tsv,
        )
    )


def copy_data(docs: list[IndexDoc]) -> bytes:
    """A batch for ``COPY … (FORMAT binary)`` (built in the segmentation workers)."""
    return COPY_HEADER + b"".join(map(_row, docs)) + COPY_TRAILER


def copy_batch(docs: list[IndexDoc]) -> tuple[int, bytes]:
    """The batch's last item id (batches come in id order) and its COPY data."""
    return (docs[-1].item_id if docs else 0), copy_data(docs)


def tsquery_literal(terms: list[str], *, any_term: bool) -> str:
    return (" | " if any_term else " & ").join(_lexeme(t) for t in terms)


def topic_family(topic_ids) -> list[int]:
    """The topics and their sub-topics: a filter on a topic covers the items of its children."""
    from gongkai.publishing.models import Topic

    ids = set(topic_ids)
    ids |= set(Topic.objects.filter(parent_id__in=ids).values_list("pk", flat=True))
    return sorted(ids)


def filter_sql(query: SearchQuery) -> tuple[str, list]:
    """The filters of ``query`` as " AND …" conditions with their parameters, on the columns
    the search table shares with ``publishing_item`` (the benchmark's LIKE baseline applies
    them there, but for the co-issued items' ``item_id``, ``id`` there, which the benchmark
    never sets); plain SQL, so SQLite reads them too."""
    sql, params = [], []

    def one_of(column: str, values) -> str:
        # "=" for a single value, so that the (column, published_at) index gives the order.
        values = list(values)
        params.extend(values)
        if len(values) == 1:
            return f"{column} = %s"
        return f"{column} IN ({', '.join(['%s'] * len(values))})"

    if query.organization_ids:
        issued = one_of("organization_id", query.organization_ids)
        if query.co_issued_ids:
            # Or co-issued (联合发文): the index has the issuing organization only. Without
            # co-issued items the condition stays the one the measured plans use.
            issued = f"({issued} OR {one_of('item_id', query.co_issued_ids)})"
        sql.append(issued)
    if query.info_types:
        sql.append(one_of("info_type", query.info_types))
    if query.topic_ids:
        sql.append(one_of("topic_id", topic_family(query.topic_ids)))
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


@contextmanager
def _planner_off(cursor, setting: str, off: bool = True):
    """Turn a planner method off for one statement: ``enable_bitmapscan`` to make it walk a
    published_at index (newest first, stopping at the LIMIT) rather than collect every match of
    a frequent word and sort them; ``enable_seqscan`` to count through RUM's bitmap rather than
    check the words of every row."""
    if not off:
        yield
        return
    cursor.execute(f"SET {setting} = off")
    try:
        yield
    finally:
        cursor.execute(f"RESET {setting}")


INDEX_DEF = re.compile(r"CREATE (UNIQUE )?INDEX (\S+) ON (?:ONLY )?\S+ USING (.+)")


def _index_definitions() -> list[tuple[str, str]]:
    """The live table's indexes as (name, "CREATE [UNIQUE ]INDEX {name} ON {table} USING …")
    without table and index names, so the same index can be created on each partition."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [TABLE])
        rows = cursor.fetchall()
    definitions = []
    for name, definition in rows:
        unique, _name, using = INDEX_DEF.match(definition).groups()
        definitions.append(
            (name, f"CREATE {unique or ''}INDEX {{name}} ON {{table}} USING {using}")
        )
    return definitions


def _partition_bounds(partition_rows: int) -> list[int]:
    """Item ids splitting the published items into partitions of about ``partition_rows``
    (evenly over the id range: ids grow with time, drafts and withdrawn items in between).
    The last span is cut in two halves: the indexes left to build after the load are those of
    the last partitions, built on two connections at once, so the smaller the faster."""
    from django.db.models import Count, Max, Min

    from ..documents import indexable

    span = indexable().aggregate(low=Min("pk"), high=Max("pk"), count=Count("pk"))
    parts = max(1, min(MAX_PARTITIONS, -(-span["count"] // partition_rows)))
    if parts == 1:
        return []
    width = (span["high"] - span["low"] + 1) / parts
    return sorted({span["low"] + round(width * i) for i in (*range(1, parts), parts - 0.5)})


class _PartitionBuilder:
    """Indexes and analyzes each partition once it is loaded, on BUILDERS other connections,
    while the next partitions load: RUM builds an index in one process, so one index for the
    whole table would be built alone after the load (most of the rebuild's time). Inside a
    transaction (tests) the new table is invisible to another connection, so each partition
    is built at once on this one."""

    def __init__(self, definitions: list[tuple[str, str]]):
        self.definitions = definitions
        self.errors: list[BaseException] = []
        self.queue: queue.Queue = queue.Queue()
        self.threads = []
        if not connection.in_atomic_block:
            self.threads = [
                threading.Thread(target=self._run, name=f"search-index-builder-{i}")
                for i in range(BUILDERS)
            ]
            for thread in self.threads:
                thread.start()

    def statements(self, partition: str) -> list[str]:
        # RUM first: the longest; the B-trees and ANALYZE then find the rows in memory.
        ordered = sorted(self.definitions, key=lambda d: " USING rum " not in d[1])
        # One process per build: the next partition is loading on the other cores.
        statements = [
            f"SET maintenance_work_mem = '{BUILD_MEMORY}'",
            "SET max_parallel_maintenance_workers = 0",
        ]
        for name, definition in ordered:
            if name.endswith("_pkey"):
                statements.append(f"ALTER TABLE {partition} ADD PRIMARY KEY (item_id)")
            else:
                index = f"{partition}_{name.removeprefix('search_doc_')}"
                statements.append(definition.format(name=index, table=partition))
        statements += [
            f"ANALYZE {partition}",
            "RESET maintenance_work_mem",
            "RESET max_parallel_maintenance_workers",
        ]
        return statements

    def _build(self, partition: str) -> None:
        with connection.cursor() as cursor:
            for statement in self.statements(partition):
                cursor.execute(statement)

    def _run(self) -> None:
        try:
            while (partition := self.queue.get()) is not None:
                self._build(partition)
        except BaseException as exc:  # re-raised in the loading thread
            self.errors.append(exc)
        finally:
            connection.close()

    def add(self, partition: str) -> None:
        if self.errors:
            raise self.errors[0]
        if self.threads:
            self.queue.put(partition)
        else:
            self._build(partition)

    def finish(self) -> None:
        for _thread in self.threads:
            self.queue.put(None)
        for thread in self.threads:
            thread.join()
        if self.errors:
            raise self.errors[0]


class PostgresBackend:
    name = "postgres"

    def _check_vendor(self) -> None:
        if connection.vendor != "postgresql":
            raise RuntimeError("the postgres search backend needs a PostgreSQL database")

    # ---------------------------------------------------------------- writing

    def _copy(self, table: str, data: bytes) -> None:
        with connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg's own cursor, for COPY
            with raw.copy(
                f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN (FORMAT binary)"
            ) as copy:
                copy.write(data)

    def index(self, item_ids) -> int:
        self._check_vendor()
        docs, gone = docs_for(item_ids)
        with transaction.atomic():
            SearchDocument.objects.filter(pk__in=[d.item_id for d in docs] + gone).delete()
            if docs:
                self._copy(TABLE, copy_data(docs))
            if not IndexState.objects.filter(backend=self.name).exists():
                self._record(SearchDocument.objects.count())  # the first entry: a new index
        return len(docs)

    def remove(self, item_ids) -> None:
        self._check_vendor()
        SearchDocument.objects.filter(pk__in=list(item_ids)).delete()

    def rebuild(self, progress=None, *, workers=None) -> RebuildStats:
        """Fill a new table, index it, then swap it with the live one in one short
        transaction: searches keep working on the old table meanwhile.

        The new table is partitioned by item id (about PARTITION_ROWS items each, the last
        two half as many). Items are read in id order, so each partition is complete at some
        point of the load: its indexes are then built and it is analyzed on another
        connection while the next ones load, and only the last two small partitions are left
        to index after the load, side by side. Queries see one table: PostgreSQL merges the
        partitions' RUM and published_at index scans in order (Merge Append), so ranking,
        counts and the newest-first walk are unchanged."""
        self._check_vendor()
        started_at = timezone.now()
        started = time.monotonic()
        new = f"{TABLE}_new"
        definitions = _index_definitions()
        bounds = _partition_bounds(PARTITION_ROWS)
        partitions = [f"{new}_p{i}" for i in range(len(bounds) + 1)]
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {new}")
            cursor.execute(
                f"CREATE TABLE {new} (LIKE {TABLE} INCLUDING DEFAULTS INCLUDING STORAGE "
                "INCLUDING COMPRESSION) PARTITION BY RANGE (item_id)"
            )
            # Autovacuum stays off until the swap: it would vacuum and analyze each partition
            # while it loads, then be cancelled by the index builds (the builds analyze).
            edges = ["MINVALUE", *map(str, bounds), "MAXVALUE"]
            for i, partition in enumerate(partitions):
                cursor.execute(
                    f"CREATE TABLE {partition} PARTITION OF {new} "
                    f"FOR VALUES FROM ({edges[i]}) TO ({edges[i + 1]}) "
                    "WITH (autovacuum_enabled = off)"
                )
        builder = _PartitionBuilder(definitions)
        count = 0
        done = 0  # partitions handed to the builder
        try:
            for size, (last_id, data) in iter_batches(
                workers=workers, progress=progress, convert=copy_batch
            ):
                with transaction.atomic():
                    self._copy(new, data)
                count += size
                # Ids come in order: every partition ending at or before last_id is complete.
                while done < len(bounds) and bounds[done] <= last_id + 1:
                    builder.add(partitions[done])
                    done += 1
            while done < len(partitions):
                builder.add(partitions[done])
                done += 1
        finally:
            builder.finish()
        with connection.cursor() as cursor:
            # On the partitioned table each index attaches the partitions' own: no build.
            for name, definition in definitions:
                if name.endswith("_pkey"):
                    cursor.execute(
                        f"ALTER TABLE {new} ADD CONSTRAINT {name}_new PRIMARY KEY (item_id)"
                    )
                else:
                    cursor.execute(definition.format(name=f"{name}_new", table=new))
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE {TABLE}")
            cursor.execute(f"ALTER TABLE {new} RENAME TO {TABLE}")
            for name, _definition in definitions:
                if name.endswith("_pkey"):
                    cursor.execute(f"ALTER TABLE {TABLE} RENAME CONSTRAINT {name}_new TO {name}")
                else:
                    cursor.execute(f"ALTER INDEX {name}_new RENAME TO {name}")
            for partition in partitions:
                live = TABLE + partition.removeprefix(new)
                cursor.execute(f"ALTER TABLE {partition} RENAME TO {live}")
                cursor.execute(f"ALTER TABLE {live} RESET (autovacuum_enabled)")
                cursor.execute(
                    f"ALTER TABLE {live} RENAME CONSTRAINT {partition}_pkey TO {live}_pkey"
                )
                for name, _definition in definitions:
                    if not name.endswith("_pkey"):
                        suffix = name.removeprefix("search_doc_")
                        cursor.execute(
                            f"ALTER INDEX {partition}_{suffix} RENAME TO {live}_{suffix}"
                        )
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

    def _table_rows(self) -> int:
        """The rows ANALYZE counted: of the table, or of its partitions after a rebuild."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT sum(greatest(reltuples, 0)) FROM pg_class WHERE relkind = 'r' AND "
                "(oid = %s::regclass OR oid IN "
                "(SELECT inhrelid FROM pg_inherits WHERE inhparent = %s::regclass))",
                [TABLE, TABLE],
            )
            row = cursor.fetchone()
        return int(row[0] or 0)

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

    @staticmethod
    def _co_issued(query: SearchQuery, tsquery: str) -> tuple[str, list]:
        """The co-issued items (联合发文) matching the words and the other filters, as
        "FROM … WHERE …" and its parameters. They are searched apart from the organizations'
        own items and merged in: with "organization_id = … OR item_id IN (…)" the
        (organization_id, published_at) index no longer gives the newest matches, and a
        frequent word's were looked for along the published_at index (measured at 1M items,
        for an organization with 4,000 items: 0.4–3 s instead of 10–25 ms). They are read by
        primary key (the subquery keeps the planner off the word's indexes), all of them:
        joint documents are few."""
        others, params = filter_sql(replace(query, organization_ids=[], co_issued_ids=()))
        ids = ", ".join(["%s"] * len(query.co_issued_ids))
        orgs = ", ".join(["%s"] * len(query.organization_ids))
        return (
            f"FROM (SELECT * FROM {TABLE} WHERE item_id IN ({ids}) "
            f"AND organization_id NOT IN ({orgs}) OFFSET 0) co WHERE tsv @@ %s::tsquery{others}",
            [*query.co_issued_ids, *query.organization_ids, tsquery, *params],
        )

    def search(
        self, query: SearchQuery, terms: list[str], *, any_term: bool = False
    ) -> EngineResult:
        self._check_vendor()
        if not terms:
            return EngineResult(0)
        tsquery = tsquery_literal(terms, any_term=any_term)
        joint = bool(query.organization_ids and query.co_issued_ids)
        where, params = filter_sql(replace(query, co_issued_ids=()))
        match = f"FROM {TABLE} WHERE tsv @@ %s::tsquery{where}"
        end = query.offset + query.per_page
        # With co-issued items, the first ``end`` of each, merged, hold the page.
        limit, skip = (end, 0) if joint else (query.per_page, query.offset)
        # RUM's work grows with the word's matches in all items, whatever the filters; the
        # newest-first walk's with the rows read to find the candidates.
        estimate_all = self.estimate(tsquery, "", [])
        estimate = self.estimate(tsquery, where, params) if where else estimate_all
        dense = estimate_all**2 > DENSE_FACTOR * self._table_rows()
        # Each way below: the columns it reads of a match, the statement giving the first
        # ``keep`` matches in its order, and that order for merging the co-issued items in.
        if query.sort == "date":
            # Dense: along a published_at index. Sparse: all matches, then sorted (a walk
            # along the index would look for the few matches through every item).
            columns, args = "item_id, published_at", []
            source = (
                f"SELECT {columns} {match}"
                if dense
                else f"WITH m AS MATERIALIZED (SELECT {columns} {match}) SELECT {columns} FROM m"
            )
            sql = f"{source} ORDER BY published_at DESC, item_id DESC LIMIT %s OFFSET %s"
            keep, tail, order = limit, [limit, skip], (lambda row: (row[1], row[0]), True)
        elif dense:
            columns, args = "item_id, ts_rank(tsv, %s::tsquery), published_at, validity", [tsquery]
            sql = (
                f"SELECT {columns} FROM (SELECT item_id, tsv, published_at, validity {match} "
                "ORDER BY published_at DESC LIMIT %s) newest"
            )
            keep, tail, order = DENSE_CANDIDATES, [DENSE_CANDIDATES], (lambda row: row[2], True)
        elif end > RERANK_WINDOW:
            columns, args = "item_id, tsv <=> %s::tsquery AS distance", [tsquery]
            sql = f"SELECT {columns} {match} ORDER BY distance, item_id LIMIT %s OFFSET %s"
            keep, tail, order = limit, [limit, skip], (lambda row: (row[1], row[0]), False)
        else:
            columns = "item_id, tsv <=> %s::tsquery AS distance, published_at, validity"
            args = [tsquery]
            sql = f"SELECT {columns} {match} ORDER BY distance LIMIT %s"
            keep, tail, order = RERANK_WINDOW, [RERANK_WINDOW], (lambda row: row[1], False)
        with connection.cursor() as cursor:
            with _planner_off(cursor, "enable_bitmapscan", dense):
                cursor.execute(sql, [*args, tsquery, *params, *tail])
                rows = cursor.fetchall()
            co_issued = []
            if joint:
                co_match, co_params = self._co_issued(query, tsquery)
                cursor.execute(f"SELECT {columns} {co_match}", [*args, *co_params])
                co_issued = cursor.fetchall()
                key, reverse = order
                rows = sorted(rows + co_issued, key=key, reverse=reverse)[:keep]
            if query.sort == "date" or (not dense and end > RERANK_WINDOW):
                hits = [(row[0], 0.0) for row in rows[query.offset - skip :]]
            else:
                ranked = [
                    (
                        pk,
                        float(rank) if dense else (1.0 / rank if rank else 0.0),
                        published,
                        validity,
                    )
                    for pk, rank, published, validity in rows
                ]
                hits = rerank(ranked, timezone.now())[query.offset : end]
                if dense and len(rows) < DENSE_CANDIDATES:  # the walk found every match
                    return EngineResult(len(rows), hits)
            # Counting reads every match of the word (through RUM), or with filters checks
            # the words of every row they leave: past these sizes the planner's estimate.
            if estimate_all > EXACT_COUNT_LIMIT or (where and dense):
                return EngineResult(estimate + len(co_issued), hits, estimated=True)
            with _planner_off(cursor, "enable_seqscan"):  # RUM's bitmap, not every row
                cursor.execute(f"SELECT count(*) {match}", [tsquery, *params])
                total = cursor.fetchone()[0] + len(co_issued)
        return EngineResult(total, hits)
