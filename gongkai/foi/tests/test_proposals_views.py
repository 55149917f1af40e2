"""The Art. 44 proposals page and its one-click conversion."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from gongkai.core.testing import OrganizationFactory, staff
from gongkai.foi.models import Conversion
from gongkai.foi.testing import person_data, received_application
from gongkai.foi.validators import resident_id_check_char
from gongkai.orgs.models import Membership, Role
from gongkai.publishing.choices import Status
from gongkai.publishing.models import Item

pytestmark = pytest.mark.django_db
LIST = reverse("foi_proposals:list")
CONVERT = reverse("foi_proposals:convert")
REQUESTS = [
    ("2025年度部门预算", "申请公开2025年度部门预算及“三公”经费预算说明。"),
    ("", "请提供贵局2025年部门预算的公开文本，包括“三公”经费。"),
    ("2025年度部门预算", "希望获取财政局2025年度部门预算和三公经费情况。"),
]


def resident_id(n: int) -> str:
    body = f"339102198502{10 + n:02d}{200 + n:03d}"
    return body + resident_id_check_char(body)


@pytest.fixture
def org():
    return OrganizationFactory(name="临江市财政局", short_name="市财政局")


@pytest.fixture
def office(org):
    return staff(org, Role.OPENNESS_OFFICE)


@pytest.fixture
def asked(org, office):
    today = date.today()
    made = []
    for n, (title, description) in enumerate(REQUESTS):
        data = person_data(
            applicant_name=f"测试人{n}号",
            id_number=resident_id(n),
            phone=f"1390000{n:04d}",
            title_hint=title,
            description=description,
        )
        made.append(received_application(org, office, received_on=today, data=data))
    return made


def test_login_required(client):
    response = client.get(LIST)
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_only_openness_office_members_see_proposals(client, org):
    client.force_login(staff(org, Role.DRAFTER))
    response = client.get(LIST)
    assert response.status_code == 403
    assert "政务公开工作机构" in response.content.decode()


def test_office_sees_the_group_without_applicant_details(client, office, asked):
    client.force_login(office)
    response = client.get(LIST)
    assert response.status_code == 200
    page = response.content.decode()
    assert "2025年度部门预算" in page and "部门预算" in page
    assert "3 位申请人，3 件申请" in page
    for application in asked:
        assert application.number in page
        assert application.applicant_name not in page
        assert application.phone not in page
        assert application.id_number not in page
    assert "转为主动公开" in page


def test_query_count_does_not_grow_with_the_proposals(client, org, office, asked):
    client.force_login(office)
    client.get(LIST)  # settings rows the layout creates on first use
    with CaptureQueriesContext(connection) as one_group:
        client.get(LIST)
    for n, description in enumerate(
        [
            "申请公开湖西片区二期房屋征收补偿方案。",
            "请提供湖西片区二期国有土地上房屋征收补偿方案。",
            "希望获取湖西片区（二期）房屋征收补偿方案全文。",
        ],
        start=5,
    ):
        data = person_data(id_number=resident_id(n), description=description, title_hint="")
        received_application(org, office, received_on=date.today(), data=data)
    with CaptureQueriesContext(connection) as two_groups:
        page = client.get(LIST).content.decode()
    assert "共 2 条建议" in page
    assert len(two_groups) == len(one_group)


def test_nothing_to_propose(client, org):
    client.force_login(staff(org, Role.OPENNESS_OFFICE))
    response = client.get(LIST)
    assert response.status_code == 200
    assert "暂无建议" in response.content.decode()


def test_organization_filter(client, org, office, asked):
    other = OrganizationFactory(name="临江市民政局")
    Membership.objects.create(user=office, organization=other, role=Role.OPENNESS_OFFICE)
    client.force_login(office)
    page = client.get(LIST).content.decode()
    assert "临江市财政局" in page and "临江市民政局" in page
    page = client.get(LIST, {"org": other.pk}).content.decode()
    assert asked[0].number not in page
    assert client.get(LIST, {"org": OrganizationFactory().pk}).status_code == 404


def post_data(org, applications):
    return {
        "organization": org.pk,
        "applications": [a.pk for a in applications],
        "title": "临江市财政局2025年度部门预算",
    }


def test_one_click_conversion_drafts_an_item_and_lists_it(client, org, office, asked):
    client.force_login(office)
    response = client.post(CONVERT, post_data(org, asked))
    conversion = Conversion.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("workbench:item_detail", args=[conversion.item_id])
    assert conversion.item.status == Status.DRAFT
    assert conversion.item.title == "临江市财政局2025年度部门预算"
    assert set(conversion.applications.all()) == set(asked)
    assert client.get(response.url).status_code == 200

    page = client.get(LIST).content.decode()
    assert "暂无建议" in page  # the converted applications are no longer proposed
    assert "临江市财政局2025年度部门预算" in page and "起草" in page


def test_converting_twice_is_refused_with_a_clear_message(client, org, office, asked):
    client.force_login(office)
    client.post(CONVERT, post_data(org, asked))
    response = client.post(CONVERT, post_data(org, asked))
    assert response.status_code == 400
    assert "已转为主动公开，不能重复转化" in response.content.decode()
    assert Item.objects.count() == 1


def test_bad_input_gets_a_clear_message(client, org, office, asked):
    client.force_login(office)
    response = client.post(CONVERT, {**post_data(org, asked), "applications": ["x"]})
    assert response.status_code == 400 and "所选申请无效" in response.content.decode()
    response = client.post(CONVERT, post_data(org, []))
    assert response.status_code == 400 and "请选择" in response.content.decode()
    other = OrganizationFactory()
    foreign = received_application(
        other, staff(other, Role.OPENNESS_OFFICE), received_on=date.today()
    )
    response = client.post(CONVERT, post_data(org, [*asked, foreign]))
    assert response.status_code == 400 and "不属于本机关" in response.content.decode()
    response = client.post(CONVERT, {**post_data(org, asked), "organization": "abc"})
    assert response.status_code == 404
    assert not Conversion.objects.exists()


def test_other_offices_and_other_roles_cannot_convert(client, org, asked):
    other = OrganizationFactory()
    client.force_login(staff(other, Role.OPENNESS_OFFICE))
    assert client.post(CONVERT, post_data(org, asked)).status_code == 404
    client.force_login(staff(org, Role.DRAFTER))
    assert client.post(CONVERT, post_data(org, asked)).status_code == 403
    assert client.get(CONVERT).status_code in (403, 405)
    assert not Conversion.objects.exists()
