"""Art. 44: turning information several applicants asked for into a proactive item."""

from datetime import date

from django.db import IntegrityError, transaction

import pytest

from gongkai.core.errors import DomainError, NotAllowed
from gongkai.core.models import AuditEntry
from gongkai.core.testing import OrganizationFactory, aware, staff
from gongkai.foi.conversion import conversion_create
from gongkai.foi.models import Conversion
from gongkai.foi.testing import person_data, received_application
from gongkai.foi.validators import resident_id_check_char
from gongkai.orgs.models import Role
from gongkai.publishing import services as publishing
from gongkai.publishing.choices import InfoType, Status
from gongkai.publishing.models import Item

pytestmark = pytest.mark.django_db
NOW = aware(2025, 6, 3, 10, 0)
PEOPLE = [
    ("王建国", "13800001111", "wang@example.com", "临江市人民路1号"),
    ("李秀英", "13900002222", "li@example.com", "临江市中山路8号"),
    ("赵明", "13700003333", "zhao@example.com", "临江市建设路12号"),
]


def resident_id(n: int) -> str:
    body = f"339102198001{10 + n:02d}{100 + n:03d}"
    return body + resident_id_check_char(body)


@pytest.fixture
def org():
    return OrganizationFactory(name="临江市财政局", short_name="市财政局")


@pytest.fixture
def office(org):
    return staff(org, Role.OPENNESS_OFFICE)


@pytest.fixture
def applications(org, office):
    made = []
    for n, (name, phone, email, address) in enumerate(PEOPLE):
        data = person_data(
            applicant_name=name,
            id_number=resident_id(n),
            phone=phone,
            email=email,
            address=address,
            title_hint="2025年度部门预算" if n < 2 else "",
            description=f"申请公开2025年度部门预算及“三公”经费情况。联系人{name}，电话{phone}。",
        )
        made.append(received_application(org, office, received_on=date(2025, 5, 12 + n), data=data))
    return made


def test_drafts_an_item_without_personal_data_and_links_the_applications(org, office, applications):
    conversion = conversion_create(
        organization=org, applications=applications, actor=office, now=NOW
    )

    item = conversion.item
    assert item.status == Status.DRAFT and item.organization == org
    assert item.created_by == office and item.info_type == InfoType.OTHER
    assert item.title == "2025年度部门预算"
    assert "第四十四条" in item.body and "3位申请人" in item.body and "3件" in item.body
    public_text = " ".join((item.title, item.body, item.summary, item.keywords))
    for name, phone, email, address in PEOPLE:
        for secret in (name, phone, email, address):
            assert secret not in public_text
    for n in range(len(PEOPLE)):
        assert resident_id(n) not in public_text
    assert set(conversion.applications.all()) == set(applications)
    assert conversion.created_by == office and conversion.organization == org
    assert AuditEntry.objects.filter(action="foi.conversion_create", object_id=conversion.pk)
    assert AuditEntry.objects.filter(action="foi.convert").count() == 3


def test_the_draft_takes_the_ordinary_publishing_workflow(org, office, applications):
    drafter = staff(org, Role.DRAFTER)
    conversion = conversion_create(
        organization=org, applications=applications, actor=office, now=NOW
    )
    assert {"edit", "submit"} <= publishing.actions_for(drafter, conversion.item)
    item = publishing.item_update(
        item=conversion.item, actor=drafter, now=NOW, body="<p>2025年度部门预算全文。</p>"
    )
    item = publishing.item_submit(item=item, actor=drafter, now=NOW)
    assert item.status == Status.UNIT_REVIEW


def test_an_application_joins_one_conversion_only(org, office, applications):
    conversion_create(organization=org, applications=applications[:2], actor=office, now=NOW)
    with pytest.raises(DomainError, match=applications[1].number):
        conversion_create(organization=org, applications=applications[1:], actor=office, now=NOW)
    assert Conversion.objects.count() == 1 and Item.objects.count() == 1


def test_the_database_refuses_a_second_conversion_of_an_application(org, office, applications):
    first = conversion_create(
        organization=org, applications=applications[:2], actor=office, now=NOW
    )
    second = conversion_create(
        organization=org, applications=applications[2:], actor=office, now=NOW
    )
    # Whatever writes the table (a script, the admin, a race), not only the service.
    with pytest.raises(IntegrityError), transaction.atomic():
        second.applications.add(applications[0])
    assert list(applications[0].conversions.all()) == [first]
    assert list(second.applications.all()) == [applications[2]]


def test_a_title_given_by_the_office_is_used(org, office, applications):
    conversion = conversion_create(
        organization=org,
        applications=applications,
        actor=office,
        now=NOW,
        title="  临江市财政局2025年度部门预算  ",
    )
    assert conversion.item.title == "临江市财政局2025年度部门预算"


def test_only_the_office_of_the_organization_may_convert(org, office, applications):
    drafter = staff(org, Role.DRAFTER)
    with pytest.raises(NotAllowed):
        conversion_create(organization=org, applications=applications, actor=drafter, now=NOW)
    other = OrganizationFactory()
    outsider = staff(other, Role.OPENNESS_OFFICE)
    with pytest.raises(NotAllowed):
        conversion_create(organization=org, applications=applications, actor=outsider, now=NOW)
    with pytest.raises(DomainError, match="本机关收到的申请"):
        conversion_create(organization=other, applications=applications, actor=outsider, now=NOW)
    assert not Item.objects.exists()


def test_no_applications_no_conversion(org, office):
    with pytest.raises(DomainError, match="请选择"):
        conversion_create(organization=org, applications=[], actor=office, now=NOW)
