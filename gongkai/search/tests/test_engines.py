"""The search interface over each engine: matching, exact numbers, filters, sorting, ranking,
and the index following publish / correct / withdraw / abolish after commit."""

from datetime import date

from django.core.management import call_command

import pytest

from gongkai.core.testing import OrganizationFactory, Team, aware
from gongkai.publishing.choices import InfoType, Validity
from gongkai.publishing.models import Topic
from gongkai.search import SearchQuery, search
from gongkai.search.documents import factor, rerank

from .conftest import ON_POSTGRES

pytestmark = pytest.mark.django_db


def ids(results):
    return [hit.item_id for hit in results.hits]


def test_two_character_words_and_dictionary_words_are_found(engine, publish):
    budget = publish(title="市财政局2025年部门预算", body="<p>现将部门预算公开如下。</p>")
    request = publish(title="依申请公开办理流程", body="<p>申请人可以通过网络提交申请。</p>")
    other = publish(title="关于开展防汛检查的通知", body="<p>请各单位做好防汛准备。</p>")
    assert ids(search(SearchQuery(q="预算"))) == [budget.pk]
    assert ids(search(SearchQuery(q="依申请公开"))) == [request.pk]
    assert set(ids(search(SearchQuery(q="公开")))) == {budget.pk, request.pk}
    assert ids(search(SearchQuery(q="申请"))) == [request.pk]
    assert ids(search(SearchQuery(q="防汛"))) == [other.pk]


def test_all_words_must_match_else_any_word_with_notice(engine, publish):
    both = publish(title="养老服务补贴发放办法", body="<p>老年人可申请补贴。</p>")
    one = publish(title="养老机构名单", body="<p>名单如下。</p>")
    results = search(SearchQuery(q="养老 补贴"))
    assert ids(results) == [both.pk] and not results.used_or_fallback
    results = search(SearchQuery(q="养老 火星"))
    assert results.used_or_fallback
    assert set(ids(results)) == {both.pk, one.pk}
    assert search(SearchQuery(q="火星")).total == 0


def test_document_number_is_found_exactly_in_any_width(engine, publish):
    item = publish(title="关于印发实施意见的通知", document_number="沪府办发〔2019〕7号")
    publish(title="另一份文件", document_number="沪府办发〔2019〕17号")
    for form in (
        "沪府办发〔2019〕7号",
        "沪府办发[2019]7号",
        "沪府办发［２０１９］７号",
        " 沪府办发 (2019) 7号 ",
    ):
        results = search(SearchQuery(q=form))
        assert results.exact_match, form
        assert results.hits[0].item_id == item.pk and results.hits[0].exact, form
    assert engine.exact("沪府办发〔2019〕7号") == [item.pk]


def test_index_number_is_found_exactly(engine, publish):
    item = publish(title="某项通知")
    publish(title="另一项通知")
    results = search(SearchQuery(q=item.index_number))
    assert results.exact_match and results.hits[0].item_id == item.pk
    assert results.hits[0].exact
    assert engine.exact(item.index_number.lower()) == [item.pk]


def test_filters(engine, publish, settings):
    topic = Topic.objects.filter(parent__isnull=False).select_related("parent").first()
    other_team = Team(OrganizationFactory())
    a = publish(
        title="教育经费预算公开",
        info_type=InfoType.BUDGET,
        topic=topic,
        now=aware(2024, 5, 6, 10),
    )
    b = publish(
        title="教育督导办法",
        info_type=InfoType.NORMATIVE,
        team=other_team,
        now=aware(2025, 1, 8, 10),
    )
    c = publish(title="教育工作动态", info_type=InfoType.NEWS, now=aware(2025, 3, 1, 10))
    q = "教育"
    assert set(ids(search(SearchQuery(q=q)))) == {a.pk, b.pk, c.pk}
    assert ids(search(SearchQuery(q=q, organization_ids=[other_team.org.pk]))) == [b.pk]
    assert ids(search(SearchQuery(q=q, info_types=[InfoType.BUDGET]))) == [a.pk]
    both = SearchQuery(q=q, info_types=[InfoType.BUDGET, InfoType.NEWS])
    assert set(ids(search(both))) == {a.pk, c.pk}
    assert ids(search(SearchQuery(q=q, topic_ids=[topic.pk]))) == [a.pk]
    assert ids(search(SearchQuery(q=q, topic_ids=[topic.parent_id]))) == [a.pk]
    assert ids(search(SearchQuery(q=q, validity=Validity.CURRENT))) == [b.pk]
    in_2025 = SearchQuery(q=q, date_from=date(2025, 1, 1), date_to=date(2025, 1, 8))
    assert ids(search(in_2025)) == [b.pk]  # the end day is included
    assert set(ids(search(SearchQuery(q=q, date_from=date(2025, 1, 9))))) == {c.pk}
    assert ids(search(SearchQuery(q=q, date_to=date(2024, 12, 31)))) == [a.pk]
    # days too far out for a datetime still bound: everything, or nothing
    every_day = SearchQuery(q=q, date_from=date(1, 1, 1), date_to=date(9999, 12, 31))
    assert set(ids(search(every_day))) == {a.pk, b.pk, c.pk}
    assert ids(search(SearchQuery(q=q, date_from=date(9999, 1, 1)))) == []


def test_sort_by_date_newest_first(engine, publish):
    old = publish(title="安全生产检查通知", now=aware(2023, 4, 3, 9))
    new = publish(title="安全生产月活动", now=aware(2025, 2, 3, 9))
    mid = publish(title="安全生产工作要点", now=aware(2024, 4, 3, 9))
    assert ids(search(SearchQuery(q="安全生产", sort="date"))) == [new.pk, mid.pk, old.pk]


def test_title_hits_rank_above_body_hits(engine, publish):
    body_hit = publish(
        title="关于做好近期工作的通知", body="<p>做好垃圾分类宣传，推进相关工作。</p>"
    )
    title_hit = publish(title="垃圾分类工作方案", body="<p>为推进相关工作，制定本方案。</p>")
    assert ids(search(SearchQuery(q="垃圾分类"))) == [title_hit.pk, body_hit.pk]
    assert body_hit.pk  # both found


def test_current_policies_rank_above_abolished_ones(engine, publish):
    text = {"body": "<p>本办法规范政府采购活动。</p>", "info_type": InfoType.NORMATIVE}
    abolished = publish(title="政府采购管理办法", document_number="云财发〔2020〕1号", **text)
    current = publish(title="政府采购管理办法", document_number="云财发〔2020〕2号", **text)
    publish.abolish(abolished)
    assert ids(search(SearchQuery(q="政府采购管理办法"))) == [current.pk, abolished.pk]
    assert ids(search(SearchQuery(q="政府采购", validity=Validity.ABOLISHED))) == [abolished.pk]


def test_recent_items_rank_above_old_ones_with_the_same_text(engine, publish):
    old = publish(title="河长制工作通报", now=aware(2019, 6, 3, 9))
    new = publish(title="河长制工作通报", now=aware(2025, 3, 3, 9))
    assert ids(search(SearchQuery(q="河长制"))) == [new.pk, old.pk]


def test_withdrawn_items_leave_the_results_after_commit(engine, publish):
    item = publish(title="乡村振兴项目公示")
    assert ids(search(SearchQuery(q="乡村振兴"))) == [item.pk]
    publish.withdraw(item)
    assert search(SearchQuery(q="乡村振兴")).total == 0
    assert engine.doc_count() == 0


def test_corrections_are_searchable_after_commit(engine, publish):
    item = publish(title="关于调整公交线路的通告", body="<p>自下月起调整12路公交线路。</p>")
    publish.correct(item, body="<p>自下月起调整15路公交线路，新增社区接驳。</p>")
    assert ids(search(SearchQuery(q="接驳"))) == [item.pk]
    assert (
        search(SearchQuery(q="12路 调整")).hits == []
        or search(SearchQuery(q="12路 调整")).used_or_fallback
    )


def test_results_are_highlighted_and_escaped(engine, publish):
    item = publish(
        title="<b>城市更新</b>试点方案",
        body="<p>" + "前言。" * 40 + "本市推进城市更新，改善居住条件。</p>",
    )
    results = search(SearchQuery(q="城市更新"))
    hit = results.hits[0]
    assert hit.item_id == item.pk and hit.item.organization_id == item.organization_id
    assert hit.title_html == "&lt;b&gt;<mark>城市更新</mark>&lt;/b&gt;试点方案"
    assert "<mark>城市更新</mark>" in hit.snippet_html
    assert hit.snippet_html.startswith("…")


def test_pagination(engine, publish):
    items = [publish(title=f"社区治理第{n}期简报") for n in range(5)]
    first = search(SearchQuery(q="社区治理", per_page=2, sort="date"))
    third = search(SearchQuery(q="社区治理", per_page=2, page=3, sort="date"))
    assert first.total == 5 and first.num_pages == 3
    assert len(first.hits) == 2 and len(third.hits) == 1
    seen = (
        ids(first)
        + ids(search(SearchQuery(q="社区治理", per_page=2, page=2, sort="date")))
        + ids(third)
    )
    assert sorted(seen) == sorted(i.pk for i in items)


def test_rebuild_command(engine, publish, capsys):
    first = publish(title="公共法律服务指南")
    second = publish(title="公共法律服务清单")
    engine.clear()
    assert engine.doc_count() == 0
    call_command("search_rebuild", backend=engine.name, workers=1)
    out = capsys.readouterr().out
    assert "已索引 2 条" in out and "条/秒" in out
    assert engine.doc_count() == 2
    assert set(ids(search(SearchQuery(q="公共法律服务")))) == {first.pk, second.pk}


def test_check_warns_when_the_dictionary_changed(engine, publish, monkeypatch):
    from gongkai.search import checks

    publish(title="公共法律服务指南")
    call_command("search_rebuild", backend=engine.name, workers=1, verbosity=0)
    assert checks.dictionary_version_check() == []
    engine.clear()
    assert [w.id for w in checks.dictionary_version_check()] == ["search.W001"]  # incomplete
    call_command("search_rebuild", backend=engine.name, workers=1, verbosity=0)
    monkeypatch.setattr(checks, "DICTIONARY_VERSION", "0123456789ab")
    warnings = checks.dictionary_version_check()
    assert [w.id for w in warnings] == ["search.W001"]
    assert "search_rebuild" in warnings[0].hint


def test_ranking_factor_prefers_current_and_recent():
    now = aware(2025, 6, 1, 9)
    day = aware(2025, 1, 1, 9)
    assert factor(day, "current", now) > factor(day, "", now) > factor(day, "abolished", now)
    assert factor(aware(2025, 1, 1), "", now) > factor(aware(2020, 1, 1), "", now) >= 0.5
    assert rerank([(1, 1.0, aware(2015, 1, 1), ""), (2, 1.0, day, "")], now)[0][0] == 2


@pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL")
def test_postgres_frequent_words_rank_the_newest_matches_with_estimated_count(
    publish, settings, monkeypatch
):
    """Words the planner expects in very many items take the newest-first path."""
    from django.db import connection

    from gongkai.search.backends import postgres_engine

    settings.GONGKAI_SEARCH_BACKEND = "postgres"
    body_hit = publish(title="近期工作通知", body="<p>做好信访工作。</p>", now=aware(2025, 3, 1, 9))
    title_hit = publish(title="信访工作规定", now=aware(2025, 2, 1, 9))
    old = publish(title="信访工作规定", now=aware(2019, 2, 1, 9))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchdocument")
    monkeypatch.setattr(postgres_engine, "DENSE_FACTOR", 0)
    monkeypatch.setattr(postgres_engine, "EXACT_COUNT_LIMIT", 0)
    results = search(SearchQuery(q="信访"))
    assert ids(results) == [title_hit.pk, old.pk, body_hit.pk]
    assert results.total == 3 and not results.total_is_estimate  # the walk found them all
    assert ids(search(SearchQuery(q="信访", sort="date"))) == [body_hit.pk, title_hit.pk, old.pk]
    # Only the newest candidates are ranked; the count is then the planner's estimate.
    monkeypatch.setattr(postgres_engine, "DENSE_CANDIDATES", 2)
    results = search(SearchQuery(q="信访"))
    assert ids(results) == [title_hit.pk, body_hit.pk]
    assert results.total_is_estimate and results.total >= 1


@pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL")
def test_postgres_rebuild_partitions_by_item_id_and_searches_across_them(
    publish, settings, monkeypatch
):
    """A rebuild splits the table into partitions by item id; ranking, the newest-first walk,
    counts, exact numbers and later updates work across them, and a second rebuild swaps
    partitioned for partitioned."""
    from django.db import connection

    from gongkai.search.backends import get_backend, postgres_engine

    settings.GONGKAI_SEARCH_BACKEND = "postgres"
    engine = get_backend("postgres")
    items = [publish(title=f"社区治理第{n}期简报", now=aware(2025, 1, 1 + n, 9)) for n in range(5)]
    title_hit = publish(title="养老服务补贴发放办法", document_number="云民发〔2025〕3号")
    body_hit = publish(title="近期工作通知", body="<p>落实养老服务补贴。</p>")
    monkeypatch.setattr(postgres_engine, "PARTITION_ROWS", 2)
    for _ in range(2):
        assert engine.rebuild(workers=1).items == 7
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i "
                "JOIN pg_class c ON c.oid = i.inhrelid "
                "WHERE i.inhparent = 'search_searchdocument'::regclass ORDER BY c.relname"
            )
            partitions = cursor.fetchall()
            cursor.execute(
                "SELECT count(*) FROM pg_indexes WHERE tablename = 'search_searchdocument'"
            )
            parent_indexes = cursor.fetchone()[0]
        # Four spans of two items' ids, the last one cut in two.
        assert [name for name, _bound in partitions] == [
            f"search_searchdocument_p{i}" for i in range(5)
        ]
        assert "MINVALUE" in partitions[0][1] and "MAXVALUE" in partitions[-1][1]
        assert parent_indexes == 8  # the primary key, RUM and the six B-trees
        assert engine.doc_count() == 7
        assert ids(search(SearchQuery(q="养老服务补贴"))) == [title_hit.pk, body_hit.pk]
        by_date = search(SearchQuery(q="社区治理", sort="date"))
        assert ids(by_date) == [i.pk for i in reversed(items)] and by_date.total == 5
        assert engine.exact("云民发〔2025〕3号") == [title_hit.pk]
    monkeypatch.setattr(postgres_engine, "DENSE_FACTOR", 0)  # the newest-first walk
    assert set(ids(search(SearchQuery(q="社区治理")))) == {i.pk for i in items}
    publish.withdraw(items[0])  # updates after a rebuild reach the partitions
    later = publish(title="社区治理经验交流")
    assert set(ids(search(SearchQuery(q="社区治理")))) == {i.pk for i in items[1:]} | {later.pk}


@pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_postgres_rebuild_builds_partitions_on_other_connections(publish, settings, monkeypatch):
    """Outside a transaction each loaded partition is indexed by another connection while the
    next ones load; when a build fails, the rebuild fails and the live index stays."""
    from gongkai.search.backends import get_backend, postgres_engine

    settings.GONGKAI_SEARCH_BACKEND = "postgres"
    engine = get_backend("postgres")
    items = [publish(title=f"河长制第{n}期工作简报") for n in range(6)]
    monkeypatch.setattr(postgres_engine, "PARTITION_ROWS", 2)
    assert engine.rebuild(workers=1).items == 6
    assert set(ids(search(SearchQuery(q="河长制")))) == {i.pk for i in items}
    statements = postgres_engine._PartitionBuilder.statements

    def failing(self, partition):
        return [*statements(self, partition), "SELECT 1 / 0"]

    monkeypatch.setattr(postgres_engine._PartitionBuilder, "statements", failing)
    with pytest.raises(Exception, match="division by zero"):
        engine.rebuild(workers=1)
    assert engine.doc_count() == 6
    assert set(ids(search(SearchQuery(q="河长制")))) == {i.pk for i in items}
