"""One meaning per filter: the portal's list pages and the open API list the same items."""

import re

from django.urls import reverse

import pytest

from gongkai.catalog.services import catalog_node_save
from gongkai.core.testing import OrganizationFactory, Team, aware
from gongkai.orgs.models import Level
from gongkai.publishing import services
from gongkai.publishing.choices import InfoType
from gongkai.publishing.models import Topic

from .data import NOW, publish

pytestmark = pytest.mark.django_db


class District:
    """A district government with a department under it, a partner that co-issues with it,
    a topic with a sub-topic, a column with a sub-column, and items on both sides of midnight."""

    def __init__(self):
        self.government = Team(
            OrganizationFactory(name="测试市东区人民政府", slug="dongqu", level=Level.DISTRICT)
        )
        self.department = Team(
            OrganizationFactory(
                name="东区教育局",
                slug="dongqu-jyj",
                level=Level.DISTRICT_DEPARTMENT,
                parent=self.government.org,
            )
        )
        self.partner = Team(OrganizationFactory(name="测试市财政局", slug="czj"))
        self.topic = Topic.objects.create(name="城乡建设")
        self.subtopic = Topic.objects.create(name="住房保障", parent=self.topic)
        gov = self.government
        self.column = catalog_node_save(
            organization=gov.org, actor=gov.office, now=NOW, parent=None, name="政策文件"
        )
        self.subcolumn = catalog_node_save(
            organization=gov.org, actor=gov.office, now=NOW, parent=self.column, name="规范性文件"
        )
        self.items = {
            "own": publish(
                gov,
                title="东区通知",
                topic=self.topic,
                catalog_nodes=[self.column],
                now=aware(2025, 3, 5, 23, 30),  # still the 5th in Beijing
            ),
            "department": publish(
                self.department,
                title="东区教育局通知",
                topic=self.subtopic,
                now=aware(2025, 3, 6, 0, 30),
            ),
            "joint": publish(
                self.partner,
                title="财政局与东区联合发文",
                info_type=InfoType.NORMATIVE,
                co_issuers=[gov.org],
                now=aware(2025, 3, 7, 10, 0),
            ),
            "abolished": publish(
                gov,
                title="东区旧办法",
                info_type=InfoType.NORMATIVE,
                catalog_nodes=[self.subcolumn],
                now=aware(2025, 3, 4, 10, 0),
            ),
        }
        services.item_abolish(
            item=self.items["abolished"], actor=gov.office, now=NOW, reason="已被新办法取代"
        )

    def names(self, ids: list[int]) -> list[str]:
        by_id = {item.pk: name for name, item in self.items.items()}
        return [by_id[pk] for pk in ids]


@pytest.fixture
def district(team):  # team: the site settings are loaded
    return District()


def on_page(client, path: str, district: District) -> list[str]:
    """The items a portal page lists, in order."""
    response = client.get(path)
    assert response.status_code == 200
    results = response.content.decode().split('class="results"')[1].split("</ol>")[0]
    return district.names([int(pk) for pk in re.findall(r'href="/xxgk/(\d+)/"', results)])


def in_api(client, district: District, **params) -> list[str]:
    response = client.get("/api/v1/items", params, HTTP_HOST="localhost")
    assert response.status_code == 200
    return district.names([row["id"] for row in response.json()["results"]])


def listed(client, district: District, query: str, **params) -> list[str]:
    """The items of the list page filtered by ``query``, checked against the API's."""
    page = on_page(client, f"{reverse('portal:item_list')}?{query}", district)
    assert page == in_api(client, district, **params)
    return page


def test_an_organization_lists_what_it_issued_or_co_issued_not_its_departments(client, district):
    gov = district.government.org
    expected = ["joint", "own", "abolished"]
    assert listed(client, district, f"org={gov.pk}", organization=gov.slug) == expected
    assert in_api(client, district, organization=str(gov.pk)) == expected
    # the organization's own page lists the same
    assert on_page(client, reverse("portal:organization", args=[gov.slug]), district) == expected

    department = district.department.org
    assert listed(client, district, f"org={department.pk}", organization=department.slug) == [
        "department"
    ]
    form = client.get(reverse("portal:item_list")).content.decode()
    assert "含该机构参与联合发文的信息，不含下属机构发布的信息" in form


def test_a_topic_takes_in_its_sub_topics(client, district):
    topic, subtopic = district.topic, district.subtopic
    assert listed(client, district, f"topic={topic.pk}", topic=topic.pk) == [
        "department",
        "own",
    ]
    assert listed(client, district, f"topic={subtopic.pk}", topic=subtopic.pk) == ["department"]
    # the topic's own page too
    assert on_page(client, reverse("portal:topic_items", args=[topic.pk]), district) == [
        "department",
        "own",
    ]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # Beijing days, both ends included: 23:30 on the 5th is the 5th, 00:30 on the 6th the 6th
        ("2025-03-06", "2025-03-07", ["joint", "department"]),
        ("", "2025-03-05", ["own", "abolished"]),
        ("2025-03-05", "2025-03-05", ["own"]),
    ],
)
def test_a_date_range_is_of_publication_days_in_beijing(client, district, start, end, expected):
    query = "&".join(f"{key}={day}" for key, day in (("from", start), ("to", end)) if day)
    params = {key: day for key, day in (("published_from", start), ("published_to", end)) if day}
    assert listed(client, district, query, **params) == expected


def test_validity(client, district):
    assert listed(client, district, "validity=abolished", validity="abolished") == ["abolished"]
    assert listed(client, district, "validity=current", validity="current") == ["joint"]


def test_a_column_lists_what_is_filed_directly_under_it(client, district):
    gov = district.government.org
    for column, expected in ((district.column, ["own"]), (district.subcolumn, ["abolished"])):
        page = on_page(client, reverse("portal:catalog_node", args=[gov.slug, column.pk]), district)
        assert page == in_api(client, district, catalog_node=column.pk) == expected
