"""The organization filter of the search means what it means on the portal's lists: what the
organization issued or co-issued (联合发文), not its subordinate units' items."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from gongkai.core.testing import OrganizationFactory, Team
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
    joint = f"AND (organization_id = {budgets.finance.org.pk} OR item_id = {budgets.joint.pk})"
    assert all(joint in sql for sql in searched(budgets.finance.org.pk))


@pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL")
def test_postgres_newest_first_walk_finds_co_issued_items(publish, settings, monkeypatch):
    from gongkai.search.backends import postgres_engine

    settings.GONGKAI_SEARCH_BACKEND = "postgres"
    budgets = Budgets(publish)
    monkeypatch.setattr(postgres_engine, "DENSE_FACTOR", 0)
    for sort in ("relevance", "date"):
        query = SearchQuery(q="预算", organization_ids=[budgets.finance.org.pk], sort=sort)
        assert ids(search(query)) == {budgets.own.pk, budgets.joint.pk}
