from datetime import date

import pytest

from gongkai.catalog.models import (
    CatalogNode,
    CatalogTemplate,
    DocumentKind,
    NegativeListEntry,
    OpennessDocument,
    TemplateKind,
)
from gongkai.catalog.services import (
    catalog_instantiate,
    catalog_node_save,
    guide_default_body,
    negative_entry_save,
    openness_document_save,
)
from gongkai.core.errors import DomainError, NotAllowed
from gongkai.core.models import AuditEntry
from gongkai.orgs.models import Role

from .factories import NOW, OrganizationFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganizationFactory()


@pytest.fixture
def office(org):
    return member(org, Role.OPENNESS_OFFICE)


@pytest.fixture
def statutory():
    return CatalogTemplate.objects.get(kind=TemplateKind.STATUTORY)


def _entry(org, actor, **overrides):
    fields = {
        "matter": "涉及国家秘密的应急物资储备信息",
        "legal_basis": "《中华人民共和国政府信息公开条例》第十四条",
        "scope": "本机关储备库的品种、数量和位置",
        "review_on": date(2025, 12, 1),
    }
    return negative_entry_save(organization=org, actor=actor, now=NOW, **{**fields, **overrides})


# catalog_instantiate -----------------------------------------------------------------------


def test_instantiate_copies_the_template_tree(org, office, statutory):
    nodes = catalog_instantiate(organization=org, template=statutory, actor=office, now=NOW)

    assert len(nodes) == statutory.nodes.count() == 16
    root = CatalogNode.objects.get(organization=org, parent=None)
    assert root.name == "法定主动公开内容"
    assert root.children.count() == 15
    budget = root.children.get(name="财政预算、决算")
    assert budget.template_node.template == statutory
    assert budget.update_frequency == "yearly"
    assert "预算法" in budget.time_limit
    assert AuditEntry.objects.filter(action="catalog.instantiate", object_id=org.pk).count() == 1


def test_instantiate_twice_keeps_existing_columns_and_their_edits(org, office, statutory):
    first = catalog_instantiate(organization=org, template=statutory, actor=office, now=NOW)
    edited = first[3]
    catalog_node_save(organization=org, actor=office, now=NOW, node=edited, content="本机关改写")

    again = catalog_instantiate(organization=org, template=statutory, actor=office, now=NOW)

    assert [node.pk for node in again] == [node.pk for node in first]
    assert CatalogNode.objects.filter(organization=org).count() == 16
    edited.refresh_from_db()
    assert edited.content == "本机关改写"


def test_instantiate_completes_a_partial_catalog(org, office, statutory):
    nodes = catalog_instantiate(organization=org, template=statutory, actor=office, now=NOW)
    CatalogNode.objects.filter(pk=nodes[-1].pk).delete()

    catalog_instantiate(organization=org, template=statutory, actor=office, now=NOW)

    assert CatalogNode.objects.filter(organization=org).count() == 16


def test_instantiate_nests_deeper_templates(org, office):
    key_areas = CatalogTemplate.objects.get(kind=TemplateKind.KEY_AREAS)
    catalog_instantiate(organization=org, template=key_areas, actor=office, now=NOW)
    procurement = CatalogNode.objects.get(organization=org, name="政府采购")
    assert procurement.parent.name == "公共资源配置"
    assert procurement.parent.parent.name == "重点领域信息公开"


# permissions --------------------------------------------------------------------------------


@pytest.fixture
def outsiders(org):
    """A drafter of the organization and the openness office of another one."""
    other = OrganizationFactory()
    return [member(org, Role.DRAFTER), member(other, Role.OPENNESS_OFFICE)]


def test_only_the_office_may_build_the_catalog(org, outsiders, statutory):
    for actor in [*outsiders, None]:
        with pytest.raises(NotAllowed):
            catalog_instantiate(organization=org, template=statutory, actor=actor, now=NOW)
    assert not CatalogNode.objects.filter(organization=org).exists()


def test_only_the_office_may_edit_columns(org, office, outsiders):
    node = catalog_node_save(organization=org, actor=office, now=NOW, name="通知公告")
    for actor in outsiders:
        with pytest.raises(NotAllowed):
            catalog_node_save(organization=org, actor=actor, now=NOW, name="新栏目")
        with pytest.raises(NotAllowed):
            catalog_node_save(organization=org, actor=actor, now=NOW, node=node, name="改名")
    node.refresh_from_db()
    assert node.name == "通知公告"


def test_only_the_office_may_write_the_guide(org, outsiders):
    for actor in outsiders:
        with pytest.raises(NotAllowed):
            openness_document_save(
                organization=org,
                kind=DocumentKind.GUIDE,
                title="指南",
                body="<p>正文</p>",
                actor=actor,
                now=NOW,
            )
    assert not OpennessDocument.objects.exists()


def test_only_the_office_may_keep_the_negative_list(org, outsiders):
    for actor in outsiders:
        with pytest.raises(NotAllowed):
            _entry(org, actor)
    assert not NegativeListEntry.objects.exists()


def test_office_of_one_organization_cannot_reach_records_of_another(org, office):
    other = OrganizationFactory()
    other_office = member(other)
    entry = _entry(other, other_office)
    with pytest.raises(NotAllowed):
        negative_entry_save(
            organization=org,
            actor=office,
            now=NOW,
            entry=entry,
            matter="改",
            legal_basis="x",
            scope="",
            review_on=date(2025, 12, 1),
        )


def test_a_platform_admin_may_act_for_any_organization(org, statutory):
    admin = member(OrganizationFactory(), Role.PLATFORM_ADMIN)
    assert catalog_instantiate(organization=org, template=statutory, actor=admin, now=NOW)
    assert _entry(org, admin).organization == org


# catalog_node_save --------------------------------------------------------------------------


def test_node_save_creates_updates_and_audits(org, office):
    parent = catalog_node_save(organization=org, actor=office, now=NOW, name="政策文件")
    node = catalog_node_save(
        organization=org,
        actor=office,
        now=NOW,
        parent=parent,
        name="规范性文件",
        update_frequency="monthly",
        time_limit="20个工作日内",
    )
    assert node.parent == parent
    catalog_node_save(organization=org, actor=office, now=NOW, node=node, is_active=False)

    node.refresh_from_db()
    assert node.parent == parent  # left out: stays where it is
    assert not node.is_active
    update = AuditEntry.objects.get(action="catalog.node_update", object_id=node.pk)
    assert update.data["changed"] == {"is_active": [True, False]}


def test_node_save_moves_a_column_to_the_top_when_parent_is_none(org, office):
    parent = catalog_node_save(organization=org, actor=office, now=NOW, name="甲")
    node = catalog_node_save(organization=org, actor=office, now=NOW, parent=parent, name="乙")
    catalog_node_save(organization=org, actor=office, now=NOW, node=node, parent=None)
    node.refresh_from_db()
    assert node.parent is None


def test_node_save_rejects_duplicate_names_cycles_and_foreign_parents(org, office):
    top = catalog_node_save(organization=org, actor=office, now=NOW, name="甲")
    child = catalog_node_save(organization=org, actor=office, now=NOW, parent=top, name="乙")

    with pytest.raises(DomainError, match="已有名为"):
        catalog_node_save(organization=org, actor=office, now=NOW, name="甲")
    with pytest.raises(DomainError, match="下级栏目"):
        catalog_node_save(organization=org, actor=office, now=NOW, node=top, parent=child)
    other = OrganizationFactory()
    foreign = catalog_node_save(organization=other, actor=member(other), now=NOW, name="丙")
    with pytest.raises(DomainError, match="本机构"):
        catalog_node_save(organization=org, actor=office, now=NOW, parent=foreign, name="丁")
    with pytest.raises(DomainError, match="栏目名称"):
        catalog_node_save(organization=org, actor=office, now=NOW, name="  ")
    with pytest.raises(DomainError):
        catalog_node_save(
            organization=org, actor=office, now=NOW, name="戊", update_frequency="hourly"
        )


def test_node_save_refuses_unknown_fields(org, office):
    with pytest.raises(TypeError):
        catalog_node_save(organization=org, actor=office, now=NOW, name="甲", organization_id=1)


# guide and rules ----------------------------------------------------------------------------


def test_document_body_is_sanitized(org, office):
    document = openness_document_save(
        organization=org,
        kind=DocumentKind.RULES,
        title="保密审查制度",
        body='<p onclick="x()">先审查、后公开</p><script>alert(1)</script>',
        actor=office,
        now=NOW,
    )
    assert document.body == "<p>先审查、后公开</p>"
    assert document.updated_at == NOW
    assert AuditEntry.objects.filter(action="catalog.document_create").count() == 1


def test_one_guide_per_organization(org, office):
    guide = openness_document_save(
        organization=org,
        kind=DocumentKind.GUIDE,
        title="公开指南",
        body="<p>一</p>",
        actor=office,
        now=NOW,
    )
    with pytest.raises(DomainError, match="已有政府信息公开指南"):
        openness_document_save(
            organization=org,
            kind=DocumentKind.GUIDE,
            title="另一份",
            body="<p>二</p>",
            actor=office,
            now=NOW,
        )
    updated = openness_document_save(
        organization=org,
        kind=DocumentKind.GUIDE,
        title="公开指南（修订）",
        body="<p>二</p>",
        actor=office,
        now=NOW,
        document=guide,
    )
    assert updated.pk == guide.pk and updated.title == "公开指南（修订）"


def test_document_needs_a_title_and_a_body(org, office):
    with pytest.raises(DomainError, match="标题"):
        openness_document_save(
            organization=org,
            kind=DocumentKind.RULES,
            title=" ",
            body="<p>正文</p>",
            actor=office,
            now=NOW,
        )
    with pytest.raises(DomainError, match="正文"):
        openness_document_save(
            organization=org,
            kind=DocumentKind.RULES,
            title="制度",
            body="<script>x</script>",
            actor=office,
            now=NOW,
        )


def test_default_guide_uses_the_office_data_and_covers_the_law(org):
    body = guide_default_body(org)
    assert org.name in body and org.office_name in body
    for words in [
        "主动公开",
        "依申请公开",
        "监督和救济",
        "20个工作日",
        "身份证明",
        "国办函〔2020〕109号",
        "行政复议",
        "行政诉讼",
        "传真",
    ]:
        assert words in body, words


def test_default_guide_escapes_organization_data():
    org = OrganizationFactory(name="<b>某局</b>", office_name="<script>办公室</script>")
    body = guide_default_body(org)
    assert "<script>" not in body and "&lt;b&gt;某局&lt;/b&gt;" in body


# negative list ------------------------------------------------------------------------------


def test_negative_entry_is_saved_and_audited(org, office):
    entry = _entry(org, office)
    assert entry.updated_at == NOW and entry.is_active
    assert AuditEntry.objects.filter(action="catalog.negative_create", object_id=entry.pk)


@pytest.mark.parametrize("basis", ["", "   "])
def test_negative_entry_without_legal_basis_is_refused(org, office, basis):
    with pytest.raises(DomainError, match="法律依据") as raised:
        _entry(org, office, legal_basis=basis)
    assert raised.value.field == "legal_basis"
    assert not NegativeListEntry.objects.exists()


def test_negative_entry_without_review_date_is_refused(org, office):
    with pytest.raises(DomainError, match="评估日期"):
        _entry(org, office, review_on=None)


def test_active_negative_entry_cannot_be_due_in_the_past_but_can_be_retired(org, office):
    with pytest.raises(DomainError, match="早于今天"):
        _entry(org, office, review_on=date(2025, 6, 2))
    entry = _entry(org, office)
    retired = _entry(org, office, entry=entry, review_on=date(2025, 1, 1), is_active=False)
    assert retired.pk == entry.pk and not retired.is_active
