"""What a comment's text becomes when stored, and the reasons it is flagged for the moderators.

Text is plain: every tag is removed with nh3 (the content of ``<script>`` and ``<style>`` with
it), and entities are decoded and cleaned again until nothing changes, so what is stored holds no
markup at all, not even markup typed as ``&lt;script&gt;``. Pages print it escaped.

Flags never drop a comment: it goes to the moderation queue like every other, first in line and
with the reasons shown (the spam word list is edited in the admin).
"""

import re
import unicodedata
from html import unescape

from django.utils.translation import gettext as _

import nh3

from gongkai.core.sanitize import html_to_text

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
URL = re.compile(r"(?i)\b(?:https?://|www\.)")
MAX_LINKS = 2


def plain_text(value: str) -> str:
    """``value`` without any markup, control characters or trailing blank space."""
    text = CONTROL.sub("", value or "")
    for _round in range(5):
        cleaned = unescape(html_to_text(nh3.clean(text, tags=set())))
        if cleaned == text:
            break
        text = cleaned
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _normal(text: str) -> str:
    """Full-width folded, lower case, without spaces and punctuation between the characters
    (catches 代 开 发 票 and 代-开-发-票)."""
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in text if ch.isalnum())


def spam_reasons(text: str, *, words: list[str], honeypot: bool = False) -> list[str]:
    """Why a comment looks like spam (empty when it does not)."""
    reasons = []
    if honeypot:
        reasons.append(_("隐藏字段被填写，疑似自动程序提交"))
    normal = _normal(text)
    found = [word for word in words if _normal(word) and _normal(word) in normal]
    if found:
        reasons.append(_("包含垃圾信息词语：%(words)s") % {"words": "、".join(found)})
    if len(URL.findall(text)) > MAX_LINKS:
        reasons.append(_("包含多个网址"))
    return reasons
