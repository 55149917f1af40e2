"""Splitting a pasted draft into the articles people comment on.

Chinese rules and normative documents number their articles 第一条, 第二条 … at the start of a
line, grouped under 第一章 / 第一节 headings. ``parse_articles`` recognizes those (Chinese or
Arabic numerals); a draft without numbered articles falls back to its paragraphs (第1段 …).
Text before the first article (the title, a preamble) is kept as a preamble that is shown but
not offered as a comment target.
"""

import re
from dataclasses import dataclass

NUMERALS = "零〇一二两三四五六七八九十百千\\d０-９"
ARTICLE_RE = re.compile(rf"^[\s\u3000]*(第([{NUMERALS}]+)条)(?:[\s\u3000:：、]+|$)(.*)$")
DIVISION_RE = re.compile(rf"^[\s\u3000]*第[{NUMERALS}]+([编章节])(?:[\s\u3000]+(.*))?$")
DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
          "七": 7, "八": 8, "九": 9}  # fmt: skip
UNITS = {"十": 10, "百": 100, "千": 1000}


@dataclass(frozen=True)
class ParsedArticle:
    """One part of a draft. ``number`` is None for the preamble."""

    number: int | None
    heading: str  # 第三条, 第3段, or "" for the preamble
    text: str
    chapter: str = ""  # 第一章 总则 (and 第一节 …) the article falls under

    @property
    def anchor(self) -> str:
        if self.number is None:
            return "preamble"
        return f"art-{self.number}" if self.heading.endswith("条") else f"para-{self.number}"


def chinese_to_int(numeral: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105; Arabic digits (also full-width) as they are."""
    numeral = numeral.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if numeral.isdigit():
        return int(numeral)
    total, digit = 0, 0
    for char in numeral:
        if char in DIGITS:
            digit = DIGITS[char]
        elif char in UNITS:
            total += (digit or 1) * UNITS[char]
            digit = 0
        else:
            raise ValueError(f"not a Chinese numeral: {numeral!r}")
    return total + digit


def _lines(text: str) -> list[str]:
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _join(lines: list[str]) -> str:
    return "\n".join(line.strip() for line in lines if line.strip())


def parse_articles(text: str) -> list[ParsedArticle]:
    """The draft's articles, or failing that its paragraphs, in order."""
    articles: list[ParsedArticle] = []
    preamble: list[str] = []
    chapter, section = "", ""
    current: dict | None = None

    def flush():
        if current is not None:
            articles.append(
                ParsedArticle(
                    current["number"],
                    current["heading"],
                    _join(current["lines"]),
                    current["chapter"],
                )
            )

    for line in _lines(text):
        division = DIVISION_RE.match(line)
        if division and len(line.strip()) <= 40:
            title = " ".join(line.split())
            if division.group(1) == "节":
                section = title
            else:
                chapter, section = title, ""
            continue
        match = ARTICLE_RE.match(line)
        if match:
            try:
                number = chinese_to_int(match.group(2))
            except ValueError:
                number = None
            if number:
                flush()
                current = {
                    "number": number,
                    "heading": match.group(1),
                    "lines": [match.group(3)],
                    "chapter": "　".join(part for part in (chapter, section) if part),
                }
                continue
        if current is None:
            preamble.append(line)
        else:
            current["lines"].append(line)
    flush()

    if not articles:
        return _paragraphs(text)
    head = _join(preamble)
    return ([ParsedArticle(None, "", head)] if head else []) + articles


def _paragraphs(text: str) -> list[ParsedArticle]:
    """Paragraphs separated by blank lines; one a line when the draft has no blank lines."""
    blocks = re.split(r"\n[\s\u3000]*\n", "\n".join(_lines(text)).strip())
    if len(blocks) == 1:
        blocks = _lines(text)
    paragraphs = [_join(_lines(block)) for block in blocks]
    return [
        ParsedArticle(index, f"第{index}段", paragraph)
        for index, paragraph in enumerate((p for p in paragraphs if p), start=1)
    ]
