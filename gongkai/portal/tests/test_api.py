"""The open API at /api/v1/: what it lists, what it hides, how it fails."""

import json
import re
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from gongkai.catalog.services import catalog_node_save
from gongkai.core.testing import OrganizationFactory, Team, aware
from gongkai.publishing import services
from gongkai.publishing.choices import Attribute, FivePublic, Ground, InfoType
from gongkai.publishing.models import ItemRelation, Topic
from gongkai.wsgi import application

from .data import NOW, approve, draft, interpret, publish

pytestmark = pytest.mark.django_db

API = "/api/v1"


class World:
    """Two organizations with a catalog, topics and items in every public state."""

    def __init__(self, team):
        self.team = team
        self.other = Team()
        org = team.org
        self.partner = OrganizationFactory(name="测试市财政局", slug="finance")
        self.inactive = OrganizationFactory(name="已撤并的机构", slug="merged", is_active=False)
        self.topic = Topic.objects.create(name="财政、金融、审计")
        self.subtopic = Topic.objects.create(name="财政", parent=self.topic)
        self.top = catalog_node_save(
            organization=org, actor=team.office, now=NOW, parent=None, name="政策文件"
        )
        self.node = catalog_node_save(
            organization=org, actor=team.office, now=NOW, parent=self.top, name="规范性文件"
        )

        self.policy = draft(
            team,
            title="测试市预算绩效管理办法",
            document_number="测府办发〔2025〕7号",
            info_type=InfoType.NORMATIVE,
            topic=self.subtopic,
            five_public=FivePublic.DECISION,
            keywords="预算 绩效、管理",
            summary="规范预算绩效管理。",
            body="<p>第一条　为规范预算绩效管理，制定本办法。</p>",
            effective_on=date(2025, 4, 1),
            catalog_nodes=[self.node],
            co_issuers=[self.partner],
        )
        self.attachment = services.attachment_add(
            item=self.policy,
            actor=team.drafter,
            now=NOW,
            title="绩效评价指标",
            file=SimpleUploadedFile("indicators.pdf", b"%PDF-1.4 test"),
        )
        self.policy = approve(team, self.policy)
        # an approved interpretation goes public with its policy
        self.interpretation = interpret(team, self.policy, title="《预算绩效管理办法》解读")
        self.policy = publish(team, self.policy, now=aware(2025, 3, 10, 9, 0))
        self.notice = publish(
            team,
            title="关于春季防火的通告",
            info_type=InfoType.NOTICE,
            now=aware(2025, 3, 5, 23, 30),
        )
        self.news = publish(
            self.other,
            title="财政局召开工作会议",
            info_type=InfoType.NEWS,
            now=aware(2025, 3, 6, 0, 30),
        )
        self.partial = publish(
            team,
            title="关于某项目补助资金的公示",
            info_type=InfoType.BUDGET,
            attribute=Attribute.PARTIAL,
            ground=Ground.THIRD_PARTY,
            attribute_explanation="删去了申请企业的银行账户信息",
            now=aware(2025, 3, 7, 10, 0),
        )
        self.abolished = publish(
            team, title="旧的管理办法", info_type=InfoType.NORMATIVE, now=aware(2025, 3, 4, 10, 0)
        )
        services.item_abolish(
            item=self.abolished, actor=team.office, now=NOW, reason="已被新办法取代"
        )
        self.withdrawn = publish(team, title="已撤回的通知", now=aware(2025, 3, 8, 10, 0))
        services.item_withdraw(
            item=self.withdrawn, actor=team.office, now=aware(2025, 3, 9, 15, 0), reason="内容有误"
        )
        self.draft = draft(team, title="尚在起草的通知")
        ItemRelation.objects.create(source=self.policy, target=self.abolished, kind="abolishes")
        ItemRelation.objects.create(source=self.policy, target=self.draft, kind="amends")

    @property
    def public(self):
        """Published items, newest first."""
        return [self.policy, self.partial, self.news, self.notice, self.abolished]

    @property
    def staff(self):
        teams = (self.team, self.other)
        return [
            user
            for team in teams
            for user in (team.drafter, team.reviewer, team.secrecy, team.office)
        ]


@pytest.fixture
def world(team):
    return World(team)


def get(client, path, **params):
    return client.get(f"{API}{path}", params, HTTP_HOST="localhost")


def ids(response):
    return [row["id"] for row in response.json()["results"]]


# ---------------------------------------------------------------- list


def test_list_shows_published_items_newest_first(client, world):
    response = get(client, "/items")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 5 and body["page"] == 1 and body["page_size"] == 20
    assert ids(response) == [item.pk for item in world.public]
    first = body["results"][0]
    assert first == {
        "id": world.policy.pk,
        "index_number": world.policy.index_number,
        "title": "测试市预算绩效管理办法",
        "document_number": "测府办发〔2025〕7号",
        "organization": {
            "id": world.team.org.pk,
            "slug": world.team.org.slug,
            "name": world.team.org.name,
        },
        "info_type": {"code": "normative", "label": "行政规范性文件"},
        "written_on": "2025-03-03",
        "published_at": "2025-03-10T09:00:00+08:00",
        "validity": {"code": "current", "label": "现行有效"},
        "url": f"http://localhost/xxgk/{world.policy.pk}/",
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"organization": "finance"}, ["policy"]),  # co-issued
        ({"info_type": ["notice", "news"]}, ["news", "notice"]),
        ({"validity": "abolished"}, ["abolished"]),
        ({"validity": "current"}, ["policy"]),
        # Asia/Shanghai days: 23:30 on the 5th is the 5th, 00:30 on the 6th is the 6th.
        ({"published_from": "2025-03-06", "published_to": "2025-03-07"}, ["partial", "news"]),
        ({"published_to": "2025-03-05"}, ["notice", "abolished"]),
        ({"organization": "no-such-org"}, []),
        ({"organization": "merged"}, []),
        ({"published_from": "0001-01-01", "published_to": "9999-12-31"}, None),
        ({"published_from": "9999-01-01"}, []),
    ],
)
def test_list_filters(client, world, params, expected):
    response = get(client, "/items", **params)

    assert response.status_code == 200
    if expected is None:
        expected_ids = [item.pk for item in world.public]
    else:
        expected_ids = [getattr(world, name).pk for name in expected]
    assert ids(response) == expected_ids


def test_list_filters_by_organization_id_topic_and_catalog(client, world):
    org = world.team.org
    by_slug = ids(get(client, "/items", organization=org.slug))
    assert by_slug == ids(get(client, "/items", organization=str(org.pk)))
    assert world.news.pk not in by_slug and world.policy.pk in by_slug
    # a first-level topic takes in its sub-topics
    assert ids(get(client, "/items", topic=world.topic.pk)) == [world.policy.pk]
    assert ids(get(client, "/items", topic=world.subtopic.pk)) == [world.policy.pk]
    assert ids(get(client, "/items", catalog_node=world.node.pk)) == [world.policy.pk]
    assert ids(get(client, "/items", catalog_node=world.top.pk)) == []


def test_pagination(client, world):
    pages = [get(client, "/items", page=n, page_size=2).json() for n in (1, 2, 3, 4)]

    assert [page["count"] for page in pages] == [5, 5, 5, 5]
    assert [len(page["results"]) for page in pages] == [2, 2, 1, 0]
    seen = [row["id"] for page in pages for row in page["results"]]
    assert seen == [item.pk for item in world.public]


def test_list_query_count(client, world, django_assert_num_queries):
    with django_assert_num_queries(3):  # organization, count, page (with organizations)
        assert (
            get(client, "/items", organization="finance", info_type="normative").status_code == 200
        )
    for n in range(5):
        publish(world.team, title=f"通知{n}")
    with django_assert_num_queries(2):
        assert len(ids(get(client, "/items"))) == 10


# ---------------------------------------------------------------- detail


def test_detail(client, world):
    world.policy.refresh_from_db()
    services.item_correct(item=world.policy, actor=world.team.office, now=NOW, reason="更正错字")

    response = get(client, f"/items/{world.policy.pk}")

    assert response.status_code == 200
    item = response.json()
    assert item["index_number"] == world.policy.index_number
    assert item["title"] == "测试市预算绩效管理办法"
    assert item["document_number"] == "测府办发〔2025〕7号"
    assert item["organization"]["slug"] == world.team.org.slug
    assert item["co_issuers"] == [
        {"id": world.partner.pk, "slug": "finance", "name": "测试市财政局"}
    ]
    assert item["written_on"] == "2025-03-03"
    assert item["published_at"] == "2025-03-10T09:00:00+08:00"
    assert item["topic"] == {
        "id": world.subtopic.pk,
        "name": "财政",
        "parent": {"id": world.topic.pk, "name": "财政、金融、审计", "parent": None},
    }
    assert item["info_type"] == {"code": "normative", "label": "行政规范性文件"}
    assert item["five_public"] == {"code": "decision", "label": "决策公开"}
    assert item["validity"] == {"code": "current", "label": "现行有效"}
    assert item["effective_on"] == "2025-04-01" and item["expires_on"] is None
    assert item["abolished_on"] is None
    assert item["keywords"] == ["预算", "绩效", "管理"]
    assert item["summary"] == "规范预算绩效管理。"
    assert item["body"] == "<p>第一条　为规范预算绩效管理，制定本办法。</p>"
    assert item["catalog_nodes"] == [{"id": world.node.pk, "name": "规范性文件"}]
    assert item["attachments"] == [
        {
            "id": world.attachment.pk,
            "title": "绩效评价指标",
            "url": f"http://localhost/xxgk/attachment/{world.attachment.pk}/",
            "size": len(b"%PDF-1.4 test"),
            "type": "pdf",
            "alt_text": "",
        }
    ]
    assert item["interpretations"] == [
        {
            "id": world.interpretation.pk,
            "title": "《预算绩效管理办法》解读",
            "form": {"code": "qa", "label": "问答"},
            "url": f"http://localhost/jiedu/{world.interpretation.pk}/",
        }
    ]
    # the draft it amends is not public, so it is not mentioned
    assert [(r["id"], r["relation"]) for r in item["related"]] == [
        (world.abolished.pk, "本文件废止了")
    ]
    assert [(h["action"]["code"], h["reason"]) for h in item["history"]] == [
        ("publish", ""),
        ("correct", "更正错字"),
    ]
    assert item["url"] == f"http://localhost/xxgk/{world.policy.pk}/"


def test_abolished_policy_is_public_with_its_history(client, world):
    item = get(client, f"/items/{world.abolished.pk}").json()

    assert item["validity"] == {"code": "abolished", "label": "废止"}
    assert item["abolished_on"] == "2025-03-10" and item["expires_on"] is None
    assert item["history"][-1]["action"]["label"] == "废止"
    assert item["history"][-1]["reason"] == "已被新办法取代"


def test_policy_to_be_abolished_is_in_force_with_its_abolition_date(client, world):
    services.item_abolish(
        item=world.policy,
        actor=world.team.office,
        now=NOW,
        reason="已被新办法废止。",
        effective_on=date(2025, 6, 1),
    )

    item = get(client, f"/items/{world.policy.pk}").json()

    assert item["validity"]["code"] == "current" and item["abolished_on"] == "2025-06-01"
    assert item["history"][-1]["action"] == {"code": "abolish_scheduled", "label": "决定废止"}
    assert item["history"][-1]["reason"] == "自2025年6月1日起废止。已被新办法废止。"
    assert ids(get(client, "/items", validity="current")) == [world.policy.pk]


def test_detail_query_count(client, world, django_assert_num_queries):
    # item with organization and topic; co-issuers; catalog nodes; attachments; public
    # events; interpretations; relations out, their items; relations in (none here)
    with django_assert_num_queries(9):
        assert get(client, f"/items/{world.policy.pk}").status_code == 200
    for n in range(3):
        ItemRelation.objects.create(
            source=publish(world.team, title=f"修改办法{n}"), target=world.policy, kind="amends"
        )
    with django_assert_num_queries(10):  # the same, and the items of relations in
        response = get(client, f"/items/{world.policy.pk}")
    assert len(response.json()["related"]) == 4


def test_draft_and_unknown_items_are_404(client, world):
    for pk in (world.draft.pk, 999_999):
        response = get(client, f"/items/{pk}")
        assert response.status_code == 404
        assert response.json() == {
            "error": {
                "code": "not_found",
                "message": "没有这条政府信息，或尚未公开。",
                "details": [],
            }
        }


def test_withdrawn_item_is_410_with_date_and_reason(client, world):
    response = get(client, f"/items/{world.withdrawn.pk}")

    assert response.status_code == 410
    error = response.json()["error"]
    assert error["code"] == "gone"
    assert error["message"] == "该信息已于2025-03-09撤回。撤回原因：内容有误"
    assert error["details"] == [
        {
            "id": world.withdrawn.pk,
            "index_number": world.withdrawn.index_number,
            "title": "已撤回的通知",
            "withdrawn_at": "2025-03-09T15:00:00+08:00",
            "reason": "内容有误",
            "url": f"http://localhost/xxgk/{world.withdrawn.pk}/",
        }
    ]
    assert world.withdrawn.pk not in ids(get(client, "/items"))
    assert "现就做好本年度政务公开工作" not in response.content.decode()


# ---------------------------------------------------------------- search


@pytest.fixture
def indexed(world, settings, tmp_path):
    """The world, in a search index of its own."""
    settings.GONGKAI_SEARCH_TANTIVY_DIR = tmp_path / "search"
    call_command("search_rebuild", verbosity=0)
    return world


def test_search(client, indexed):
    response = get(client, "/search", q="预算")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and body["any_term"] is False
    hit = body["results"][0]
    assert hit["id"] == indexed.policy.pk and hit["exact"] is False
    assert hit["index_number"] == indexed.policy.index_number
    assert "<mark>预算</mark>" in hit["title_html"] and "<mark>" in hit["snippet_html"]
    assert hit["url"] == f"http://localhost/xxgk/{indexed.policy.pk}/"


def test_search_by_document_number_and_filters(client, indexed):
    exact = get(client, "/search", q="测府办发[2025]7号").json()
    assert [(r["id"], r["exact"]) for r in exact["results"]][:1] == [(indexed.policy.pk, True)]

    def found(**params):
        return ids(get(client, "/search", q="预算", **params))

    assert found(organization=indexed.team.org.slug) == [indexed.policy.pk]
    assert found(organization=indexed.other.org.slug) == []
    assert found(organization="no-such-org") == []
    assert found(info_type="notice") == []
    assert found(topic=indexed.topic.pk) == [indexed.policy.pk]
    assert found(validity="current", published_from="2025-03-10") == [indexed.policy.pk]
    assert found(published_to="2025-03-09") == []
    assert found(published_from="0001-01-01", published_to="9999-12-31") == [indexed.policy.pk]


def test_search_leaves_out_withdrawn_items(client, indexed):
    assert indexed.withdrawn.pk not in ids(get(client, "/search", q="已撤回的通知"))
    services.item_withdraw(item=indexed.policy, actor=indexed.team.office, now=NOW, reason="错发")
    assert ids(get(client, "/search", q="预算")) == []


@pytest.mark.parametrize("q", ["", "   ", "a\x00b", "长" * 101])
def test_search_needs_printable_words(client, db, q):
    response = get(client, "/search", q=q)

    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["loc"][:2] == ["query", "q"]


def test_a_blank_query_is_refused_in_the_schema_with_a_clear_message(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    q = next(p for p in schema["paths"]["/api/v1/search"]["get"]["parameters"] if p["name"] == "q")
    assert not re.fullmatch(q["schema"]["pattern"], " \u3000")
    details = get(client, "/search", q=" \u3000").json()["error"]["details"]
    assert details[0]["msg"] == "请输入检索词。"


# ---------------------------------------------------------------- privacy


def test_no_staff_or_personal_data_anywhere(client, world):
    paths = [
        "/items",
        f"/items/{world.policy.pk}",
        f"/items/{world.partial.pk}",
        f"/items/{world.withdrawn.pk}",
        "/organizations",
        f"/organizations/{world.team.org.slug}",
        f"/organizations/{world.team.org.slug}/catalog",
        "/interpretations",
        f"/interpretations/{world.interpretation.pk}",
    ]
    forbidden = [name for user in world.staff for name in (user.username, user.first_name)]
    forbidden += [
        "删去了申请企业的银行账户信息",  # attribute explanation
        "third_party",  # attribute ground
        "created_by",
        "approved_by",
        "reviewers",
        "attribute",
        "ground",
        "scheduled_at",
        "due_on",
        "提交审核",  # internal workflow events
        "保密审查",
    ]
    for path in paths:
        text = json.dumps(get(client, path).json(), ensure_ascii=False)
        leaked = [word for word in forbidden if word in text]
        assert not leaked, (path, leaked)


# ---------------------------------------------------------------- organizations and catalog


def test_organizations(client, world):
    response = get(client, "/organizations")

    orgs = {org["slug"]: org for org in response.json()}
    assert "merged" not in orgs
    assert orgs["finance"]["level"] == {"code": "department", "label": "政府部门"}
    assert orgs["finance"]["url"] == "http://localhost/org/finance/"

    detail = get(client, "/organizations/finance").json()
    assert detail["name"] == "测试市财政局" and detail["office_name"] == "测试市财政局办公室"
    assert detail["children"] == [] and detail["parent"] is None
    assert detail["catalog_url"] == "http://localhost/api/v1/organizations/finance/catalog"

    missing = get(client, "/organizations/merged")
    assert missing.status_code == 404
    assert missing.json()["error"] == {
        "code": "not_found",
        "message": "没有这个机构。",
        "details": [],
    }


def test_organization_tree_and_catalog(client, world):
    child = OrganizationFactory(parent=world.team.org, slug="child")
    OrganizationFactory(parent=world.inactive, slug="orphan")

    orgs = {org["slug"]: org for org in get(client, "/organizations").json()}
    assert orgs["child"]["parent_id"] == world.team.org.pk
    assert orgs["orphan"]["parent_id"] is None  # its parent is not public
    detail = get(client, f"/organizations/{world.team.org.slug}").json()
    assert detail["children"] == [{"id": child.pk, "slug": "child", "name": child.name}]

    catalog = get(client, f"/organizations/{world.team.org.slug}/catalog").json()
    assert [(n["name"], n["item_count"]) for n in catalog] == [("政策文件", 0)]
    assert [(n["name"], n["item_count"]) for n in catalog[0]["children"]] == [("规范性文件", 1)]
    assert catalog[0]["children"][0]["url"] == (
        f"http://localhost/org/{world.team.org.slug}/catalog/{world.node.pk}/"
    )
    assert get(client, "/organizations/nope/catalog").status_code == 404


def test_organization_query_counts(client, world, django_assert_num_queries):
    with django_assert_num_queries(1):
        get(client, "/organizations")
    with django_assert_num_queries(2):  # organization with parents, children
        get(client, f"/organizations/{world.team.org.slug}")
    with django_assert_num_queries(2):  # organization, catalog tree with counts
        get(client, f"/organizations/{world.team.org.slug}/catalog")


# ---------------------------------------------------------------- interpretations


def test_interpretations(client, team, django_assert_num_queries):
    policy = approve(team, draft(team, title="测试市住房保障办法", info_type=InfoType.NORMATIVE))
    interpretation = interpret(team, policy, title="《住房保障办法》解读", interpreter="张三 局长")
    services.item_publish(item=policy, actor=team.office, now=NOW)
    unpublished = interpret(
        team,
        approve(team, draft(team, title="另一个办法", info_type=InfoType.NORMATIVE)),
        title="尚未发布的解读",
    )

    with django_assert_num_queries(2):
        listing = get(client, "/interpretations").json()
    assert [row["id"] for row in listing["results"]] == [interpretation.pk]
    assert listing["results"][0]["form"] == {"code": "qa", "label": "问答"}
    assert get(client, "/interpretations", organization="nobody").json()["count"] == 0

    with django_assert_num_queries(2):
        detail = get(client, f"/interpretations/{interpretation.pk}").json()
    assert detail["interpreter"] == "张三 局长"
    assert detail["body"] == "<p>一、出台背景</p>"
    assert detail["policies"] == [
        {
            "id": policy.pk,
            "title": "测试市住房保障办法",
            "document_number": "",
            "withdrawn": False,
            "url": f"http://localhost/xxgk/{policy.pk}/",
        }
    ]
    assert (
        get(client, f"/items/{policy.pk}").json()["interpretations"][0]["id"] == interpretation.pk
    )
    assert get(client, f"/interpretations/{unpublished.pk}").status_code == 404


# ---------------------------------------------------------------- errors and documentation


@pytest.mark.parametrize(
    ("path", "params", "loc", "msg"),
    [
        ("/items", {"page_size": 101}, ["query", "page_size"], "不能大于 100"),
        ("/items", {"page": "abc"}, ["query", "page"], "应为整数"),
        ("/items", {"info_type": "poem"}, ["query", "info_type", "0"], None),
        ("/items", {"published_from": "2025-13-01"}, ["query", "published_from"], None),
        ("/items", {"organization": "a b"}, ["query", "organization"], "格式不正确"),
        ("/items/0", {}, ["path", "item_id"], "不能小于 1"),
        ("/items/99999999999999999999", {}, ["path", "item_id"], None),
        ("/search", {}, ["query", "q"], "缺少必填参数"),
    ],
)
def test_validation_errors(client, world, path, params, loc, msg):
    response = get(client, path, **params)

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error" and error["message"] == "请求参数不正确。"
    assert error["details"][0]["loc"] == loc
    if msg:
        assert error["details"][0]["msg"] == msg


def test_date_order_error_is_chinese(client, world):
    response = get(client, "/items", published_from="2025-03-10", published_to="2025-03-01")

    assert response.status_code == 422
    assert response.json()["error"]["details"] == [
        {
            "loc": ["query", "published_to"],
            "type": "value_error",
            "msg": "发布日期起不能晚于发布日期止。",
        }
    ]


def test_unknown_paths_and_methods(client, world):
    response = get(client, "/nothing/here")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert get(client, "/items/abc").json()["error"]["details"][0]["msg"] == "应为整数"
    assert client.post(f"{API}/items", HTTP_HOST="localhost").status_code == 405


def test_openapi_document(client, db):
    response = get(client, "/openapi.json")

    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["info"]["title"] == "政府信息公开平台开放接口"
    assert set(document["paths"]) == {
        f"{API}/items",
        f"{API}/items/{{item_id}}",
        f"{API}/search",
        f"{API}/organizations",
        f"{API}/organizations/{{slug}}",
        f"{API}/organizations/{{slug}}/catalog",
        f"{API}/interpretations",
        f"{API}/interpretations/{{interpretation_id}}",
        f"{API}/consultations",
        f"{API}/consultations/{{consultation_id}}",
        f"{API}/consultations/{{consultation_id}}/report",
        f"{API}/decisions",
        f"{API}/meetings",
        f"{API}/meetings/{{meeting_id}}",
        f"{API}/meetings/{{meeting_id}}/outcomes",
        f"{API}/mailbox/messages",
        f"{API}/mailbox/messages/{{message_id}}",
        f"{API}/faq",
        f"{API}/faq/{{entry_id}}",
        f"{API}/press-conferences",
        f"{API}/press-conferences/{{conference_id}}",
        f"{API}/responses",
        f"{API}/responses/{{response_id}}",
    }
    assert "410" in document["paths"][f"{API}/items/{{item_id}}"]["get"]["responses"]


def test_docs_page_loads_nothing_from_a_cdn(client, db):
    response = get(client, "/docs")

    html = response.content.decode()
    assert response.status_code == 200
    assert "cdn" not in html.lower() and "https://" not in html
    assert get(client, "/docs/assets/swagger-ui-bundle.js").status_code == 200
    assert get(client, "/docs/assets/..%2Fsettings.py").status_code == 404


# ---------------------------------------------------------------- schemathesis


@pytest.fixture
def wsgi_requests():
    """Requests through the real WSGI handler, inside the test's transaction.

    Django's test client does the same: the handler would otherwise close the test's
    connection, and with it the transaction holding the test data, after every request.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


# Loaded from the application itself, as a client would; fetching it touches no database.
# (Eager, one test per operation: schemathesis.pytest.from_fixture breaks on pytest 9.2.)
schema = schemathesis.openapi.from_wsgi(f"{API}/openapi.json", application)


@schema.hook
def map_query(context, query):
    """Put generated date ranges in order: the API refuses ``published_from`` after
    ``published_to`` with a 422, a rule across two parameters that OpenAPI cannot state."""
    if query and {"published_from", "published_to"} <= set(query):
        try:
            start, end = (
                date.fromisoformat(query[key]) for key in ("published_from", "published_to")
            )
        except (TypeError, ValueError):
            return query  # not two dates: the API must reject it anyway
        if start > end:
            query["published_from"], query["published_to"] = end.isoformat(), start.isoformat()
    return query


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    database=None,  # no .hypothesis/ directory in the working tree
    suppress_health_check=list(HealthCheck),
)
def test_api_never_fails(case, indexed, wsgi_requests):
    """Valid and invalid generated requests to every operation, through the whole middleware
    stack, with every default check: no server error; status code, content type, headers and
    body as documented; invalid input refused, valid input accepted."""
    case.call_and_validate()
