from datetime import date, timedelta

import pytest

from gongkai.catalog.selectors import (
    catalog_tree,
    negative_entries_due,
    node_with_ancestors,
    stale_nodes,
)
from gongkai.catalog.services import catalog_node_save, negative_entry_save

from .factories import NOW, OrganizationFactory, member, published_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganizationFactory()


@pytest.fixture
def office(org):
    return member(org)


@pytest.fixture
def column(org, office):
    """``column(name, parent=None, **fields)`` saves a column through the service."""

    def make(name, parent=None, **fields):
        return catalog_node_save(
            organization=org, actor=office, now=NOW, parent=parent, name=name, **fields
        )

    return make


def test_catalog_tree_nests_active_columns_with_published_counts_in_one_query(
    org, column, django_assert_num_queries
):
    policies = column("政策文件", sort_order=1)
    rules = column("规章", parent=policies)
    normative = column("规范性文件", parent=policies)
    notices = column("通知公告", sort_order=2)
    hidden = column("已停用", is_active=False)
    column("停用栏目的下级", parent=hidden)
    for _ in range(3):
        published_item(org, normative, notices)
    published_item(org, rules)
    published_item(org, rules, status="draft")
    published_item(org, rules, status="withdrawn")

    with django_assert_num_queries(1):
        tree = catalog_tree(org)

    assert [t.node.name for t in tree] == ["政策文件", "通知公告"]
    assert [t.node.name for t in tree[0].children] == ["规章", "规范性文件"]
    counts = {t.node.name: t.item_count for t in [*tree, *tree[0].children]}
    assert counts == {"政策文件": 0, "通知公告": 3, "规章": 1, "规范性文件": 3}


def test_catalog_tree_query_count_does_not_grow_with_the_catalog(
    org, column, django_assert_num_queries
):
    for i in range(20):
        parent = column(f"栏目{i}")
        published_item(org, column(f"子栏目{i}", parent=parent))
    with django_assert_num_queries(1):
        tree = catalog_tree(org)
    assert len(tree) == 20 and all(t.children[0].item_count == 1 for t in tree)


def test_catalog_tree_of_an_organization_without_catalog_is_empty(org):
    assert catalog_tree(org) == []


def test_node_with_ancestors_goes_from_the_top_down(column):
    top = column("甲")
    middle = column("乙", parent=top)
    leaf = column("丙", parent=middle)
    assert node_with_ancestors(leaf) == [top, middle, leaf]
    assert node_with_ancestors(top) == [top]


def test_negative_entries_due_within_thirty_days(org, office):
    today = date(2025, 6, 3)

    def entry(review_on, organization=org, actor=office, **extra):
        return negative_entry_save(
            organization=organization,
            actor=actor,
            now=NOW,
            matter=f"事项{review_on}",
            legal_basis="条例第十四条",
            scope="",
            review_on=review_on,
            **extra,
        )

    soon = entry(today + timedelta(days=30))
    entry(today + timedelta(days=31))
    entry(today + timedelta(days=5), is_active=False)
    other = OrganizationFactory()
    elsewhere = entry(today, organization=other, actor=member(other))

    assert list(negative_entries_due(today=today, organization=org)) == [soon]
    assert list(negative_entries_due(today=today)) == [elsewhere, soon]
    # Overdue entries stay on the list until someone reviews them.
    assert list(negative_entries_due(today=today + timedelta(days=60), organization=org))[0] == soon


def test_stale_nodes(org, column):
    today = date(2025, 6, 3)
    fresh = column("工作动态", update_frequency="weekly")
    old = column("统计信息", update_frequency="monthly")
    empty = column("人事信息", update_frequency="yearly")
    column("不定期栏目", update_frequency="as_needed")
    switched_off = column("停用", update_frequency="weekly", is_active=False)
    published_item(org, fresh, published_at=NOW - timedelta(days=13))
    published_item(org, old, published_at=NOW - timedelta(days=46))
    published_item(org, old, published_at=NOW - timedelta(days=3), status="draft")
    published_item(org, switched_off, published_at=NOW - timedelta(days=100))

    stale = stale_nodes(organization=org, today=today)

    assert stale == [old, empty]
    assert stale[1].latest_published_at is None
    assert stale_nodes(organization=org, today=today + timedelta(days=2)) == [fresh, old, empty]
