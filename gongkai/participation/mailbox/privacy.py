"""De-identifying a message before the public may read it.

``deidentify`` proposes a public version: the writer's own name, phone, e-mail and address are
taken out wherever they appear, and so is anything that looks like a resident ID number, a
mobile or landline number, a bank card or an e-mail address (the patterns of the publishing
pre-checks). Staff then read, edit and confirm it; ``personal_data_left`` is the last check
the publication service runs on what they confirm.
"""

import re

from django.utils.translation import gettext as _

from gongkai.foi.validators import normalize_phone
from gongkai.publishing.prechecks import (
    CARD_RE,
    ID_RE,
    MOBILE_RE,
    id_number_is_valid,
    luhn_is_valid,
)

MASK = "***"
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
LANDLINE_RE = re.compile(r"(?<!\d)(?:\(0\d{2,3}\)|0\d{2,3})[- ]?\d{7,8}(?:-\d{1,5})?(?!\d)")
# The shortest name we replace: single characters would wipe out ordinary words.
MIN_NAME_CHARS = 2


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value or "")


def _phone_pattern(phone: str) -> re.Pattern | None:
    """The writer's number written with any spaces or hyphens between its digits."""
    digits = _digits(normalize_phone(phone))
    if len(digits) < 7:
        return None
    return re.compile(r"(?<!\d)" + r"[\s-]?".join(digits) + r"(?!\d)")


def _own_data(writer) -> list[tuple[str, re.Pattern]]:
    """(label, pattern) for the writer's own details that occur in text."""
    found = []
    name = (getattr(writer, "writer_name", "") or "").strip()
    if len(name) >= MIN_NAME_CHARS:
        found.append((_("写信人姓名"), re.compile(re.escape(name))))
    phone = _phone_pattern(getattr(writer, "phone", "") or "")
    if phone is not None:
        found.append((_("写信人联系电话"), phone))
    email = (getattr(writer, "email", "") or "").strip()
    if email:
        found.append((_("写信人电子邮箱"), re.compile(re.escape(email), re.IGNORECASE)))
    address = (getattr(writer, "address", "") or "").strip()
    if len(address) >= 4:
        found.append((_("写信人通信地址"), re.compile(re.escape(address))))
    return found


def deidentify(text: str, writer=None, *, contacts: bool = True) -> str:
    """``text`` with the writer's details and personal numbers replaced by ``***``.

    ``contacts=False`` keeps e-mail addresses and phone numbers other than the writer's: a
    reply may give the office's hotline or mailbox on purpose."""
    text = text or ""
    if writer is not None:
        for _label, pattern in _own_data(writer):
            text = pattern.sub(MASK, text)
    text = ID_RE.sub(lambda m: MASK if id_number_is_valid(m.group()) else m.group(), text)
    text = CARD_RE.sub(
        lambda m: MASK if luhn_is_valid(m.group().replace(" ", "")) else m.group(), text
    )
    if contacts:
        text = EMAIL_RE.sub(MASK, text)
        text = MOBILE_RE.sub(MASK, text)
        text = LANDLINE_RE.sub(MASK, text)
    return text


def personal_data_left(text: str, writer=None, *, contacts: bool = True) -> list[str]:
    """Labels of the personal data still in ``text`` (empty when it may be published);
    ``contacts`` as for ``deidentify``."""
    text = text or ""
    labels = []
    if writer is not None:
        labels += [label for label, pattern in _own_data(writer) if pattern.search(text)]
    if any(id_number_is_valid(m.group()) for m in ID_RE.finditer(text)):
        labels.append(_("居民身份证号码"))
    if any(luhn_is_valid(m.group().replace(" ", "")) for m in CARD_RE.finditer(text)):
        labels.append(_("银行卡号"))
    if contacts:
        if EMAIL_RE.search(text):
            labels.append(_("电子邮箱地址"))
        if MOBILE_RE.search(text) or LANDLINE_RE.search(text):
            labels.append(_("电话号码"))
    return list(dict.fromkeys(labels))
