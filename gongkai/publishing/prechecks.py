"""Automatic confidentiality pre-checks (保密审查辅助).

The checks find what a reviewer must look at — classification marks, internal-use markers,
personal information and configured sensitive words — with their exact positions. They never
decide: the confidentiality reviewer does.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# ID_CHECK and ID_WEIGHTS are re-exported for gongkai.demo.generator.
from gongkai.foi.validators import ID_CHECK as ID_CHECK
from gongkai.foi.validators import ID_WEIGHTS as ID_WEIGHTS
from gongkai.foi.validators import resident_id_check_char

CLASSIFICATION_RE = re.compile(
    r"(绝密|机密|秘密)\s*★\s*(\d+\s*[年月])?|★\s*\d+\s*年|密级[:：]\s*\S{1,4}"
)
INTERNAL_RE = re.compile(
    r"内部资料|内部文件|内部使用|内部参阅|内部刊物|仅供内部|不得外传|严禁外传|注意保存|不宜公开"
)
ID_RE = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{16}[\dXx](?![0-9A-Za-z])")
MOBILE_RE = re.compile(r"(?<!\d)1[3-9]\d(?:[- ]?\d{4}){2}(?!\d)")
CARD_RE = re.compile(r"(?<!\d)(?:\d{16,19}|\d{4}(?: \d{4}){3,4}(?: \d{1,3})?)(?!\d)")

KIND_LABELS = {
    "classification": _("密级标志"),
    "internal": _("内部事项标注"),
    "id_number": _("居民身份证号码"),
    "mobile": _("手机号码"),
    "bank_card": _("银行卡号"),
    "sensitive_word": _("敏感词"),
}
PERSONAL_KINDS = {"id_number", "mobile", "bank_card"}


@dataclass(frozen=True)
class Finding:
    kind: str
    field: str
    start: int
    end: int
    text: str
    before: str
    after: str

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self.kind])


def id_number_is_valid(value: str) -> bool:
    """An 18-digit resident ID number with a plausible birth date and a correct check digit."""
    value = value.upper()
    if not re.fullmatch(r"[1-9]\d{16}[\dX]", value):
        return False
    year, month, day = int(value[6:10]), int(value[10:12]), int(value[12:14])
    if not (1900 <= year <= 2099 and 1 <= month <= 12 and 1 <= day <= 31):
        return False
    return resident_id_check_char(value[:17]) == value[17]


def luhn_is_valid(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def _finding(kind, field, text, start, end) -> Finding:
    return Finding(
        kind,
        field,
        start,
        end,
        text[start:end],
        text[max(0, start - 15) : start],
        text[end : end + 15],
    )


def scan_text(text: str, *, field: str, words: list[str] = ()) -> list[Finding]:
    """Every finding in ``text`` in order of position."""
    text = text or ""
    found: list[Finding] = []
    for m in CLASSIFICATION_RE.finditer(text):
        found.append(_finding("classification", field, text, m.start(), m.end()))
    for m in INTERNAL_RE.finditer(text):
        found.append(_finding("internal", field, text, m.start(), m.end()))
    id_spans = []
    for m in ID_RE.finditer(text):
        if id_number_is_valid(m.group()):
            id_spans.append(m.span())
            found.append(_finding("id_number", field, text, m.start(), m.end()))
    for m in MOBILE_RE.finditer(text):
        found.append(_finding("mobile", field, text, m.start(), m.end()))
    for m in CARD_RE.finditer(text):
        digits = m.group().replace(" ", "")
        if m.span() not in id_spans and luhn_is_valid(digits):
            found.append(_finding("bank_card", field, text, m.start(), m.end()))
    for word in words:
        start = text.find(word)
        while word and start != -1:
            found.append(_finding("sensitive_word", field, text, start, start + len(word)))
            start = text.find(word, start + len(word))
    return sorted(found, key=lambda f: (f.start, f.kind))


def mask_personal(text: str) -> str:
    """De-identify personal numbers: keep enough to recognise the record, hide the person."""

    def mask_id(m):
        v = m.group()
        return v[:6] + "********" + v[-4:] if id_number_is_valid(v) else v

    def mask_mobile(m):
        digits = re.sub(r"\D", "", m.group())
        return digits[:3] + "****" + digits[-4:]

    def mask_card(m):
        digits = m.group().replace(" ", "")
        return "**** **** **** " + digits[-4:] if luhn_is_valid(digits) else m.group()

    text = ID_RE.sub(mask_id, text or "")
    text = CARD_RE.sub(mask_card, text)
    return MOBILE_RE.sub(mask_mobile, text)
