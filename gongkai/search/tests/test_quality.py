"""Search quality over the demo government: for a fixed set of queries, the expected item is
on the first page. Expected items are chosen by rules, so the test follows the demo's text."""

import pytest

from gongkai.core.testing import aware
from gongkai.demo.generator import load
from gongkai.publishing.choices import InfoType, Status
from gongkai.publishing.models import Item
from gongkai.search import SearchQuery, search

pytestmark = pytest.mark.django_db
PHRASES = [
    "垃圾分类",
    "营商环境",
    "乡村振兴",
    "安全生产",
    "养老服务",
    "城市更新",
    "耕地保护",
    "义务教育",
]
TYPES = [
    InfoType.NORMATIVE,
    InfoType.OTHER_POLICY,
    InfoType.NOTICE,
    InfoType.NEWS,
    InfoType.BUDGET,
    InfoType.PROCUREMENT,
    InfoType.PERSONNEL,
    InfoType.STATISTICS,
    InfoType.PLAN,
    InfoType.EMERGENCY,
]


def cases() -> list[tuple[str, Item]]:
    published = Item.objects.filter(status=Status.PUBLISHED).select_related("organization")
    newest = published.order_by("-published_at", "-pk")
    found = []
    for info_type in TYPES:  # a user pasting the title, without the issuing organization
        item = newest.filter(info_type=info_type).first()
        if item:
            title = item.title.removeprefix(item.organization.name) or item.title
            found.append((title, item))
    for phrase in PHRASES:  # a topic: the newest item with it in the title
        item = newest.filter(title__contains=phrase).first()
        if item:
            found.append((phrase, item))
    numbered = published.exclude(document_number="").order_by("pk")
    for item in numbered[:2]:
        found.append((item.document_number, item))
    oldest = published.order_by("pk").first()
    found.append((oldest.index_number, oldest))
    return found


def test_expected_items_are_on_the_first_page(engine):
    load(items=160, seed=2026, now=aware(2026, 6, 1, 12))
    engine.rebuild(workers=1)  # the demo's index jobs wait for a commit that tests never make
    checked = cases()
    assert len(checked) >= 10
    misses = []
    for q, item in checked:
        results = search(SearchQuery(q=q))
        if item.pk not in [hit.item_id for hit in results.hits]:
            misses.append(f"{q!r} → 《{item.title}》 (共 {results.total} 条)")
    assert misses == []
    # 文号 and 索引号 come first.
    for q, item in checked[-3:]:
        assert search(SearchQuery(q=q)).hits[0].item_id == item.pk
