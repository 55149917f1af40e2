"""告知书: the letters sent to an applicant (and the consultation letter sent to a third party or
another agency), rendered from editable templates, and their Word and PDF files.

    title, body = render_letter(application, kind, today=today, extra={"entry": clock_entry})
    to_docx(letter) -> bytes;  to_pdf(letter) -> bytes;  letter_verify(letter) -> bool

A template is a ``LetterTemplate`` row (kind, and for reply letters the outcome); when the row is
missing the built-in text of :mod:`gongkai.foi.letter_defaults` is used. Title and body are Django
templates rendered as plain text (no autoescaping: the output is not HTML, and the source is
written by staff). Paragraphs are separated by blank lines; a single line break stays inside a
paragraph. Only the values listed in ``CONTEXT_VARIABLES`` reach a template — never a model
instance — so an edited template cannot wander through relations to other data, and the
consultation letter (to a third party or another agency) never receives the applicant's personal
data at all; its text is also scrubbed of the applicant's identifiers after rendering.

The organization's name and the sending date are not part of the body: the Word and PDF files
print them at the bottom right from the ``Letter`` (see :func:`letter_signature`).

A sent ``Letter`` is frozen: services store its title, body and ``content_hash``; nothing in the
application edits it, the admin shows it read-only, and :func:`letter_verify` detects a text
changed behind the application's back.
"""

import hashlib
import hmac
import io
import re
from datetime import date

from django.conf import settings
from django.template import Context, Engine, TemplateSyntaxError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai.core.errors import DomainError
from gongkai.core.timeutil import local_date
from gongkai.orgs.models import Level, Organization
from gongkai.workdays import add_working_days

from . import clock
from .choices import ApplicantKind, Delivery, LetterKind, Outcome, ProvisionForm
from .clock import EventKind, Party
from .fees import FeeMethod, fee_for
from .letter_defaults import default_template
from .models import Application, ClockEntry, LetterTemplate

#: The names a template may use, with what they hold (shown to staff in the admin).
CONTEXT_VARIABLES: tuple[tuple[str, str], ...] = (
    ("salutation", _("称呼：申请人姓名或名称（征求意见函中没有）")),
    ("you", _("对申请人的称谓：自然人为“您”，法人或其他组织为“贵单位”（征求意见函中没有）")),
    ("number", _("申请编号，如 2025-0007")),
    ("received_on", _("收到申请日期，如 2025年10月9日")),
    ("requested", _("所需信息的简称：带引号的信息名称（及文号），没有名称时为内容描述")),
    ("request", _("所需信息的内容描述（全文）")),
    ("title_hint / document_number_hint", _("申请人填写的信息名称 / 文号")),
    ("provision_form / delivery", _("信息提供形式 / 获取方式（征求意见函中没有）")),
    (
        "org.name / org.office_name / org.address / org.postcode / org.phone / org.fax / org.email",
        _("本机关名称、政务公开工作机构及其联系方式"),
    ),
    ("office", _("政务公开工作机构名称（未填写时为机关名称）")),
    ("review_body", _("复议机关：部门为“本级人民政府”，人民政府为“上一级人民政府”")),
    ("today", _("发文日期，如 2025年10月9日")),
    ("due_on", _("按法定时限计算的答复期限（中文日期）")),
    ("outcome / outcome_label", _("答复书：办理结果代码 / 名称")),
    ("reasons", _("答复书：理由及依据")),
    ("processing_summary", _("答复书：办理情况（提供的信息或获取方式）")),
    (
        "linked_items",
        _(
            "答复书：关联的已主动公开信息列表，每项有 title、document_number、"
            "index_number、published_on、url"
        ),
    ),
    (
        "supplement_requested_on / supplement_until / supplemented_on",
        _("补正告知日期 / 补正期限 / 收到补正日期"),
    ),
    ("supplement_items", _("补正告知书：需要补正的内容")),
    ("extension_days / extension_reason", _("延期答复告知书：延长的工作日数 / 延期理由")),
    (
        "fee",
        _(
            "收费通知书：fee.amount、fee.method_label、fee.basis、fee.pay_by（缴费期限）、"
            "fee.lines（每行 label、quantity、unit_price、subtotal）"
        ),
    ),
    ("fee_notice_on", _("收费通知发出日期")),
    ("reasons_requested_on", _("要求申请人说明理由的日期（条例第三十五条）")),
    ("reasons_note", _("说明理由告知书：需要说明的情况")),
    ("deferred_until / deferral_reason", _("延迟答复告知书：延迟答复的期限 / 具体情况")),
    (
        "addressee / party / party_label / is_third_party",
        _("征求意见函：收函方、对象类型（third_party 或 agency）及其名称"),
    ),
    ("consultation_note / reply_by", _("征求意见函：需要说明的情况 / 答复期限（15个工作日）")),
    ("consulted_third_party", _("是否曾书面征求第三方意见")),
)

_ENGINE = Engine(autoescape=False)
_BLANK_LINES = re.compile(r"\n{3,}")


def cn_date(day: date | None) -> str:
    """``2025年10月9日``; empty for None."""
    if day is None:
        return ""
    return f"{day.year}年{day.month}月{day.day}日"


def content_hash(title: str, body: str) -> str:
    """The digest stored with a sent letter (the same formula the services use)."""
    return hashlib.sha256(f"{title}\n{body}".encode()).hexdigest()


def letter_verify(letter) -> bool:
    """True when the letter's stored text is the text it was sent with."""
    return hmac.compare_digest(content_hash(letter.title, letter.body), letter.content_hash)


def template_for(kind: str, outcome: str = "") -> tuple[str, str]:
    """(title, body) template source: the ``LetterTemplate`` row, or the built-in default."""
    kind = LetterKind(kind)
    outcome = outcome if kind == LetterKind.REPLY else ""
    row = LetterTemplate.objects.filter(kind=kind, outcome=outcome).first()
    if row is not None:
        return row.title, row.body
    return default_template(kind, outcome)


# --- context -------------------------------------------------------------------------------------


def _site_url(path: str) -> str:
    return getattr(settings, "GONGKAI_SITE_URL", "").rstrip("/") + path


def _one_line(text: str) -> str:
    return " ".join((text or "").split())


def _requested(application) -> str:
    title = _one_line(application.title_hint)
    number = _one_line(application.document_number_hint)
    if title:
        return f"“{title}”" + (gettext("（文号：%(n)s）") % {"n": number} if number else "")
    if number:
        return gettext("文号为%(n)s的政府信息") % {"n": number}
    return f"“{_one_line(application.description)}”"


def _organization(org) -> dict:
    return {
        "name": org.name,
        "short_name": org.short_name,
        "office_name": org.office_name,
        "address": org.address,
        "postcode": org.postcode,
        "phone": org.phone,
        "fax": org.fax,
        "email": org.email,
    }


def _review_body(org) -> str:
    governments = (Level.GOVERNMENT, Level.DISTRICT, Level.TOWN)
    return gettext("上一级人民政府") if org.level in governments else gettext("本级人民政府")


def _entries(application) -> list:
    return list(application.clock_entries.all()) if application.pk else []


def _last_on(entries, kind: EventKind):
    found = [entry for entry in entries if entry.kind == kind]
    return found[-1] if found else None


def _linked_items(application) -> list[dict]:
    if not application.pk:
        return []
    items = []
    for item in application.linked_items.order_by("-published_at", "pk"):
        items.append(
            {
                "title": item.title,
                "document_number": item.document_number,
                "index_number": item.index_number,
                "published_on": cn_date(local_date(item.published_at)) if item.published_at else "",
                "url": _site_url(reverse("portal:item", args=[item.pk])),
            }
        )
    return items


def _fee(application, entry, today: date) -> dict:
    from .services import fee_quote

    lines, basis, amount = [], "", application.fee_amount
    if application.fee_method:
        try:
            quote = fee_quote(
                application, method=application.fee_method, pages=application.fee_pages
            )
        except (ValueError, TypeError):
            quote = None
        if quote is not None:
            basis = quote.basis
            lines = [line._asdict() for line in quote.breakdown]
            amount = amount if amount is not None else quote.amount
    notice_on = entry.on if entry is not None else today
    return {
        "amount": amount if amount is not None else "",
        "method": application.fee_method,
        "method_label": application.get_fee_method_display() if application.fee_method else "",
        "basis": basis,
        "lines": lines,
        "pages": application.fee_pages,
        "pay_by": cn_date(add_working_days(notice_on, clock.FEE_PAYMENT_DAYS)),
    }


def _due_on(application, today: date) -> str:
    if application.received_on is None:
        return ""
    if not application.pk:
        return cn_date(add_working_days(application.received_on, clock.REPLY_DAYS))
    from .services import clock_for

    state = clock_for(application, today=today)
    return cn_date(state.due_on) if state is not None else ""


def letter_context(application, kind: str, *, today: date, extra: dict | None = None) -> dict:
    """The values a template of ``kind`` may use (see ``CONTEXT_VARIABLES``)."""
    kind = LetterKind(kind)
    extra = extra or {}
    entry = extra.get("entry")
    org = application.organization
    entries = _entries(application)
    supplement_request = _last_on(entries, EventKind.SUPPLEMENT_REQUESTED)
    supplement_received = _last_on(entries, EventKind.SUPPLEMENT_RECEIVED)
    fee_notice = _last_on(entries, EventKind.FEE_NOTICE_SENT)
    reasons_request = _last_on(entries, EventKind.REASONS_REQUESTED)
    context = {
        "number": application.number,
        "received_on": cn_date(application.received_on),
        "requested": _requested(application),
        "request": application.description,
        "title_hint": application.title_hint,
        "document_number_hint": application.document_number_hint,
        "org": _organization(org),
        "office": org.office_name or org.name,
        "review_body": _review_body(org),
        "today": cn_date(today),
        "due_on": _due_on(application, today),
        "supplement_requested_on": cn_date(supplement_request.on if supplement_request else None),
        "supplement_until": cn_date(supplement_request.until if supplement_request else None),
        "supplemented_on": cn_date(supplement_received.on if supplement_received else None),
        "fee_notice_on": cn_date(fee_notice.on if fee_notice else None),
        "reasons_requested_on": cn_date(reasons_request.on if reasons_request else None),
        "consulted_third_party": any(
            e.kind == EventKind.CONSULTATION_STARTED and e.party != Party.AGENCY for e in entries
        ),
    }
    if kind == LetterKind.CONSULTATION:
        party = (entry.party if entry is not None else "") or Party.THIRD_PARTY
        is_third_party = party != Party.AGENCY
        started = entry.on if entry is not None else today
        context.update(
            {
                "party": party,
                "is_third_party": is_third_party,
                "party_label": gettext("第三方") if is_third_party else gettext("有关行政机关"),
                "addressee": extra.get("addressee")
                or (gettext("有关第三方") if is_third_party else gettext("有关行政机关")),
                "consultation_note": entry.note if entry is not None else "",
                "reply_by": cn_date(add_working_days(started, clock.CONSULTATION_DAYS)),
            }
        )
        return context

    natural = application.applicant_kind == ApplicantKind.NATURAL
    context.update(
        {
            "salutation": application.applicant_name,
            "you": gettext("您") if natural else gettext("贵单位"),
            "provision_form": application.get_provision_form_display(),
            "delivery": application.get_delivery_display(),
        }
    )
    if kind == LetterKind.REPLY:
        context.update(
            {
                "outcome": application.outcome,
                "outcome_label": application.get_outcome_display(),
                "reasons": application.reasons,
                "processing_summary": application.processing_summary,
                "linked_items": _linked_items(application),
            }
        )
    elif kind == LetterKind.SUPPLEMENT:
        context["supplement_items"] = entry.note if entry is not None else ""
        if entry is not None and entry.until:
            context["supplement_until"] = cn_date(entry.until)
    elif kind == LetterKind.EXTENSION:
        context["extension_days"] = entry.days if entry is not None else ""
        context["extension_reason"] = entry.note if entry is not None else ""
    elif kind == LetterKind.FEE:
        context["fee"] = _fee(application, entry, today)
    elif kind == LetterKind.REASONS:
        context["reasons_note"] = entry.note if entry is not None else ""
    elif kind == LetterKind.DEFERRAL:
        context["deferred_until"] = cn_date(entry.until if entry is not None else None)
        context["deferral_reason"] = entry.note if entry is not None else ""
    return context


# --- rendering -----------------------------------------------------------------------------------


def _clean(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def render_text(source: str, context: dict) -> str:
    """Render one template source as plain text; a broken template is a clear DomainError."""
    try:
        template = _ENGINE.from_string(source)
    except TemplateSyntaxError as exc:
        raise DomainError(
            gettext("告知书模板有语法错误：%(error)s") % {"error": exc}, field="body"
        ) from exc
    return _clean(template.render(Context(context)))


def scrub_applicant(text: str, application) -> str:
    """The text without the applicant's name, ID or credit code, phone, e-mail or address:
    names become “申请人”, the rest “***” (case-insensitive, longest first)."""
    names = (application.applicant_name, application.contact_name, application.legal_representative)
    numbers = (
        application.id_number,
        application.credit_code,
        application.phone,
        application.email,
        application.address,
    )
    replacements = {v.strip(): gettext("申请人") for v in names if v and len(v.strip()) >= 2}
    replacements.update({v.strip(): "***" for v in numbers if v and len(v.strip()) >= 2})
    for value in sorted(replacements, key=len, reverse=True):
        text = re.sub(re.escape(value), replacements[value], text, flags=re.IGNORECASE)
    return text


def _render(application, kind, sources, *, today, extra) -> tuple[str, str]:
    title_source, body_source = sources
    context = letter_context(application, kind, today=today, extra=extra)
    title = render_text(title_source, context) or str(kind.label)
    body = render_text(body_source, context)
    if kind == LetterKind.CONSULTATION:
        title, body = scrub_applicant(title, application), scrub_applicant(body, application)
    return title, body


def render_letter(application, kind, *, today: date, extra: dict | None = None) -> tuple[str, str]:
    """(title, body) of the letter of ``kind`` for ``application`` as of ``today``.

    ``extra["entry"]``: the ``ClockEntry`` a notice goes with (补正 deadline, extension days,
    consultation party, the later deadline of Art. 35); ``extra["addressee"]``: who a
    consultation letter is addressed to.
    """
    kind = LetterKind(kind)
    outcome = ""
    if kind == LetterKind.REPLY:
        if application.outcome not in Outcome.values:
            raise DomainError(gettext("尚未确定办理结果，不能生成答复书。"), field="outcome")
        outcome = application.outcome
    return _render(application, kind, template_for(kind, outcome), today=today, extra=extra)


def preview_template(title: str, body: str, kind: str, outcome: str, *, today: date):
    """A template rendered over a made-up application (nothing is saved): for the admin."""
    kind = LetterKind(kind)
    org = Organization(
        name=gettext("示例市示例局"),
        level=Level.DEPARTMENT,
        office_name=gettext("示例局办公室"),
        address=gettext("示例市人民路1号"),
        phone="0571-87000000",
    )
    application = Application(
        organization=org,
        year=today.year,
        serial=1,
        received_on=today,
        applicant_kind=ApplicantKind.NATURAL,
        applicant_name=gettext("张三"),
        title_hint=gettext("示例信息名称"),
        description=gettext("示例：申请公开某项政府信息。"),
        provision_form=ProvisionForm.ELECTRONIC,
        delivery=Delivery.EMAIL,
        outcome=outcome or Outcome.DISCLOSE,
        reasons=gettext("（示例：理由及依据）"),
        processing_summary=gettext("（示例：办理情况及提供的信息）"),
        fee_method=FeeMethod.BY_PAGE,
        fee_pages=50,
    )
    application.fee_amount = fee_for(FeeMethod.BY_PAGE, pages=50).amount
    entry = ClockEntry(
        application=application,
        on=today,
        days=10,
        until=add_working_days(today, 10),
        party=Party.THIRD_PARTY,
        note=gettext("（示例：需要说明的情况）"),
    )
    return _render(application, kind, (title, body), today=today, extra={"entry": entry})


# --- files ------------------------------------------------------------------------------------


def letter_paragraphs(body: str) -> list[list[str]]:
    """The body's paragraphs, each a list of its lines."""
    return [block.split("\n") for block in re.split(r"\n\s*\n", body.strip()) if block.strip()]


def letter_signature(letter) -> tuple[str, str]:
    """(organization name, sending date in Chinese) printed under the letter."""
    return letter.application.organization.name, cn_date(local_date(letter.sent_at))


def _is_salutation(index: int, lines: list[str]) -> bool:
    return index == 0 and len(lines) == 1 and lines[0].endswith("：")


_BODY_FONT = "仿宋"
_TITLE_FONT = "宋体"


def _font(run, name: str, size, *, bold: bool = False) -> None:
    from docx.oxml.ns import qn

    run.font.name = name
    run.font.size = size
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def to_docx(letter) -> bytes:
    """The letter as a Word document (A4, 公文 margins, 宋体 title, 仿宋 body)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = document.styles["Normal"]
    normal.font.name = _BODY_FONT
    normal.font.size = Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), _BODY_FONT)
    document.core_properties.title = letter.title

    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(heading.add_run(letter.title), _TITLE_FONT, Pt(22), bold=True)
    if letter.number:
        number = document.add_paragraph()
        number.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(number.add_run(letter.number), _BODY_FONT, Pt(16))

    for index, lines in enumerate(letter_paragraphs(letter.body)):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.line_spacing = Pt(28)
        if not _is_salutation(index, lines):
            paragraph.paragraph_format.first_line_indent = Pt(32)
        for i, line in enumerate(lines):
            run = paragraph.add_run(line)
            _font(run, _BODY_FONT, Pt(16))
            if i < len(lines) - 1:
                run.add_break()

    document.add_paragraph()
    for text in letter_signature(letter):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.right_indent = Pt(32)
        _font(paragraph.add_run(text), _BODY_FONT, Pt(16))

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def to_pdf(letter) -> bytes:
    """The letter as a PDF (WeasyPrint). Raises DomainError when WeasyPrint cannot load."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:
        raise DomainError(
            gettext(
                "无法生成 PDF：服务器缺少 WeasyPrint 所需的系统组件（pango 库及中文字体）。"
                "请联系管理员安装后重试，或先下载 Word 版本。"
            )
        ) from exc
    organization, sent_on = letter_signature(letter)
    paragraphs = [
        {"lines": lines, "salutation": _is_salutation(index, lines)}
        for index, lines in enumerate(letter_paragraphs(letter.body))
    ]
    html = render_to_string(
        "foi/letter_pdf.html",
        {
            "letter": letter,
            "paragraphs": paragraphs,
            "organization": organization,
            "sent_on": sent_on,
        },
    )
    return HTML(string=html).write_pdf()
