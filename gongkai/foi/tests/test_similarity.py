"""Art. 44: applications asking for the same information are grouped for proactive disclosure."""

import time
from datetime import date
from random import Random

import pytest

from gongkai.core.testing import OrganizationFactory, aware, staff
from gongkai.foi import services
from gongkai.foi.choices import Outcome
from gongkai.foi.conversion import conversion_create
from gongkai.foi.similarity import cluster, similar_groups, suggested_title, terms
from gongkai.foi.testing import person_data, received_application
from gongkai.foi.validators import resident_id_check_char
from gongkai.orgs.models import Role
from gongkai.publishing.models import Item

pytestmark = pytest.mark.django_db
TODAY = date(2025, 6, 20)

BUDGET = [
    ("2025年度部门预算", "申请公开临江市财政局2025年度部门预算及“三公”经费预算说明。"),
    ("", "请提供贵局2025年部门预算的公开文本，包括“三公”经费。"),
    ("财政局2025年部门预算", "我想查阅财政局今年（2025年）的部门预算和三公经费情况。"),
]
UNRELATED = [
    ("湖西片区房屋征收补偿方案", "本人房屋在湖西片区征收范围内，申请公开房屋征收补偿方案。"),
    ("", "请公开滨江大道电子警察设置的论证和审批材料。"),
    ("2024年度耕地地力保护补贴发放名单", "申请获取溪口镇2024年耕地地力保护补贴发放名单及标准。"),
    ("", "对临江恒信商贸有限公司作出的行政处罚决定书。"),
]


def resident_id(n: int) -> str:
    body = f"339102198{n % 10}0{1 + n % 9}1{n % 10}{100 + n:03d}"
    return body + resident_id_check_char(body)


@pytest.fixture
def org():
    return OrganizationFactory(name="临江市财政局", short_name="市财政局")


@pytest.fixture
def office(org):
    return staff(org, Role.OPENNESS_OFFICE)


def apply(org, office, n, title, description, *, received_on=date(2025, 5, 12), person=None):
    data = person_data(
        applicant_name=f"申请人{n}",
        id_number=resident_id(n if person is None else person),
        phone=f"1380000{n:04d}",
        title_hint=title,
        description=description,
    )
    return received_application(org, office, received_on=received_on, data=data)


def test_three_applicants_asking_for_one_budget_in_their_own_words_form_a_group(org, office):
    asked = [apply(org, office, n, t, d) for n, (t, d) in enumerate(BUDGET)]
    others = [apply(org, office, 10 + n, t, d) for n, (t, d) in enumerate(UNRELATED)]

    groups = similar_groups(organization=org, today=TODAY)

    assert len(groups) == 1
    group = groups[0]
    assert {a.pk for a in group.applications} == {a.pk for a in asked}
    assert not {a.pk for a in others} & {a.pk for a in group.applications}
    assert group.applicant_count == 3
    assert "部门预算" in group.terms
    assert group.suggested_title in ("2025年度部门预算", "财政局2025年部门预算")


def test_unrelated_requests_do_not_group(org, office):
    for n, (title, description) in enumerate(UNRELATED):
        apply(org, office, n, title, description)
    assert similar_groups(organization=org, today=TODAY) == []
    assert similar_groups(organization=org, today=TODAY, min_applicants=2) == []


def test_one_applicant_asking_three_times_is_not_several_applicants(org, office):
    for n, (title, description) in enumerate(BUDGET):
        apply(org, office, n, title, description, person=7)
    assert similar_groups(organization=org, today=TODAY) == []
    (group,) = similar_groups(organization=org, today=TODAY, min_applicants=1)
    assert group.applicant_count == 1 and len(group.applications) == 3


def test_converted_applications_are_left_out(org, office):
    asked = [apply(org, office, n, t, d) for n, (t, d) in enumerate(BUDGET)]
    conversion_create(
        organization=org, applications=asked[:1], actor=office, now=aware(2025, 6, 1, 9, 0)
    )
    assert similar_groups(organization=org, today=TODAY) == []
    assert len(similar_groups(organization=org, today=TODAY, min_applicants=2)) == 1


def test_applications_answered_by_published_items_are_left_out(org, office):
    asked = [apply(org, office, n, t, d) for n, (t, d) in enumerate(BUDGET)]
    at = aware(2025, 3, 1, 10, 0)
    item = Item.objects.create(
        organization=org,
        index_number=f"{org.code}/2025-00001",
        title="临江市财政局2025年度部门预算",
        written_on=date(2025, 2, 28),
        info_type="budget",
        created_at=at,
        updated_at=at,
        status="published",
        published_at=at,
    )
    services.application_link_items(
        application=asked[0], items=[item], actor=office, now=aware(2025, 5, 13, 9, 0)
    )
    assert similar_groups(organization=org, today=TODAY) == []


def test_withheld_information_is_not_proposed(org, office):
    asked = [apply(org, office, n, t, d) for n, (t, d) in enumerate(BUDGET)]
    services.application_decide(
        application=asked[0],
        outcome=Outcome.WITHHOLD_PROCESS,
        reasons="尚在编制，属于过程性信息。",
        actor=office,
        now=aware(2025, 5, 20, 9, 0),
    )
    assert similar_groups(organization=org, today=TODAY) == []


def test_only_the_last_twelve_months_and_the_same_organization_count(org, office):
    apply(org, office, 0, *BUDGET[0], received_on=date(2024, 3, 4))
    for n, (title, description) in enumerate(BUDGET[1:], start=1):
        apply(org, office, n, title, description)
    other = OrganizationFactory()
    other_office = staff(other, Role.OPENNESS_OFFICE)
    apply(other, other_office, 9, *BUDGET[0])
    assert similar_groups(organization=org, today=TODAY) == []
    assert len(similar_groups(organization=org, today=TODAY, min_applicants=2)) == 1


def test_terms_drop_generic_words_and_single_characters():
    got = terms("申请公开贵局2025年度部门预算信息，谢谢")
    assert {"2025", "部门预算", "预算"} <= got
    assert not got & {"申请", "公开", "信息", "贵局", "谢谢", "年"}


def test_suggested_title_prefers_the_name_most_applicants_gave():
    class A:
        def __init__(self, title_hint):
            self.title_hint = title_hint

    names = [A("2025年度部门预算"), A("2025年度部门预算"), A("部门预算"), A("")]
    assert suggested_title(names) == "2025年度部门预算"
    assert suggested_title([A("")], ["部门预算", "三公经费"]) == "部门预算、三公经费相关信息"


def test_different_years_or_document_numbers_never_share_a_group():
    a = terms("申请公开2024年度部门预算")
    b = terms("申请公开2025年度部门预算")
    c = terms("申请公开部门预算")
    assert cluster([a, b], threshold=0.3) == []
    # c is like both, but a group holds one year only.
    assert [members for members, _low in cluster([a, c, b], threshold=0.3)] == [[0, 1]]
    same = terms("请提供临财预〔2025〕12号文件")
    groups = cluster(
        [same, same, same], threshold=0.5, numbers=["临财预2025-12", "临财预2025-13", ""]
    )
    assert [members for members, _low in groups] == [[0, 2]]


def test_grouping_thousands_of_requests_takes_a_fraction_of_a_second():
    """Speed is reported, not asserted (-s shows it)."""
    rng = Random(44)
    things = [
        "部门预算",
        "部门决算",
        "房屋征收补偿方案",
        "耕地地力保护补贴发放名单",
        "行政处罚决定书",
        "采购合同",
        "控制性详细规划",
        "专项资金分配结果",
        "电子警察设置依据",
        "养老保险缴费基数",
        "环境影响评价批复",
        "建设工程规划许可证",
        "低保对象名单",
        "会议纪要",
        "征地批复文件",
    ]
    places = [
        "湖西片区",
        "滨河片区",
        "溪口镇",
        "江北区",
        "人民路",
        "青山区",
        "老城东片区",
        "望江街道",
        "金沙街道",
        "石门镇",
        "渔山镇",
        "梅坞镇",
        "双桥乡",
        "火车站北片区",
    ]
    extras = ["包括附件", "及其附图", "以及编制说明", "和审批意见", "及执行情况", "的全文"]
    texts = [
        f"{rng.choice(['申请公开', '请提供', '希望获取', '申请查阅'])}{rng.choice(places)}"
        f"{rng.randint(2019, 2026)}年{rng.choice(things)}{rng.choice(extras)}"
        for _n in range(3000)
    ]
    term_sets = [terms(t) for t in texts]
    started, cpu = time.perf_counter(), time.process_time()
    clusters = cluster(term_sets, threshold=0.45)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"grouped 3000 requests into {len(clusters)} groups in {elapsed:.3f} s ({cpu:.3f} s CPU)")
    assert clusters
