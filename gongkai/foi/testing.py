"""Test helpers for applications: valid applicant data and applications made through services."""

from datetime import date

from gongkai.core.testing import aware

from .choices import ApplicantKind, Channel, Delivery, ProvisionForm
from .validators import IdDocumentType

# Check digits valid under GB 11643 / GB 32100 (public example numbers).
RESIDENT_ID = "11010519491231002X"
CREDIT_CODE = "91350100M000100Y43"
PHONE = "13800138000"


def person_data(**overrides) -> dict:
    data = {
        "applicant_kind": ApplicantKind.NATURAL,
        "applicant_name": "张三",
        "id_type": IdDocumentType.RESIDENT_ID,
        "id_number": RESIDENT_ID,
        "phone": PHONE,
        "email": "zhangsan@example.com",
        "address": "测试市人民路100号",
        "postcode": "310000",
        "title_hint": "2025年度部门预算",
        "document_number_hint": "",
        "description": "申请公开本机关2025年度部门预算及“三公”经费预算情况。",
        "provision_form": ProvisionForm.ELECTRONIC,
        "delivery": Delivery.EMAIL,
    }
    data.update(overrides)
    return data


def company_data(**overrides) -> dict:
    data = person_data(
        applicant_kind=ApplicantKind.COMMERCIAL,
        applicant_name="测试市某某科技有限公司",
        id_type="",
        id_number="",
        credit_code=CREDIT_CODE,
        legal_representative="李四",
        contact_name="王五",
        phone="0571-87001234",
    )
    data.update(overrides)
    return data


def received_application(
    organization, office, *, received_on: date, data: dict | None = None, channel=Channel.IN_PERSON
):
    """An application handed in on ``received_on`` and registered by ``office`` that day."""
    from .services import application_register

    return application_register(
        organization=organization,
        data=data or person_data(),
        channel=channel,
        submitted_on=received_on,
        actor=office,
        now=aware(received_on.year, received_on.month, received_on.day, 10, 0),
    )
