"""The public search page: form, counts, highlights, pagination, help and bad input."""

from django.urls import reverse

import pytest

from gongkai.core.testing import OrganizationFactory, Team
from gongkai.orgs.models import Level

pytestmark = pytest.mark.django_db
URL = reverse("search:search")


def test_empty_query_shows_the_form_only(client):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="search"' in html and '<label for="id_q">' in html
    assert "检索结果" not in html


def test_results_with_count_highlight_and_metadata(client, publish):
    item = publish(
        title="市财政局2025年部门预算公开",
        document_number="云财发〔2025〕3号",
        body="<p>现将2025年部门预算公开如下，请社会监督。</p>",
    )
    publish(title="防汛工作通知")
    response = client.get(URL, {"q": "预算"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "共找到 <strong>1</strong> 条" in html
    assert "<mark>预算</mark>" in html
    assert reverse("portal:item", args=[item.pk]) in html
    assert item.organization.name in html and "云财发〔2025〕3号" in html
    assert '<ol class="search-results"' in html and '<h3 class="hit-title">' in html


def test_exact_document_number_first_with_label(client, publish):
    item = publish(title="关于印发实施意见的通知", document_number="沪府办发〔2019〕7号")
    publish(title="沪府办发文件汇编", body="<p>收录沪府办发〔2019〕系列文件。</p>")
    response = client.get(URL, {"q": "沪府办发［２０１９］７号"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "文号或索引号精确匹配" in html
    first = html.index('<li class="hit')
    assert html.index(reverse("portal:item", args=[item.pk])) > first
    assert html.index(reverse("portal:item", args=[item.pk])) < html.index("hit-snippet")


def test_no_results_gives_help(client, publish):
    Team(OrganizationFactory(level=Level.GOVERNMENT, name="测试市人民政府"))
    publish(title="防汛工作通知")
    response = client.get(URL, {"q": "火星探测", "info_type": "budget"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "没有找到与“火星探测”相关的信息" in html
    assert "去掉筛选条件后重新检索" in html
    assert reverse("portal:organizations") in html
    assert "依申请公开" in html and "/guide/" in html


def test_pagination_keeps_the_filters(client, publish):
    org = publish.team.org
    for n in range(23):
        publish(title=f"社区治理第{n}期工作简报")
    response = client.get(URL, {"q": "社区治理", "org": org.pk, "sort": "date"})
    html = response.content.decode()
    assert "共找到 <strong>23</strong> 条" in html
    assert f"org={org.pk}" in html and "page=2" in html and "sort=date" in html
    page2 = client.get(URL, {"q": "社区治理", "org": org.pk, "sort": "date", "page": 2})
    assert page2.content.decode().count('<li class="hit') == 3


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "预算", "date_from": "2024-13-45"}, "请输入有效的日期"),
        (
            {"q": "预算", "date_from": "2025-02-01", "date_to": "2025-01-01"},
            "结束日期不能早于开始日期",
        ),
        ({"q": "预" * 300}, "检索词最多 100 个字"),
        ({"q": "预算", "org": "abc"}, "所选发布机构不存在"),
        ({"q": "预算", "info_type": "<script>"}, "所选信息类别不存在"),
    ],
)
def test_bad_input_is_a_400_with_a_message(client, publish, params, message):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_bad_page_number_falls_back_with_a_message(client, publish):
    publish(title="部门预算公开")
    for page in ("abc", "-3", "0", "99999999999999999999"):
        response = client.get(URL, {"q": "预算", "page": page})
        assert response.status_code == 200, page
        html = response.content.decode()
        assert "<mark>预算</mark>" in html, page
        assert "页" in html and "notice-warning" in html, page


def test_every_filter_is_accepted(client, publish):
    from gongkai.publishing.models import Topic

    topic = Topic.objects.filter(parent__isnull=False).first()
    item = publish(title="教育经费预算公开", info_type="budget", topic=topic)
    params = {
        "q": "教育",
        "org": item.organization_id,
        "info_type": "budget",
        "topic": topic.parent_id,
        "date_from": "2025-01-01",
        "date_to": "2025-12-31",
        "validity": "",
        "sort": "date",
    }
    response = client.get(URL, params)
    assert response.status_code == 200
    assert "共找到 <strong>1</strong> 条" in response.content.decode()


def test_a_date_far_out_is_no_error(client, publish):
    publish(title="部门预算公开")
    response = client.get(URL, {"q": "预算", "date_from": "0001-01-01", "date_to": "9999-12-31"})
    assert response.status_code == 200
    assert "<mark>预算</mark>" in response.content.decode()
