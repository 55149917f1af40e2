import dataclasses
from decimal import Decimal

import pytest

from gongkai.foi.fees import FeeLine, FeeMethod, fee_for


def per_application_by_the_text(nth: int) -> Decimal:
    """Art. 4 read literally: free to 10, 100 元 to 30, then +100 元 per band of 10."""
    if nth <= 10:
        return Decimal(0)
    if nth <= 30:
        return Decimal(100)
    return Decimal(100) + Decimal(100) * ((nth - 31) // 10 + 1)


def per_page_by_the_text(pages: int) -> Decimal:
    """Art. 5 read page by page: each page costs the price of the band it falls in."""

    def price(page):
        return 0 if page <= 30 else 10 if page <= 100 else 20 if page <= 200 else 40

    return Decimal(sum(price(page) for page in range(1, pages + 1)))


# --- 按件计收 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nth", "amount"),
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (50, 300), (51, 400)],
)
def test_per_application_band_edges(nth, amount):
    quote = fee_for(FeeMethod.BY_APPLICATION, nth_in_month=nth)
    assert quote.amount == Decimal(amount)
    assert quote.method == FeeMethod.BY_APPLICATION


def test_per_application_matches_the_text_for_a_busy_month():
    for nth in range(1, 201):
        assert fee_for("per_application", nth_in_month=nth).amount == per_application_by_the_text(
            nth
        )


def test_per_application_breakdown_names_the_band():
    quote = fee_for(FeeMethod.BY_APPLICATION, nth_in_month=35)
    assert quote.breakdown == (
        FeeLine("本自然月第35件（第31—40件档）", 1, Decimal("200.00"), Decimal("200.00")),
    )
    assert "第四条" in quote.basis


def test_free_application_is_free():
    quote = fee_for(FeeMethod.BY_APPLICATION, nth_in_month=10)
    assert quote.is_free
    assert quote.breakdown[0].label == "本自然月第10件（第1—10件档）"
    assert quote.breakdown[0].subtotal == 0


# --- 按量计收 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pages", "amount"),
    [
        (0, 0),
        (1, 0),
        (30, 0),
        (31, 10),
        (100, 700),
        (101, 720),
        (150, 1700),
        (200, 2700),
        (201, 2740),
        (250, 4700),
    ],
)
def test_per_page_band_edges(pages, amount):
    quote = fee_for(FeeMethod.BY_PAGE, pages=pages)
    assert quote.amount == Decimal(amount)
    assert quote.method == FeeMethod.BY_PAGE


def test_per_page_is_charged_on_the_excess_only():
    for pages in range(0, 451):
        assert fee_for("per_page", pages=pages).amount == per_page_by_the_text(pages)


def test_per_page_breakdown_for_150_pages():
    quote = fee_for(FeeMethod.BY_PAGE, pages=150)
    assert quote.breakdown == (
        FeeLine("第1—30页", 30, Decimal("0.00"), Decimal("0.00")),
        FeeLine("第31—100页", 70, Decimal("10.00"), Decimal("700.00")),
        FeeLine("第101—200页", 50, Decimal("20.00"), Decimal("1000.00")),
    )
    assert quote.amount == Decimal("1700.00")
    assert sum(line.subtotal for line in quote.breakdown) == quote.amount
    assert "第五条" in quote.basis


def test_per_page_breakdown_above_200_pages():
    (*_, last) = fee_for(FeeMethod.BY_PAGE, pages=230).breakdown
    assert last == FeeLine("第201页及以后", 30, Decimal("40.00"), Decimal("1200.00"))


def test_no_pages_has_no_lines():
    quote = fee_for(FeeMethod.BY_PAGE, pages=0)
    assert quote.breakdown == ()
    assert quote.is_free


# --- 报价 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "kwargs"),
    [
        (FeeMethod.BY_APPLICATION, {"nth_in_month": 1}),
        (FeeMethod.BY_APPLICATION, {"nth_in_month": 45}),
        (FeeMethod.BY_PAGE, {"pages": 0}),
        (FeeMethod.BY_PAGE, {"pages": 150}),
    ],
)
def test_quotes_are_in_yuan_with_two_places_and_name_the_rules(method, kwargs):
    quote = fee_for(method, **kwargs)
    assert quote.amount.as_tuple().exponent == -2
    assert all(line.subtotal.as_tuple().exponent == -2 for line in quote.breakdown)
    assert "《政府信息公开信息处理费管理办法》" in quote.basis
    assert "国办函〔2020〕109号" in quote.basis


def test_quote_is_frozen():
    quote = fee_for(FeeMethod.BY_PAGE, pages=40)
    with pytest.raises(dataclasses.FrozenInstanceError):
        quote.amount = Decimal(0)


def test_fee_method_labels():
    assert FeeMethod.BY_APPLICATION == "per_application"
    assert FeeMethod.BY_APPLICATION.label == "按件计收"
    assert FeeMethod.BY_PAGE == "per_page"
    assert FeeMethod.BY_PAGE.label == "按量计收"


# --- 无效输入 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "kwargs"),
    [
        (FeeMethod.BY_APPLICATION, {"nth_in_month": 12, "pages": 40}),
        (FeeMethod.BY_PAGE, {"nth_in_month": 12, "pages": 40}),
        (FeeMethod.BY_APPLICATION, {"nth_in_month": 12, "pages": 0}),
        (FeeMethod.BY_PAGE, {"nth_in_month": 1, "pages": 40}),
    ],
)
def test_never_both_methods(method, kwargs):
    with pytest.raises(ValueError, match="只能采用一种计收方式"):
        fee_for(method, **kwargs)


@pytest.mark.parametrize(
    ("method", "kwargs", "message"),
    [
        ("both", {"pages": 40}, "收费方式无效"),
        (None, {"pages": 40}, "收费方式无效"),
        (FeeMethod.BY_APPLICATION, {}, "须提供 nth_in_month"),
        (FeeMethod.BY_PAGE, {}, "须提供 pages"),
        (FeeMethod.BY_APPLICATION, {"nth_in_month": 0}, "不小于1的整数"),
        (FeeMethod.BY_APPLICATION, {"nth_in_month": -3}, "不小于1的整数"),
        (FeeMethod.BY_APPLICATION, {"nth_in_month": 11.5}, "不小于1的整数"),
        (FeeMethod.BY_APPLICATION, {"nth_in_month": "11"}, "不小于1的整数"),
        (FeeMethod.BY_APPLICATION, {"nth_in_month": True}, "不小于1的整数"),
        (FeeMethod.BY_PAGE, {"pages": -1}, "不小于0的整数"),
        (FeeMethod.BY_PAGE, {"pages": Decimal("31")}, "不小于0的整数"),
        (FeeMethod.BY_PAGE, {"pages": 30.0}, "不小于0的整数"),
    ],
)
def test_invalid_inputs(method, kwargs, message):
    with pytest.raises(ValueError, match=message):
        fee_for(method, **kwargs)


def test_quantities_are_keyword_only():
    with pytest.raises(TypeError):
        fee_for(FeeMethod.BY_PAGE, 40)
