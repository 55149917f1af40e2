"""告知书: every outcome's reply letter, the notices, the consultation letter's privacy, the Word
and PDF files, template fallback and editing, and the frozen text of a sent letter."""

import io
import re
import shutil
import subprocess
import zlib
from datetime import date

import pytest
from docx import Document

from gongkai.core.errors import DomainError
from gongkai.core.testing import OrganizationFactory, aware, staff
from gongkai.foi import services
from gongkai.foi.choices import LAPSE_OUTCOMES, LetterKind, Outcome
from gongkai.foi.clock import EventKind, Party
from gongkai.foi.fees import FeeMethod
from gongkai.foi.letter_defaults import REGULATION, REPLY_ARTICLES, default_rows
from gongkai.foi.letters import (
    cn_date,
    letter_verify,
    render_letter,
    to_docx,
    to_pdf,
)
from gongkai.foi.models import Letter, LetterTemplate
from gongkai.foi.testing import PHONE, RESIDENT_ID, person_data, received_application
from gongkai.orgs.models import Level, Role
from gongkai.publishing.models import Item

pytestmark = pytest.mark.django_db

RECEIVED = date(2025, 9, 1)  # a Monday
DECIDED = aware(2025, 9, 10, 10, 0)
APPROVED = aware(2025, 9, 10, 15, 0)
REPLIED = aware(2025, 9, 11, 9, 0)
REMEDY_PARTS = ("六十日内", "申请行政复议", "六个月内", "提起行政诉讼")


@pytest.fixture
def org():
    return OrganizationFactory(name="测试市财政局", short_name="市财政局")


@pytest.fixture
def office(org):
    return staff(org, Role.OPENNESS_OFFICE)


@pytest.fixture
def approver(org):
    return staff(org, Role.OPENNESS_OFFICE)


@pytest.fixture
def application(org, office):
    return received_application(org, office, received_on=RECEIVED)


def reply(application, office, approver, outcome, **kwargs) -> Letter:
    if outcome == Outcome.REJECT_EXCESSIVE:  # Art. 35: reasons are asked for first
        services.clock_entry_add(
            application=application,
            kind=EventKind.REASONS_REQUESTED,
            on=date(2025, 9, 3),
            actor=office,
            now=aware(2025, 9, 3, 10, 0),
        )
    kwargs.setdefault("reasons", "具体理由见说明。")
    kwargs.setdefault("processing_summary", "现将《2025年度部门预算》电子文本随本答复书提供。")
    services.application_decide(
        application=application, outcome=outcome, actor=office, now=DECIDED, **kwargs
    )
    services.application_approve(application=application, actor=approver, now=APPROVED)
    return services.application_reply(application=application, actor=office, now=REPLIED)


def published_item(org, title="测试市财政局2025年度部门预算") -> Item:
    at = aware(2025, 3, 1, 10, 0)
    return Item.objects.create(
        organization=org,
        index_number=f"{org.code}/2025-00001",
        title=title,
        document_number="测财〔2025〕1号",
        written_on=date(2025, 2, 28),
        info_type="notice",
        created_at=at,
        updated_at=at,
        status="published",
        published_at=at,
    )


def test_migration_seeds_every_template():
    rows = {(t.kind, t.outcome) for t in LetterTemplate.objects.all()}
    assert rows == {(row["kind"], row["outcome"]) for row in default_rows()}
    assert len(rows) == len(Outcome) + 6


@pytest.mark.parametrize("outcome", list(Outcome))
def test_every_outcome_has_a_reply_letter_with_its_article_and_remedies(
    outcome, application, office, approver
):
    if outcome in LAPSE_OUTCOMES:
        # Reached through a lapse, not decided: render the reply as it would read.
        application.outcome = outcome
        title, body = render_letter(application, LetterKind.REPLY, today=REPLIED.date())
    else:
        letter = reply(application, office, approver, outcome)
        assert letter.kind == LetterKind.REPLY
        assert letter_verify(letter)
        title, body = letter.title, letter.body
    assert title == "政府信息公开申请答复书"
    assert body.startswith("张三：")
    assert REGULATION in body
    for article in REPLY_ARTICLES[outcome]:
        assert article in body, article
    for part in REMEDY_PARTS:
        assert part in body
    assert "本级人民政府" in body  # a department: reviewed by the government at its level
    assert "收到您提出的政府信息公开申请（申请编号：2025-0001）" in body
    assert "“2025年度部门预算”" in body
    assert "{{" not in body and "{%" not in body
    assert "\n\n\n" not in body
    if outcome != Outcome.DISCLOSE and outcome not in LAPSE_OUTCOMES:
        assert "具体理由见说明。" in body


def test_disclose_with_linked_items_says_already_actively_disclosed(
    org, application, office, approver
):
    item = published_item(org)
    services.application_link_items(
        application=application, items=[item], actor=office, now=DECIDED
    )
    letter = reply(application, office, approver, Outcome.DISCLOSE, processing_summary="")
    assert "第三十六条第一项" in letter.body
    assert "第三十六条第二项" not in letter.body
    assert "测试市财政局2025年度部门预算（测财〔2025〕1号）" in letter.body
    assert f"/xxgk/{item.pk}/" in letter.body
    assert "2025年3月1日发布" in letter.body


def test_disclose_without_linked_items_gives_provision_form(application, office, approver):
    letter = reply(application, office, approver, Outcome.DISCLOSE)
    assert "第三十六条第二项" in letter.body
    assert "第三十六条第一项" not in letter.body
    assert "现将《2025年度部门预算》电子文本随本答复书提供。" in letter.body
    assert "提供形式：电子；获取方式：电子邮件。" in letter.body


def test_partial_with_linked_items_lists_them(org, application, office, approver):
    item = published_item(org)
    services.application_link_items(
        application=application, items=[item], actor=office, now=DECIDED
    )
    letter = reply(application, office, approver, Outcome.PARTIAL, reasons="涉及个人隐私。")
    assert "第三十七条" in letter.body
    assert "不予公开部分的理由及依据：涉及个人隐私。" in letter.body
    assert f"/xxgk/{item.pk}/" in letter.body


def test_organization_applicant_is_addressed_as_such(org, office, approver):
    from gongkai.foi.testing import company_data

    application = received_application(org, office, received_on=RECEIVED, data=company_data())
    letter = reply(application, office, approver, Outcome.WITHHOLD_SECRET)
    assert letter.body.startswith("测试市某某科技有限公司：")
    assert "贵单位如对本答复不服" in letter.body


def test_a_government_is_reviewed_by_the_government_above(office, approver):
    government = OrganizationFactory(name="测试市某区人民政府", level=Level.DISTRICT)
    gov_office = staff(government, Role.OPENNESS_OFFICE)
    gov_approver = staff(government, Role.OPENNESS_OFFICE)
    application = received_application(government, gov_office, received_on=RECEIVED)
    letter = reply(application, gov_office, gov_approver, Outcome.UNABLE_NOT_HELD)
    assert "上一级人民政府申请行政复议" in letter.body


def test_withhold_third_party_mentions_the_consultation(application, office, approver):
    services.clock_entry_add(
        application=application,
        kind=EventKind.CONSULTATION_STARTED,
        on=date(2025, 9, 2),
        party=Party.THIRD_PARTY,
        actor=office,
        now=aware(2025, 9, 2, 10, 0),
    )
    services.clock_entry_add(
        application=application,
        kind=EventKind.CONSULTATION_ENDED,
        on=date(2025, 9, 5),
        party=Party.THIRD_PARTY,
        actor=office,
        now=aware(2025, 9, 5, 10, 0),
    )
    letter = reply(application, office, approver, Outcome.WITHHOLD_THIRD_PARTY)
    assert "书面征求第三方的意见" in letter.body


# --- notices -------------------------------------------------------------------------------------


def test_supplement_notice(application, office):
    services.clock_entry_add(
        application=application,
        kind=EventKind.SUPPLEMENT_REQUESTED,
        on=date(2025, 9, 3),
        until=date(2025, 9, 17),
        note="请写明所需预算信息的年度和具体项目。",
        actor=office,
        now=aware(2025, 9, 3, 10, 0),
    )
    letter = Letter.objects.get(application=application, kind=LetterKind.SUPPLEMENT)
    assert letter.title == "补正申请告知书"
    assert letter.body.startswith("张三：")
    assert "第三十条" in letter.body
    assert "请写明所需预算信息的年度和具体项目。" in letter.body
    assert "请您于2025年9月17日前完成补正" in letter.body
    assert "视为放弃申请" in letter.body
    assert "重新计算" in letter.body
    assert "0571-87000000" in letter.body
    assert letter_verify(letter)


def test_extension_notice(application, office):
    services.clock_entry_add(
        application=application,
        kind=EventKind.EXTENSION_APPROVED,
        on=date(2025, 9, 25),
        days=15,
        note="所申请信息数量较多，需要逐件检索、审查",
        actor=office,
        now=aware(2025, 9, 25, 10, 0),
    )
    letter = Letter.objects.get(application=application, kind=LetterKind.EXTENSION)
    state = services.clock_for(application, today=date(2025, 9, 25))
    assert letter.title == "延期答复告知书"
    assert "第三十三条第二款" in letter.body
    assert "因所申请信息数量较多，需要逐件检索、审查，" in letter.body
    assert "答复期限延长15个工作日" in letter.body
    assert f"本机关将于{cn_date(state.due_on)}前作出答复" in letter.body
    assert state.extended


def test_reasons_and_deferral_notices(application, office):
    # Received 2025-09-01, due 2025-09-28; the later deadline runs over 国庆 to 10/17.
    services.clock_entry_add(
        application=application,
        kind=EventKind.REASONS_REQUESTED,
        on=date(2025, 9, 10),
        note="您近一个月内提出四十余件申请，请说明申请的用途。",
        actor=office,
        now=aware(2025, 9, 10, 10, 0),
    )
    letter = Letter.objects.get(application=application, kind=LetterKind.REASONS)
    assert letter.title == "说明理由告知书"
    assert letter.body.startswith("张三：")
    assert "数量、频次明显超过合理范围" in letter.body and "第三十五条" in letter.body
    assert "需要说明的情况：您近一个月内提出四十余件申请，请说明申请的用途。" in letter.body
    assert "不予处理" in letter.body and "延迟答复的合理期限" in letter.body
    services.clock_entry_add(
        application=application,
        kind=EventKind.DEFERRAL_SET,
        on=date(2025, 9, 25),
        until=date(2025, 10, 17),
        note="所申请信息涉及四十余个项目的档案，需要逐件调取、审查。",
        actor=office,
        now=aware(2025, 9, 25, 10, 0),
    )
    letter = Letter.objects.get(application=application, kind=LetterKind.DEFERRAL)
    assert letter.title == "延迟答复告知书"
    assert "本机关于2025年9月10日要求您说明理由" in letter.body
    assert "第三十三条" in letter.body and "第三十五条" in letter.body
    assert "具体情况：所申请信息涉及四十余个项目的档案" in letter.body
    assert "将于2025年10月17日前作出答复" in letter.body
    assert "{{" not in letter.body and "\n\n\n" not in letter.body
    assert letter_verify(letter)


def test_fee_notice(application, office):
    services.fee_notice_send(
        application=application,
        method=FeeMethod.BY_PAGE,
        pages=50,
        actor=office,
        now=aware(2025, 9, 3, 10, 0),
    )
    letter = Letter.objects.get(application=application, kind=LetterKind.FEE)
    assert letter.title == "收费通知书"
    assert "国办函〔2020〕109号" in letter.body
    assert "计收方式：按量计收" in letter.body
    assert "应缴金额：人民币200.00元" in letter.body
    assert "第1—30页：30×0.00元＝0.00元" in letter.body
    assert "第31—100页：20×10.00元＝200.00元" in letter.body
    assert "二十个工作日内" in letter.body
    assert "视为放弃申请" in letter.body
    assert "第四十二条" in letter.body


@pytest.mark.parametrize(
    "party, article, silence",
    [
        (Party.THIRD_PARTY, "第三十二条", "决定是否公开"),
        (Party.AGENCY, "第三十四条", "视为同意公开"),
    ],
)
def test_consultation_letter_has_no_applicant_data(org, office, party, article, silence):
    data = person_data(
        description=f"本人张三（电话{PHONE}，身份证号{RESIDENT_ID.lower()}）申请公开某公司的项目报价。",
        title_hint="",
    )
    application = received_application(org, office, received_on=RECEIVED, data=data)
    services.clock_entry_add(
        application=application,
        kind=EventKind.CONSULTATION_STARTED,
        on=date(2025, 9, 3),
        party=party,
        note="拟公开的报价单由贵方提交，张三 不必知悉。",
        actor=office,
        now=aware(2025, 9, 3, 10, 0),
    )
    letter = Letter.objects.get(application=application, kind=LetterKind.CONSULTATION)
    assert letter.title == "征求意见函"
    for personal in ("张三", PHONE, RESIDENT_ID, "zhangsan@example.com", "测试市人民路100号"):
        assert personal.lower() not in letter.body.lower(), personal
    assert article in letter.body
    assert "十五个工作日" in letter.body
    assert silence in letter.body
    assert "项目报价" in letter.body  # what is asked still reaches the party
    assert "2025年9月24日前" in letter.body  # 15 working days from Wed 9/3


def test_reply_needs_an_outcome(application):
    with pytest.raises(DomainError):
        render_letter(application, LetterKind.REPLY, today=REPLIED.date())


# --- files ---------------------------------------------------------------------------------------


@pytest.fixture
def letter(application, office, approver):
    return reply(application, office, approver, Outcome.PARTIAL, reasons="涉及个人隐私。")


def test_docx_opens_and_contains_the_letter(letter):
    document = Document(io.BytesIO(to_docx(letter)))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "政府信息公开申请答复书"
    assert texts[1] == letter.number
    assert texts[2] == "张三："
    assert any("第三十七条" in text for text in texts)
    assert texts[-2:] == ["测试市财政局", "2025年9月11日"]
    assert document.core_properties.title == letter.title
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert (
        fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
        == "仿宋"
    )


def _pdf_streams(pdf: bytes):
    for match in re.finditer(rb"stream\r?\n", pdf):
        try:
            yield zlib.decompressobj().decompress(pdf[match.end() :])
        except zlib.error:
            continue


def test_pdf_is_a_pdf_with_the_title(letter, tmp_path):
    pdf = to_pdf(letter)
    assert pdf.startswith(b"%PDF")
    # The document title is in the metadata (a compressed object stream) as UTF-16BE hex.
    title = ("feff" + letter.title.encode("utf-16-be").hex()).encode()
    assert any(title in stream.lower() for stream in _pdf_streams(pdf))
    if shutil.which("pdftotext"):
        path = tmp_path / "letter.pdf"
        path.write_bytes(pdf)
        text = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert letter.title in text.replace(" ", "")


def test_pdf_without_weasyprint_is_a_clear_error(letter, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def failing_import(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", failing_import)
    with pytest.raises(DomainError, match="无法生成 PDF"):
        to_pdf(letter)
    assert to_docx(letter).startswith(b"PK")  # Word still works


# --- templates and the frozen letter -------------------------------------------------------------


def test_missing_template_falls_back_to_the_default(application, office, approver):
    LetterTemplate.objects.filter(kind=LetterKind.REPLY, outcome=Outcome.REJECT_REPEAT).delete()
    letter = reply(application, office, approver, Outcome.REJECT_REPEAT)
    assert "第三十六条第六项" in letter.body
    for part in REMEDY_PARTS:
        assert part in letter.body


def test_editing_a_template_changes_new_letters_only(org, application, office, approver):
    sent = reply(application, office, approver, Outcome.WITHHOLD_SECRET)
    original = sent.body
    template = LetterTemplate.objects.get(kind=LetterKind.REPLY, outcome=Outcome.WITHHOLD_SECRET)
    template.title = "答复书（{{ number }}）"
    template.body = "{{ salutation }}：\n\n经审查，不予公开。{{ reasons }}\n\n新模板。"
    template.save()

    sent.refresh_from_db()
    assert sent.body == original
    assert letter_verify(sent)

    other = received_application(org, office, received_on=RECEIVED)
    new = reply(other, office, approver, Outcome.WITHHOLD_SECRET)
    assert new.title == "答复书（2025-0002）"
    assert new.body == "张三：\n\n经审查，不予公开。具体理由见说明。\n\n新模板。"
    assert letter_verify(new)


def test_letter_verify_detects_tampering(letter):
    assert letter_verify(letter)
    Letter.objects.filter(pk=letter.pk).update(body=letter.body.replace("部分", "全部"))
    letter.refresh_from_db()
    assert not letter_verify(letter)


def test_a_broken_template_is_a_clear_error(application, office, approver):
    LetterTemplate.objects.filter(kind=LetterKind.REPLY, outcome=Outcome.OTHER).update(
        body="{% if reasons %}没有结束"
    )
    application.outcome = Outcome.OTHER
    with pytest.raises(DomainError, match="告知书模板有语法错误"):
        render_letter(application, LetterKind.REPLY, today=REPLIED.date())


# --- admin ---------------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.com", "pw-123456789")
    client.force_login(user)
    return client


def test_admin_application_list_masks_identifiers(admin_client, application):
    response = admin_client.get("/admin/foi/application/")
    assert response.status_code == 200
    content = response.content.decode()
    assert RESIDENT_ID not in content and PHONE not in content
    assert "138****8000" in content
    detail = admin_client.get(f"/admin/foi/application/{application.pk}/change/")
    assert detail.status_code == 200
    assert RESIDENT_ID not in detail.content.decode()
    assert PHONE not in detail.content.decode()


def test_admin_letters_are_read_only(admin_client, letter):
    response = admin_client.get("/admin/foi/letter/")
    assert response.status_code == 200
    assert admin_client.get("/admin/foi/letter/add/").status_code == 403
    response = admin_client.post(f"/admin/foi/letter/{letter.pk}/change/", {"body": "改动"})
    letter.refresh_from_db()
    assert "改动" != letter.body and letter_verify(letter)
    assert admin_client.get("/admin/foi/remedy/").status_code == 200


def test_admin_template_preview_and_syntax_check(admin_client):
    template = LetterTemplate.objects.get(kind=LetterKind.FEE, outcome="")
    url = f"/admin/foi/lettertemplate/{template.pk}/change/"
    page = admin_client.get(url).content.decode()
    assert "收费通知书" in page and "应缴金额：人民币200.00元" in page  # the preview
    assert "linked_items" in page  # the variables table
    response = admin_client.post(
        url, {"kind": LetterKind.FEE, "outcome": "", "title": "收费通知书", "body": "{% if x %}"}
    )
    assert response.status_code == 200
    assert "告知书模板有语法错误" in response.content.decode()
    template.refresh_from_db()
    assert template.body != "{% if x %}"
