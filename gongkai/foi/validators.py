"""Identity checks for applicants for government information (申请人身份信息).

Every ``validate_*`` function normalizes its input first (full-width → half-width, spaces,
case), so it accepts what people type; forms should store the matching ``normalize_*`` value.
They return None or raise ``ValidationError`` with a Chinese message and a stable ``code``.
"""

import re
import unicodedata
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# 居民身份证号码 (GB 11643-1999): ISO 7064 MOD 11-2 over the first 17 digits.
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
# Provincial codes of GB/T 2260; 81–83 also head the numbers of 港澳台居民居住证.
PROVINCE_CODES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 "
    "50 51 52 53 54 61 62 63 64 65 71 81 82 83".split()
)
EARLIEST_BIRTH_YEAR = 1900

# 统一社会信用代码 (GB 32100-2015): 31 characters (no I O Z S V), check character mod 31.
CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

MOBILE_RE = re.compile(r"1[3-9]\d{9}")
# Area code (010, 02X or a four-digit 0XXX), local number, optional extension.
LANDLINE_RE = re.compile(
    r"(?P<area>0(?:10|2\d|[3-9]\d{2}))-?(?P<local>[2-9]\d{6,7})"
    r"(?:(?:-|转|#|分机|EXT\.?)(?P<ext>\d{1,6}))?",
    re.IGNORECASE,
)

PASSPORT_RE = re.compile(r"[A-Z0-9]{5,17}")
# 回乡证: H (Hong Kong) or M (Macao) + 8 digits on the card, + 10 digits on the old booklet.
HK_MACAO_PERMIT_RE = re.compile(r"[HM](?:\d{8}|\d{10})")
# 台胞证: 8 digits on the card (since 2015); 10 digits with an optional issue letter on the
# old booklet; a letter + 9 digits on the one-off permit.
TAIWAN_PERMIT_RE = re.compile(r"\d{8}|\d{10}(?:\([A-Z]\))?|[A-Z]\d{9}")
# 外国人永久居留身份证: 3 letters + 12 digits until 2023; since 2023-12-01 "9" + 16 digits +
# a GB 11643 check character.
FOREIGN_PR_OLD_RE = re.compile(r"[A-Z]{3}\d{12}")
FOREIGN_PR_NEW_RE = re.compile(r"9\d{16}[\dX]")


class IdDocumentType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("居民身份证")
    PASSPORT = "passport", _("护照")
    HK_MACAO_PERMIT = "hk_macao_permit", _("港澳居民来往内地通行证")
    TAIWAN_PERMIT = "taiwan_permit", _("台湾居民来往大陆通行证")
    FOREIGN_PERMANENT_RESIDENT = "foreign_permanent_resident", _("外国人永久居留身份证")
    OTHER = "other", _("其他")


def _half_width(value) -> str:
    return unicodedata.normalize("NFKC", str(value or ""))


def normalize_id_number(value) -> str:
    """Half-width, no whitespace, upper case: ``" 11010519491231002x "`` → ``"…002X"``."""
    return re.sub(r"\s+", "", _half_width(value)).upper()


def normalize_credit_code(value) -> str:
    return normalize_id_number(value)


def normalize_phone(value) -> str:
    """A mobile as 11 digits; a landline as ``0571-87000000`` (extension as ``-123``)."""
    text = re.sub(r"\s+", "", _half_width(value))
    text = re.sub(r"^\((0\d{2,3})\)-?", r"\1-", text)
    digits = re.sub(r"^(?:\+86|0086|86)-?", "", text).replace("-", "")
    if MOBILE_RE.fullmatch(digits):
        return digits
    m = LANDLINE_RE.fullmatch(text)
    if m:
        ext = f"-{m['ext']}" if m["ext"] else ""
        return f"{m['area']}-{m['local']}{ext}"
    return text


def resident_id_check_char(body: str) -> str:
    """The GB 11643 check character for the first 17 digits of a resident ID number."""
    total = sum(int(d) * w for d, w in zip(body, ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11]


def credit_code_check_char(body: str) -> str:
    """The GB 32100 check character for the first 17 characters of a credit code."""
    total = sum(
        CREDIT_CODE_CHARS.index(c) * w for c, w in zip(body, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_CHARS[-total % 31]


def validate_resident_id(value, *, today: date | None = None) -> None:
    """居民身份证号码: format, province, birth date, then the check character.

    ``today`` bounds the birth date; it defaults to the current date in Asia/Shanghai.
    """
    number = normalize_id_number(value)
    if not re.fullmatch(r"\d{17}[\dX]", number):
        raise ValidationError(
            _("身份证号码应为18位：前17位为数字，最后一位为数字或字母X"), code="id_format"
        )
    if number[:2] not in PROVINCE_CODES:
        raise ValidationError(
            _("身份证号码前两位不是有效的省级行政区划代码，请核对后重新填写"),
            code="id_region",
        )
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        birth = None
    today = today or timezone.localdate()
    if birth is None or not (date(EARLIEST_BIRTH_YEAR, 1, 1) <= birth <= today):
        raise ValidationError(
            _("身份证号码中的出生日期（第7至14位）不正确，请核对后重新填写"),
            code="id_birth_date",
        )
    if resident_id_check_char(number[:17]) != number[17]:
        raise ValidationError(_("身份证号码校验位不正确，请核对后重新填写"), code="id_check_digit")


def validate_credit_code(value) -> None:
    """统一社会信用代码: 18 characters of the GB 32100 set with a correct check character."""
    code = normalize_credit_code(value)
    if len(code) != 18:
        raise ValidationError(
            _("统一社会信用代码应为18位，当前为%(length)d位"),
            code="credit_code_length",
            params={"length": len(code)},
        )
    if any(c not in CREDIT_CODE_CHARS for c in code):
        raise ValidationError(
            _("统一社会信用代码只能由数字和大写字母组成，且不含字母I、O、Z、S、V"),
            code="credit_code_chars",
        )
    if credit_code_check_char(code[:17]) != code[17]:
        raise ValidationError(
            _("统一社会信用代码校验位不正确，请核对后重新填写"), code="credit_code_check"
        )


def validate_id_document(doc_type, number, *, today: date | None = None) -> None:
    """The number of an identity document of the given ``IdDocumentType``."""
    try:
        doc_type = IdDocumentType(doc_type)
    except ValueError:
        raise ValidationError(_("请选择有效的证件类型"), code="id_document_type") from None
    number = normalize_id_number(number)
    if not number:
        raise ValidationError(_("请填写证件号码"), code="id_document_required")
    if doc_type == IdDocumentType.RESIDENT_ID:
        validate_resident_id(number, today=today)
    elif doc_type == IdDocumentType.PASSPORT:
        if not PASSPORT_RE.fullmatch(number):
            raise ValidationError(_("护照号码应为5至17位字母或数字"), code="passport_format")
    elif doc_type == IdDocumentType.HK_MACAO_PERMIT:
        if not HK_MACAO_PERMIT_RE.fullmatch(number):
            raise ValidationError(
                _("港澳居民来往内地通行证号码应为字母H或M加8位（旧版10位）数字"),
                code="hk_macao_permit_format",
            )
    elif doc_type == IdDocumentType.TAIWAN_PERMIT:
        if not TAIWAN_PERMIT_RE.fullmatch(number):
            raise ValidationError(
                _("台湾居民来往大陆通行证号码应为8位数字（旧版为10位数字）"),
                code="taiwan_permit_format",
            )
    elif doc_type == IdDocumentType.FOREIGN_PERMANENT_RESIDENT:
        if FOREIGN_PR_NEW_RE.fullmatch(number):
            if resident_id_check_char(number[:17]) != number[17]:
                raise ValidationError(
                    _("外国人永久居留身份证号码校验位不正确，请核对后重新填写"),
                    code="foreign_pr_check_digit",
                )
        elif not FOREIGN_PR_OLD_RE.fullmatch(number):
            raise ValidationError(
                _(
                    "外国人永久居留身份证号码应为以9开头的18位号码，"
                    "或3位字母加12位数字（2023年以前签发）"
                ),
                code="foreign_pr_format",
            )


def validate_mobile_or_phone(value) -> None:
    """A mainland mobile number, or a landline with its area code and optional extension."""
    phone = normalize_phone(value)
    if not (MOBILE_RE.fullmatch(phone) or LANDLINE_RE.fullmatch(phone)):
        raise ValidationError(
            _("请填写正确的手机号码（11位）或带区号的固定电话号码（如0571-87000000）"),
            code="phone_format",
        )


def _mask_middle(value: str, head: int, tail: int) -> str:
    return value[:head] + "*" * (len(value) - head - tail) + value[len(value) - tail :]


def mask_id_number(value) -> str:
    """``"3301**********1234"``: first and last four kept, for staff lists and logs.

    Short numbers (passports, permits) keep fewer characters so at least half stays hidden.
    """
    number = normalize_id_number(value)
    keep = min(4, len(number) // 4)
    return _mask_middle(number, keep, keep)


def mask_phone(value) -> str:
    """``"138****5678"`` for a mobile; ``"0571-****0000"`` for a landline (extension dropped)."""
    phone = normalize_phone(value)
    if MOBILE_RE.fullmatch(phone):
        return _mask_middle(phone, 3, 4)
    m = LANDLINE_RE.fullmatch(phone)
    if m:
        return f"{m['area']}-{_mask_middle(m['local'], 0, 4)}"
    keep = min(4, len(phone) // 4)
    return _mask_middle(phone, keep, keep)
