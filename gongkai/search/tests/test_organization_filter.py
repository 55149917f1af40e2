"""The organization filter of the search means what it means on the portal's lists: what the
organization issued or co-issued (联合发文), not its subordinate units' items."""

from dataclasses import replace

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from gongkai.core.testing import OrganizationFactory, Team, aware
from gongkai.portal.selectors import ItemCriteria, filter_items
from gongkai.publishing.choices import InfoType
from gongkai.search import SearchQuery, search
from gongkai.search.backends.postgres_engine import filter_sql
from gongkai.search.service import co_issued

from .conftest import ON_POSTGRES, Publisher

pytestmark = pytest.mark.django_db


def ids(results):
    return {hit.item_id for hit in results.hits}


class Budgets:
    """财政局's own budget, one it co-issued, another department's, and its unit's."""

    def __init__(self, publish):
        self.finance = Team(OrganizationFactory(name="测试市财政局"))
        self.other = Team(OrganizationFactory(name="测试市教育局"))
        unit = Team(OrganizationFactory(name="测试市财政局直属单位", parent=self.finance.org))
        self.own = publish(team=self.finance, title="财政局2025年部门预算")
        self.joint = publish(
            team=self.other,
            title="教育经费预算管理办法",
            document_number="测教发〔2025〕3号",
            info_type=InfoType.NORMATIVE,
            co_issuers=[self.finance.org],
        )
        self.theirs = publish(team=self.other, title="教育局2025年部门预算")
        self.units = publish(team=unit, title="直属单位2025年部门预算")


@pytest.fixture
def budgets(engine, publish):
    return Budgets(publish)


def test_co_issued_items_are_found_by_their_co_issuers(budgets):
    finance = budgets.finance.org.pk
    expected = {budgets.own.pk, budgets.joint.pk}
    assert ids(search(SearchQuery(q="预算", organization_ids=[finance]))) == expected
    assert ids(search(SearchQuery(q="预算", organization_ids=[finance], sort="date"))) == expected
    issuer = SearchQuery(q="预算", organization_ids=[budgets.other.org.pk])
    assert ids(search(issuer)) == {budgets.joint.pk, budgets.theirs.pk}
    both = SearchQuery(q="预算", organization_ids=[finance, budgets.other.org.pk])
    assert search(both).total == 3
    # with the other filters still applied to the co-issued items
    normative = SearchQuery(q="预算", organization_ids=[finance], info_types=[InfoType.NORMATIVE])
    assert ids(search(normative)) == {budgets.joint.pk}
    # and by its exact 文号
    exact = search(SearchQuery(q="测教发〔2025〕3号", organization_ids=[finance]))
    assert exact.exact_match and exact.hits[0].item_id == budgets.joint.pk


def test_withdrawn_co_issued_items_are_left_out(budgets, publish):
    finance = budgets.finance.org.pk
    assert co_issued([finance]) == (budgets.joint.pk,)
    assert co_issued([finance, budgets.other.org.pk]) == ()  # issued by one of them
    Publisher(publish.capture, budgets.other).withdraw(budgets.joint)
    assert co_issued([finance]) == ()
    assert ids(search(SearchQuery(q="预算", organization_ids=[finance]))) == {budgets.own.pk}


def test_search_lists_what_the_portal_lists_for_an_organization(budgets, client):
    """For a word in every item: the list pages' selector and the API's list and search."""

    def api(path, **params):
        response = client.get(f"/api/v1/{path}", params, HTTP_HOST="localhost")
        return {row["id"] for row in response.json()["results"]}

    for org in (budgets.finance.org, budgets.other.org):
        listed = {item.pk for item in filter_items(ItemCriteria(organizations=(org.pk,)))}
        assert ids(search(SearchQuery(q="预算", organization_ids=[org.pk]))) == listed
        assert api("search", q="预算", organization=org.slug) == listed
        assert api("items", organization=org.slug) == listed


def test_the_sql_of_an_organization_filter_without_co_issued_items_is_unchanged():
    """The measured plans and the benchmark's queries stay as they are in the common case."""
    assert filter_sql(SearchQuery(organization_ids=[3])) == (" AND organization_id = %s", [3])
    several = SearchQuery(organization_ids=[3, 4], info_types=["budget"], validity="current")
    assert filter_sql(several) == (
        " AND organization_id IN (%s, %s) AND info_type = %s AND validity = %s",
        [3, 4, "budget", "current"],
    )
    joint = SearchQuery(organization_ids=[3], info_types=["budget"], co_issued_ids=(7, 8))
    assert filter_sql(joint) == (
        " AND (organization_id = %s OR item_id IN (%s, %s)) AND info_type = %s",
        [3, 7, 8, "budget"],
    )


@pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL")
def test_postgres_searches_for_organizations_without_co_issued_items_as_before(publish, settings):
    settings.GONGKAI_SEARCH_BACKEND = "postgres"
    budgets = Budgets(publish)

    def searched(*organizations):
        with CaptureQueriesContext(connection) as queries:
            search(SearchQuery(q="预算", organization_ids=list(organizations)))
        return [q["sql"] for q in queries if "tsv @@" in q["sql"] and "EXPLAIN" not in q["sql"]]

    statements = searched(budgets.other.org.pk)  # co-issued nothing
    assert statements
    org = budgets.other.org.pk
    assert all(f"AND organization_id = {org}" in sql for sql in statements)
    assert not any("item_id IN" in sql or " OR " in sql for sql in statements)
    # With co-issued items: the same statements, and others reading those items by id.
    finance = budgets.finance.org.pk
    statements = searched(finance)
    own = [sql for sql in statements if "item_id IN" not in sql]
    assert own and all(f"AND organization_id = {finance}" in sql for sql in own)
    assert not any(" OR " in sql for sql in own)
    joint = [sql for sql in statements if f"item_id IN ({budgets.joint.pk})" in sql]
    assert joint and len(own) + len(joint) == len(statements)


@pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL")
def test_postgres_newest_first_walk_finds_co_issued_items(publish, settings, monkeypatch):
    from gongkai.search.backends import postgres_engine

    settings.GONGKAI_SEARCH_BACKEND = "postgres"
    budgets = Budgets(publish)
    monkeypatch.setattr(postgres_engine, "DENSE_FACTOR", 0)
    for sort in ("relevance", "date"):
        query = SearchQuery(q="预算", organization_ids=[budgets.finance.org.pk], sort=sort)
        assert ids(search(query)) == {budgets.own.pk, budgets.joint.pk}


class JointWork:
    """财政局's own items with 预算 and those it co-issued with two other departments, at
    different dates, the word in the title or only in the body; the oldest item with the word
    is another department's alone."""

    def __init__(self, publish):
        self.finance = Team(OrganizationFactory(name="测试市财政局"))
        education = Team(OrganizationFactory(name="测试市教育局"))
        health = Team(OrganizationFactory(name="测试市卫生健康委"))
        finance = [self.finance.org]
        self.wanted = [
            publish(team=self.finance, title="财政局部门预算", now=aware(2025, 1, 6, 9)),
            publish(
                team=education, title="教育经费预算", co_issuers=finance, now=aware(2025, 2, 3, 9)
            ),
            publish(
                team=self.finance,
                title="关于经费管理的通知",
                body="<p>严格执行预算。</p>",
                now=aware(2024, 6, 3, 9),
            ),
            publish(
                team=health,
                title="关于医疗经费的通知",
                body="<p>纳入年度预算管理。</p>",
                co_issuers=finance,
                now=aware(2024, 12, 2, 9),
            ),
            publish(team=self.finance, title="预算公开工作要点", now=aware(2023, 5, 8, 9)),
            publish(
                team=education,
                title="学校预算管理办法",
                co_issuers=finance,
                now=aware(2022, 3, 1, 9),
            ),
        ]
        self.outsider = publish(team=education, title="教育局部门预算", now=aware(2020, 1, 6, 9))


def pages(query: SearchQuery, per_page: int, count: int) -> list[int]:
    """The ids of the pages holding ``count`` items and of the page after them (by number:
    with an estimated total the results may not say that there is a next page)."""
    found = []
    for page in range(1, -(-count // per_page) + 2):
        found += [hit.item_id for hit in search(replace(query, page=page, per_page=per_page)).hits]
    return found


@pytest.mark.parametrize(
    "path", ["default", "newest-first", "past-rerank-window", "few-candidates"]
)
def test_own_and_co_issued_items_are_ranked_and_paged_as_one_list(
    engine, publish, monkeypatch, path
):
    """On PostgreSQL the organization's items and the co-issued ones are searched apart and
    merged: every page, ranked or newest first, is the one a single list would give."""
    from gongkai.search.backends import postgres_engine

    if path != "default":
        if engine.name != "postgres":
            pytest.skip("paths of the PostgreSQL engine")
        monkeypatch.setattr(
            postgres_engine, "DENSE_FACTOR", 0 if path != "past-rerank-window" else 10**9
        )
        if path == "past-rerank-window":
            monkeypatch.setattr(postgres_engine, "RERANK_WINDOW", 0)
        if path == "few-candidates":
            monkeypatch.setattr(postgres_engine, "DENSE_CANDIDATES", 2)
    work = JointWork(publish)
    if engine.name == "postgres":  # with statistics, few matches take RUM's ranked path
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchdocument")
    wanted = {item.pk for item in work.wanted}
    finance = work.finance.org.pk
    for sort in ("relevance", "date"):
        # Without the filter, the same scores and order, with the other department's item.
        everything = [hit.item_id for hit in search(SearchQuery(q="预算", sort=sort)).hits]
        expected = [pk for pk in everything if pk in wanted]
        if path != "few-candidates" or sort == "date":  # else the newest two only
            assert work.outsider.pk in everything and set(expected) == wanted
        query = SearchQuery(q="预算", organization_ids=[finance], sort=sort)
        for per_page in (1, 2, 4, 20):
            assert pages(query, per_page, len(expected)) == expected, (sort, per_page)
        if path == "default":
            assert search(query).total == len(wanted)
