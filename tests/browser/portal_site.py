"""A small public site for the portal's browser tests, made through the publishing services."""

from dataclasses import dataclass
from datetime import date

from django.core.cache import cache

import pytest

from gongkai.catalog.services import catalog_node_save
from gongkai.core.testing import OrganizationFactory, Team, aware, item_fields
from gongkai.interpretation import services as interpretation_services
from gongkai.interpretation.models import Form
from gongkai.orgs.models import Level, PlatformSettings
from gongkai.publishing import services
from gongkai.publishing.choices import InfoType
from gongkai.publishing.models import Item, Topic
from gongkai.publishing.topics import seed_topics

NOW = aware(2025, 3, 10, 9, 30)


@dataclass
class Site:
    government: object
    finance: Team
    education: Team
    node: object
    budget: Item
    policy: Item
    other_budget: Item


def _publish(team: Team, *, now=NOW, interpretation: str = "", **fields) -> Item:
    item = services.item_create(
        organization=team.org,
        actor=team.drafter,
        now=now,
        catalog_nodes=fields.pop("catalog_nodes", ()),
        **item_fields(written_on=date(2025, 3, 3), **fields),
    )
    services.item_submit(item=item, actor=team.drafter, now=now)
    services.item_approve(item=item, actor=team.reviewer, now=now)
    item = services.item_approve(item=item, actor=team.secrecy, now=now)
    if interpretation:
        draft = interpretation_services.interpretation_create(
            organization=team.org,
            actor=team.drafter,
            now=now,
            policies=[item],
            title=interpretation,
            body="<p>一、制定背景</p><p>二、主要内容</p>",
            form=Form.TEXT,
        )
        interpretation_services.interpretation_submit(
            interpretation=draft, actor=team.drafter, now=now
        )
        interpretation_services.interpretation_review(
            interpretation=draft, actor=team.reviewer, now=now, approve=True
        )
    return services.item_publish(item=item, actor=team.office, now=now)


@pytest.fixture
def portal_isolation(settings, tmp_path):
    """A clean page cache, version file and search index for each test (the live server runs
    in this process and shares them)."""
    settings.VAR_DIR = tmp_path / "var"
    settings.GONGKAI_SEARCH_BACKEND = "tantivy"
    settings.GONGKAI_SEARCH_TANTIVY_DIR = tmp_path / "tantivy"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def portal_site(transactional_db, portal_isolation) -> Site:
    PlatformSettings.objects.update_or_create(
        pk=1,
        defaults={
            "site_name": "测试市人民政府信息公开平台",
            "sponsor": "测试市人民政府办公室",
            "organizer": "测试市大数据管理局",
            "site_code": "3301000001",
            "icp_number": "浙ICP备00000000号",
            "psb_number": "浙公网安备33010002000001号",
            "contact": "0571-12345678",
        },
    )
    government = OrganizationFactory(name="测试市人民政府", level=Level.GOVERNMENT, sort_order=0)
    finance = Team(OrganizationFactory(name="测试市财政局", parent=government, sort_order=1))
    education = Team(OrganizationFactory(name="测试市教育局", parent=government, sort_order=2))
    OrganizationFactory(
        name="东湖区人民政府", level=Level.DISTRICT, parent=government, sort_order=3
    )
    node = catalog_node_save(
        organization=finance.org, actor=finance.office, now=NOW, parent=None, name="财政预决算"
    )
    if not Topic.objects.exists():  # a transactional test before this one flushed them
        seed_topics(Topic)
    budget_topic = Topic.objects.get(name="财政", parent__name="财政、金融、审计")
    budget = _publish(
        finance,
        title="测试市财政局2025年部门预算公开说明",
        info_type=InfoType.BUDGET,
        topic=budget_topic,
        catalog_nodes=[node],
        body="<p>根据预算法规定，现将本部门2025年预算情况公开如下。</p>",
    )
    for n in range(3):
        _publish(
            finance,
            title=f"测试市财政局关于第{n + 1}批资金安排的通知",
            topic=budget_topic,
            catalog_nodes=[node],
        )
    policy = _publish(
        finance,
        title="测试市财政局关于印发《预算绩效管理办法》的通知",
        info_type=InfoType.NORMATIVE,
        document_number="测财规〔2025〕1号",
        topic=budget_topic,
        effective_on=date(2025, 4, 1),
        body="<p>为加强预算绩效管理，制定本办法。</p>",
        interpretation="《预算绩效管理办法》政策解读",
    )
    other_budget = _publish(
        education,
        title="测试市教育局2025年部门预算",
        info_type=InfoType.BUDGET,
        body="<p>本局2025年收支预算总计如下。</p>",
    )
    _publish(education, title="全市中小学开学工作部署会召开", info_type=InfoType.NEWS)
    return Site(government, finance, education, node, budget, policy, other_budget)
