from django.urls import reverse

import pytest

from gongkai.catalog.services import catalog_node_save
from gongkai.core.testing import OrganizationFactory, Team
from gongkai.orgs.models import Level

from .data import NOW, draft, publish

pytestmark = pytest.mark.django_db


def org_url(org, **query):
    url = reverse("portal:organization", args=[org.slug])
    return url + "".join(f"?{k}={v}" for k, v in query.items())


@pytest.fixture
def city():
    """A city government with a department and a district that has a department and a town."""
    government = OrganizationFactory(name="测试市人民政府", level=Level.GOVERNMENT, sort_order=1)
    department = OrganizationFactory(name="测试市教育局", parent=government, sort_order=2)
    district = OrganizationFactory(
        name="东湖区人民政府", level=Level.DISTRICT, parent=government, sort_order=3
    )
    district_department = OrganizationFactory(
        name="东湖区民政局", level=Level.DISTRICT_DEPARTMENT, parent=district, sort_order=4
    )
    town = OrganizationFactory(
        name="东湖街道办事处", level=Level.TOWN, parent=district, sort_order=5
    )
    closed = OrganizationFactory(
        name="已撤并的乡镇", level=Level.TOWN, parent=district, is_active=False
    )
    return government, department, district, district_department, town, closed


def test_organizations_page_groups_by_level(client, city):
    government, department, district, district_department, town, closed = city

    html = client.get(reverse("portal:organizations")).content.decode()

    city_part, districts_part = html.split('id="districts"')
    assert government.name in city_part and department.name in city_part
    assert district.name not in city_part
    for org in (district, district_department, town):
        assert org.name in districts_part and org_url(org) in districts_part
    assert closed.name not in html
    assert html.count("<h1") == 1


def test_home_groups_organizations(client, city):
    government, department, district, district_department, town, _closed = city

    html = client.get(reverse("portal:home")).content.decode()

    assert "市政府及部门" in html and "各区县" in html
    assert org_url(government) in html and org_url(district) in html
    assert reverse("portal:organizations") in html
    assert town.name not in html  # towns are one click further, on the district's page


def test_organization_page_shows_contacts_and_openness_links(client, team):
    org = team.org
    org.office_name, org.office_hours = "市政府办公室政务公开科", "工作日 9:00-17:00"
    org.address, org.phone = "人民路1号", "0571-87001234"
    org.save()

    response = client.get(org_url(org))

    assert response.status_code == 200
    html = response.content.decode()
    for text in ("工作日 9:00-17:00", "人民路1号", "0571-87001234", "市政府办公室政务公开科"):
        assert text in html
    assert reverse("catalog:guide", args=[org.slug]) in html
    assert reverse("catalog:rules", args=[org.slug]) in html
    assert reverse("catalog:negative_list", args=[org.slug]) in html


def test_unknown_or_inactive_organization_is_404(client, city):
    *_rest, closed = city
    assert client.get("/org/no-such-org/").status_code == 404
    assert client.get(org_url(closed)).status_code == 404


def test_organization_page_paginates_its_items(client, team):
    for n in range(21):
        publish(team, title=f"第{n:02d}号通知", now=NOW.replace(day=5 + n))

    first = client.get(org_url(team.org)).content.decode()
    second = client.get(org_url(team.org, page=2)).content.decode()

    assert first.count("号通知</a>") == 20 and "第20号通知" in first and "第00号通知" not in first
    assert second.count("号通知</a>") == 1 and "第00号通知" in second
    assert 'href="?page=2"' in first and 'aria-current="page"' in second
    # a malformed or too large page number still gives a page, not an error
    assert client.get(org_url(team.org, page="abc")).status_code == 200
    assert "第00号通知" in client.get(org_url(team.org, page=99)).content.decode()


def test_organization_page_lists_only_its_own_and_co_issued_items(client, team):
    other = Team()
    own = publish(team, title="本机构的通知")
    foreign = publish(other, title="别的机构的通知")
    joint = publish(other, title="联合印发的通知", co_issuers=[team.org])

    html = client.get(org_url(team.org)).content.decode()

    assert own.title in html and joint.title in html and foreign.title not in html


# ---------------------------------------------------------------- catalog


def _node(team, name, parent=None, **fields):
    return catalog_node_save(
        organization=team.org, actor=team.office, now=NOW, parent=parent, name=name, **fields
    )


def test_catalog_tree_and_node_page(client, team):
    top = _node(team, "法定主动公开内容")
    node = _node(
        team,
        "规范性文件",
        parent=top,
        subject="测试市教育局",
        content="本机关制定的行政规范性文件",
        time_limit="自形成之日起20个工作日内",
        method="政府网站",
        scope="全社会",
        update_frequency="monthly",
    )
    sibling = _node(team, "机构职能", parent=top)
    filed = publish(
        team,
        title="关于规范校外培训的通知",
        catalog_nodes=[node],
        document_number="测教发〔2025〕2号",
    )
    publish(team, title="未归入本栏目的通知")
    unpublished = draft(team, title="本栏目的草稿", catalog_nodes=[node])

    org_html = client.get(org_url(team.org)).content.decode()
    node_url = reverse("portal:catalog_node", args=[team.org.slug, node.pk])
    assert node_url in org_html and "（1 条）" in org_html

    response = client.get(node_url)
    assert response.status_code == 200
    html = response.content.decode()
    breadcrumb = html.split('class="breadcrumb"')[1].split("</ol>")[0]
    for text in ("首页", "政府信息公开", team.org.name, top.name, node.name):
        assert text in breadcrumb
    assert f'{node_url}" aria-current="page"' in html
    assert sibling.name in html  # the side tree
    for label, value in (
        ("公开主体", "测试市教育局"),
        ("公开时限", "自形成之日起20个工作日内"),
        ("公开方式", "政府网站"),
        ("公开范围", "全社会"),
        ("更新频率", "每月"),
    ):
        assert f'<th scope="row">{label}</th><td>{value}</td>' in html
    assert "本机关制定的行政规范性文件" in html
    assert filed.title in html and "测教发〔2025〕2号" in html and "2025-03-10" in html
    assert "未归入本栏目的通知" not in html and unpublished.title not in html
    assert html.count("<h1") == 1


def test_node_of_another_organization_or_inactive_is_404(client, team):
    other = Team()
    foreign = catalog_node_save(
        organization=other.org, actor=other.office, now=NOW, parent=None, name="别的机构栏目"
    )
    hidden = _node(team, "停用的栏目", is_active=False)

    assert (
        client.get(reverse("portal:catalog_node", args=[team.org.slug, foreign.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("portal:catalog_node", args=[team.org.slug, hidden.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("portal:catalog_node", args=[other.org.slug, foreign.pk])).status_code
        == 200
    )
