import pytest

from gongkai.participation.drafts import chinese_to_int, parse_articles
from gongkai.participation.testing import DRAFT


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("一", 1),
        ("十", 10),
        ("十一", 11),
        ("二十", 20),
        ("二十五", 25),
        ("九十九", 99),
        ("一百", 100),
        ("一百零五", 105),
        ("一百一十", 110),
        ("两百二十", 220),
        ("12", 12),
        ("１２", 12),
    ],
)
def test_chinese_numerals(numeral, value):
    assert chinese_to_int(numeral) == value


def test_articles_chapters_and_preamble():
    parts = parse_articles(DRAFT)

    preamble, *articles = parts
    assert preamble.number is None and preamble.anchor == "preamble"
    assert preamble.text == "临江市公共自行车管理办法（征求意见稿）"
    assert [a.heading for a in articles] == ["第一条", "第二条", "第三条", "第四条", "第五条"]
    assert [a.number for a in articles] == [1, 2, 3, 4, 5]
    third = articles[2]
    assert third.anchor == "art-3"
    assert third.text == (
        "市交通运输主管部门负责公共自行车的统筹协调和监督管理。\n"
        "区人民政府负责本辖区内站点的建设和日常管理。"
    )
    assert third.chapter == "第一章 总则"
    assert articles[3].chapter == "第二章 运营管理"
    # A reference to another article inside the text is not a new article.
    assert "依照本办法第三条的规定" in articles[3].text


def test_large_article_numbers_and_sections():
    text = "第一章 总则\n第一节 一般规定\n第十条 甲。\n第二十一条　乙。\n第一百零一条：丙。"
    parts = parse_articles(text)
    assert [(p.number, p.heading, p.text) for p in parts] == [
        (10, "第十条", "甲。"),
        (21, "第二十一条", "乙。"),
        (101, "第一百零一条", "丙。"),
    ]
    assert parts[0].chapter == "第一章 总则　第一节 一般规定"


def test_without_numbered_articles_falls_back_to_paragraphs():
    text = "一、总体要求\n坚持便民利民。\n\n二、主要任务\n完善站点布局。\n\n\n三、保障措施"
    parts = parse_articles(text)
    assert [(p.number, p.heading, p.anchor) for p in parts] == [
        (1, "第1段", "para-1"),
        (2, "第2段", "para-2"),
        (3, "第3段", "para-3"),
    ]
    assert parts[1].text == "二、主要任务\n完善站点布局。"


def test_one_paragraph_a_line_when_there_are_no_blank_lines():
    parts = parse_articles("坚持便民利民。\r\n完善站点布局。\r\n")
    assert [p.text for p in parts] == ["坚持便民利民。", "完善站点布局。"]


def test_empty_draft():
    assert parse_articles("  \n\n ") == []
