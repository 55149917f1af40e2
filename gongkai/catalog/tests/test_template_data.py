import pytest

from gongkai.catalog.models import CatalogTemplate, CatalogTemplateNode, TemplateKind
from gongkai.catalog.template_data import seed_templates

pytestmark = pytest.mark.django_db


def _root(kind):
    template = CatalogTemplate.objects.get(kind=kind)
    return template, template.nodes.get(parent=None)


def test_migrations_seed_the_four_shared_templates():
    assert set(CatalogTemplate.objects.values_list("kind", flat=True)) == set(TemplateKind.values)


@pytest.mark.parametrize(
    ("kind", "children"),
    [
        (TemplateKind.STATUTORY, 15),  # 条例第二十条 has fifteen items
        (TemplateKind.FIVE_PUBLIC, 5),
        (TemplateKind.GRASSROOTS, 26),
    ],
)
def test_each_template_is_one_tree_with_the_expected_columns(kind, children):
    template, root = _root(kind)
    assert template.nodes.filter(parent=None).count() == 1
    assert root.children.count() == children


def test_key_areas_cover_the_main_fields_and_nest_public_resources():
    _template, root = _root(TemplateKind.KEY_AREAS)
    names = set(root.children.values_list("name", flat=True))
    assert 10 <= len(names) <= 14
    assert {"重大建设项目", "公共资源配置", "社会公益事业", "财政预决算"} <= names
    assert root.children.get(name="公共资源配置").children.filter(name="政府采购").exists()


def test_every_seeded_node_is_valid_and_says_what_it_publishes():
    for node in CatalogTemplateNode.objects.all():
        node.full_clean()
        assert node.content and node.time_limit and node.method and node.scope


def test_statutory_columns_use_the_article_26_time_limit_by_default():
    _template, root = _root(TemplateKind.STATUTORY)
    columns = root.children.all()
    assert sum("20个工作日" in column.time_limit for column in columns) >= 10
    assert columns.get(name="财政预算、决算").update_frequency == "yearly"


def test_seeding_again_changes_nothing_and_keeps_local_edits():
    node = CatalogTemplateNode.objects.get(name="统计信息")
    node.content = "本地改写的说明"
    node.save()
    count = CatalogTemplateNode.objects.count()

    seed_templates(CatalogTemplate, CatalogTemplateNode)

    assert CatalogTemplateNode.objects.count() == count
    assert CatalogTemplate.objects.count() == 4
    node.refresh_from_db()
    assert node.content == "本地改写的说明"


def test_seeding_restores_a_missing_node():
    CatalogTemplateNode.objects.get(name="公务员招考").delete()
    seed_templates(CatalogTemplate, CatalogTemplateNode)
    assert CatalogTemplateNode.objects.filter(name="公务员招考").count() == 1
